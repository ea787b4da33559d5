# wtovote serve (issue 12): acts posted over HTTP get their receipt, a
# re-posted act its same receipt and no second entry; every refusal gets
# its HTTP status and the CLI's refusal code and message, and the log does
# not grow; chair requests need the token; /record/ serves only the four
# record files (no path traversal); every response carries the CSP; SIGTERM
# stops cleanly and a restart resumes. 127.0.0.1 only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
make_meeting USA IND ZAF
expect_exit 0 "$W" keygen --no-password -o stranger
start_server

# ---- every response: strict CSP and nosniff (an answer, a refusal, a 404)
for path in /api/state /nope /record/log; do
    curl -s -D "$TMP/h" -o /dev/null "$URL$path"
    grep -qi "^Content-Security-Policy: default-src 'none'" "$TMP/h" || fail "$path: no CSP"
    grep -qi '^X-Content-Type-Options: nosniff' "$TMP/h" || fail "$path: no nosniff"
done

# ---- the agenda, through chair requests (bearer token)
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -d '{}' "$URL/api/chair/table")
expect_refusal 401 WV_HTTP_UNAUTHORIZED
case $TOKEN in a*) wrong=b${TOKEN#?} ;; *) wrong=a${TOKEN#?} ;; esac
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -H "Authorization: Bearer $wrong" -d '{}' \
    "$URL/api/chair/table")
expect_refusal 401 WV_HTTP_UNAUTHORIZED
chair table '{"procedure":"majority","title":"A majority decision"}'
expect_grep '"index":1' "$TMP/resp"

# ---- an act: 200 with a receipt that verifies offline
sign usa-attend.act USA attend
post_act usa-attend.act
[ "$CODE" = 200 ] || fail "attend: $CODE $(cat "$TMP/resp")"
cp "$TMP/resp" usa-attend.receipt
expect_exit 0 "$W" receipt verify usa-attend.receipt --act usa-attend.act --pub rec/secretariat.pub
expect_grep 'leaf 2 of 3' out

# ---- the same signed act again: the same receipt, no second entry
before=$(log_bytes)
post_act usa-attend.act
[ "$CODE" = 200 ] || fail "re-post: $CODE"
cmp -s "$TMP/resp" usa-attend.receipt || fail "a re-posted act got another receipt"
[ "$(log_bytes)" = "$before" ] || fail "a re-posted act grew the log"

# ---- refusals: status, code, message, and the log does not grow
refused()
{
    local file=$1 status=$2 code=$3 before
    before=$(log_bytes)
    post_act "$file"
    expect_refusal "$status" "$code"
    [ "$(log_bytes)" = "$before" ] || fail "$file: the log grew on a refusal"
    sed -n 's/.*"message":"\(.*\)"}$/\1/p' "$TMP/resp" | sed 's/\\"/"/g' >"$file.msg"
}
# bad signature: the last byte of the envelope is the signature's last
sign ind-attend.act IND attend
cp ind-attend.act badsig.act
last=$(tail -c 1 ind-attend.act | od -An -tu1 | tr -d ' ')
printf "\\$(printf %o $((last ^ 1)))" |
    dd of=badsig.act bs=1 seek=$(($(wc -c <badsig.act) - 1)) conv=notrunc 2>/dev/null
refused badsig.act 403 WV_ERR_BAD_SIGNATURE
# a key not enrolled for the Member
expect_exit 0 "$W" act sign --record rec --member ZAF --kind attend -s stranger.key -o notenrolled.act
refused notenrolled.act 403 WV_ERR_KEY_UNKNOWN
# a non-member: a code the roster does not hold, with an unknown key
expect_exit 0 "$W" act sign --record rec --member ZZZ --kind attend -s stranger.key -o nonmember.act
refused nonmember.act 403 WV_ERR_KEY_UNKNOWN
# a non-canonical body: the envelope's version field repeated
{ cat ind-attend.act; printf '\010\001'; } >noncanon.act
refused noncanon.act 400 WV_ERR_NONCANONICAL
# not protobuf at all
printf 'not an envelope' >garbage.act
refused garbage.act 400 WV_ERR_DECODE
# an act too far ahead of the server's clock: a day beyond it, past the
# meeting's allowed skew (SPEC.md, "Time model"), refused at the door
sign ahead.act IND attend --time "$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)"
refused ahead.act 409 WV_REFUSE_TIME_AHEAD
grep -q 'ahead of' ahead.act.msg || fail "time ahead: the message says $(cat ahead.act.msg)"
# a state-machine refusal: USA attends twice (a new signature, a new act)
sign usa-attend2.act USA attend --statement again
refused usa-attend2.act 409 WV_REFUSE_ALREADY_PRESENT
# oversized: over 1 MiB, answered 413 before being read
head -c 1100000 /dev/zero >big.act
refused big.act 413 WV_HTTP_TOO_LARGE
# wrong media type
before=$(log_bytes)
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -H 'Content-Type: text/plain' \
    --data-binary @ind-attend.act "$URL/api/acts")
expect_refusal 415 WV_HTTP_MEDIA_TYPE
[ "$(log_bytes)" = "$before" ] || fail "415: the log grew"
# unknown endpoint, wrong method
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' --data-binary @ind-attend.act "$URL/api/act")
expect_refusal 404 WV_HTTP_NOT_FOUND
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' "$URL/api/acts")
expect_refusal 405 WV_HTTP_METHOD
[ "$(log_bytes)" = "$before" ] || fail "404/405: the log grew"

# ---- ballots: a second ballot and a ballot after the close
post_act ind-attend.act
[ "$CODE" = 200 ] || fail "IND attend: $CODE"
chair consensus-call '{"item":1}'
sign usa-object.act USA object --item 1
post_act usa-object.act
chair vote-open '{"item":1}'
sign usa-yes.act USA vote --item 1 --choice yes
post_act usa-yes.act
[ "$CODE" = 200 ] || fail "USA vote: $CODE $(cat "$TMP/resp")"
sign usa-no.act USA vote --item 1 --choice no
refused usa-no.act 409 WV_REFUSE_ALREADY_VOTED
# the record as it stands now, for the CLI to refuse the same acts below;
# the server restarts mid-vote and carries on
stop_server
cp -r rec cli-rec
start_server
chair vote-close '{"item":1}'
sign ind-yes.act IND vote --item 1 --choice yes
refused ind-yes.act 409 WV_REFUSE_VOTE_CLOSED
# (a second later: the same request in the same second builds the same
# signed bytes, answered as a re-post with the existing entry)
sleep 1.1
chair vote-close '{"item":1}' may-refuse
expect_refusal 409 WV_REFUSE_OUT_OF_ORDER
chair decide '{"item":1}'
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' "$URL/api/state")
expect_grep '"outcome":"adopted"' "$TMP/resp"
# the meeting_ref a page signs acts with (SPEC.md, "Meeting identity")
expect_exit 0 "$W" status rec
ref=$(sed -n 's/^  meeting_ref \([0-9a-f]\{64\}\) .*/\1/p' "$TMP/out")
[ ${#ref} = 64 ] || fail "status prints no meeting_ref"
expect_grep "\"meeting_ref\":\"$ref\"" "$TMP/resp"

# ---- /record/: the four files, nothing else (no path traversal)
for f in roster.pb secretariat.pub checkpoint log; do
    curl -sf -o "$f.dl" "$URL/record/$f" || fail "/record/$f"
done
cmp -s roster.pb.dl rec/roster.pb || fail "/record/roster.pb differs"
cmp -s log.dl rec/log || fail "/record/log differs (no vote open: all of it)"
for p in /record/../sec.key /record/%2e%2e/sec.key /record/receipts /record/ /record \
    "/record/log/../../sec.key" /record//etc/passwd; do
    CODE=$(curl -s --path-as-is -o "$TMP/resp" -w '%{http_code}' "$URL$p")
    [ "$CODE" = 404 ] || fail "$p: $CODE"
    grep -q PRIVATE "$TMP/resp" && fail "$p served a key"
done
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' "$URL/record/log?entries=99999")
expect_refusal 404 WV_HTTP_NOT_PUBLISHED
curl -sf -o log3.dl "$URL/record/log?entries=3" || fail "log?entries=3"
[ "$(wc -c <log3.dl)" -lt "$(wc -c <rec/log)" ] || fail "log?entries=3 is not a prefix"
cmp -s log3.dl rec/log -n "$(wc -c <log3.dl)" || fail "log?entries=3 differs from the log"

# ---- stop, restart: resumes; the old act is answered with its entry
stop_server
expect_exit 0 "$W" verify rec
start_server
before=$(log_bytes)
post_act usa-attend.act
[ "$CODE" = 200 ] || fail "re-post after restart: $CODE"
expect_exit 0 "$W" receipt verify "$TMP/resp" --act usa-attend.act --pub rec/secretariat.pub
expect_grep 'leaf 2 of ' out
[ "$(log_bytes)" = "$before" ] || fail "a re-post after restart grew the log"
stop_server

# ---- the same refusals from the CLI: same code and message
# (signed again now: the copy's last input is later than the first ones)
sign usa-no.again USA vote --item 1 --choice no
sign usa-attend2.again USA attend --statement again
for f in usa-no usa-attend2; do
    expect_exit 1 "$W" submit cli-rec -s sec.key "$f.again"
    grep -qF "$(cat "$f.act.msg")" err || fail "$f: the CLI says $(cat err), the server $(cat "$f.act.msg")"
done
expect_exit 1 "$W" submit cli-rec -s sec.key badsig.act
grep -qF "$(cat badsig.act.msg)" err || fail "badsig: CLI $(cat err) vs server $(cat badsig.act.msg)"
echo "serve_api: ok"
