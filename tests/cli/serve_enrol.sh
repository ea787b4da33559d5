# Enrolment during a meeting (issue 12, point 3): a delegation presents a
# new public key (POST /api/enrol, pending with its fingerprint); its acts
# are refused until the chair confirms the fingerprint, which appends a
# signed CHAIR_KEY_ENROL; from that entry on the key signs that Member's
# acts (and only that Member's); the verifier accepts the record (V4), a
# restart replays the enrolment, and the roster file is unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
make_meeting USA IND
cp rec/roster.pb roster-at-opening.pb
expect_exit 0 "$W" keygen --no-password -o zaf
start_server

present() # MEMBER PUBFILE
{
    local pub
    pub=$(awk '{printf "%s\\n", $0}' "$2")
    CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -d "{\"member\":\"$1\",\"public_key\":\"$pub\"}" \
        "$URL/api/enrol")
}

# ---- before enrolment: ZAF's new key signs nothing
sign zaf-attend.act ZAF attend
before=$(log_bytes)
post_act zaf-attend.act
expect_refusal 403 WV_ERR_KEY_UNKNOWN
[ "$(log_bytes)" = "$before" ] || fail "a refused act grew the log"

# ---- presenting: pending, with the fingerprint (SHA-256 of the key)
present ZAF zaf.pub
[ "$CODE" = 202 ] || fail "enrol: $CODE $(cat "$TMP/resp")"
fp=$(sed -n 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/p' "$TMP/resp")
[ ${#fp} = 64 ] || fail "no fingerprint: $(cat "$TMP/resp")"
curl -sf "$URL/api/enrolments" >pending.json || fail "enrolments"
expect_grep "\"member\":\"ZAF\".*\"fingerprint\":\"$fp\"" pending.json
present ZZZ zaf.pub
expect_refusal 400 WV_ERR_MEMBER_UNKNOWN
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -d '{"member":"ZAF","public_key":"junk"}' \
    "$URL/api/enrol")
[ "$CODE" = 400 ] || fail "a junk key was taken: $CODE"
[ "$(log_bytes)" = "$before" ] || fail "presenting a key wrote to the log"

# ---- the chair confirms by fingerprint (token needed; a wrong one is refused)
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -d "{\"fingerprint\":\"$fp\"}" "$URL/api/chair/enrol")
expect_refusal 401 WV_HTTP_UNAUTHORIZED
chair enrol '{"fingerprint":"00"}' may-refuse
expect_refusal 409 WV_REFUSE_MALFORMED
[ "$(log_bytes)" = "$before" ] || fail "a refused enrolment wrote to the log"
chair enrol "{\"fingerprint\":\"$fp\"}"
curl -sf "$URL/api/enrolments" >pending.json
[ "$(cat pending.json)" = "[]" ] || fail "still pending after the enrolment: $(cat pending.json)"
curl -s -N --max-time 1 "$URL/api/events" >events.txt
expect_grep '"kind":"key-enrol","item":0,.*"member":"ZAF"' events.txt

# ---- from that entry on: ZAF's acts with the key; nobody else's
sign zaf-attend.act ZAF attend
post_act zaf-attend.act
[ "$CODE" = 200 ] || fail "ZAF's act with its enrolled key: $CODE $(cat "$TMP/resp")"
expect_exit 0 "$W" receipt verify "$TMP/resp" --act zaf-attend.act --pub rec/secretariat.pub
expect_exit 0 "$W" act sign --record rec --member USA --kind attend -s zaf.key -o usa-by-zaf.act
before=$(log_bytes)
post_act usa-by-zaf.act
expect_refusal 403 WV_ERR_KEY_WRONG_MEMBER
[ "$(log_bytes)" = "$before" ] || fail "an act of USA signed with ZAF's key grew the log"

# ---- a key already in use cannot be enrolled again (ZAF's, or USA's roster key)
present ZAF zaf.pub
fp=$(sed -n 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/p' "$TMP/resp")
chair enrol "{\"fingerprint\":\"$fp\"}" may-refuse
expect_refusal 409 WV_REFUSE_KEY_EXISTS
present IND usa.pub
fp=$(sed -n 's/.*"fingerprint":"\([0-9a-f]*\)".*/\1/p' "$TMP/resp")
chair enrol "{\"fingerprint\":\"$fp\"}" may-refuse
expect_refusal 409 WV_REFUSE_KEY_EXISTS
[ "$(log_bytes)" = "$before" ] || fail "a refused enrolment grew the log"

# ---- the record verifies (V4 with the enrolment); a restart replays it
stop_server
expect_exit 0 "$W" verify rec
expect_grep '^V4   keys valid at time of use            pass' out
cmp -s rec/roster.pb roster-at-opening.pb || fail "the roster file changed"
start_server
sign zaf-leave.act ZAF leave
post_act zaf-leave.act
[ "$CODE" = 200 ] || fail "ZAF's key after a restart: $CODE $(cat "$TMP/resp")"
stop_server
expect_exit 0 "$W" verify rec
echo "serve_enrol: ok"
