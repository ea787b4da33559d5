# `wtovote serve --demo` (issue 13, point 4): a ready room where one
# delegation (KEN; not an EU member State, whose ballots the EU's bloc
# casts, Art. IX:1 fn 2) is played by an outside client (the CLI and curl,
# as a browser page would) and the other 165 by the simulator's model. The
# client presents a key, the automated chair enrols it, the client attends,
# objects and asks for a vote (WT/L/93), votes; the chair moves on as soon
# as it has acted (well within --demo-pace), decides the Art. IX:3(a)
# waiver and closes; the model never acts for KEN once its seat is taken;
# the record verifies against the Secretariat key the demo wrote.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
PACE=30

# --demo makes its own record and keys; an occupied --out is refused
expect_exit 2 "$W" serve --demo rec -s sec.key
mkdir busy && touch busy/x
expect_exit 2 "$W" serve --demo --out busy
expect_grep 'new or empty directory' "$TMP/err"

serve_with --demo --out demo --listen 127.0.0.1:0 --demo-pace $PACE --demo-wait 60
expect_grep '/delegate$' "$TMP/serve.out"

wait_for() # PATTERN SECONDS: a line of the server's output
{
    local i
    for i in $(seq $(($2 * 10))); do
        grep -q -e "$1" "$TMP/serve.out" && return 0
        kill -0 "$SPID" 2>/dev/null || fail "serve exited: $(cat "$TMP/serve.err")"
        sleep 0.1
    done
    fail "no '$1' within $2 s: $(cat "$TMP/serve.out")"
}

curl -s -o state.json "$URL/api/state" || fail "no state"
MEETING=$(grep -o '"id":"DEMO-GC-[0-9-]*"' state.json | head -1 | cut -d'"' -f4)
[ -n "$MEETING" ] || fail "no demo meeting in the state: $(head -c 300 state.json)"
REF=$(grep -o '"meeting_ref":"[0-9a-f]\{64\}"' state.json | head -1 | cut -d'"' -f4)
[ -n "$REF" ] || fail "no meeting_ref in the state"
grep -q '"procedure":"waiver"' state.json || fail "no waiver tabled: $(head -c 600 state.json)"
grep -q '"members":166' state.json || fail "not the 166-Member roster"

# ---- KEN's delegation presents its own key; the chair enrols it
expect_exit 0 "$W" keygen --no-password -o ken
pub=$(awk '{printf "%s\\n", $0}' ken.pub)
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -d "{\"member\":\"KEN\",\"public_key\":\"$pub\"}" \
    "$URL/api/enrol")
[ "$CODE" = 202 ] || fail "enrolment: $CODE $(cat "$TMP/resp")"
wait_for 'KEN is now played from a browser' 20

ken() # KIND [options]: KEN signs and posts an act; 200 expected
{
    local kind=$1
    shift
    expect_exit 0 "$W" act sign --meeting "$MEETING" --meeting-ref "$REF" --member KEN --kind "$kind" -s ken.key \
        -o "ken-$kind.act" -f "$@"
    post_act "ken-$kind.act"
    [ "$CODE" = 200 ] || fail "KEN $kind: $CODE $(cat "$TMP/resp")"
}

ken attend
wait_for 'chair: consensus-call' 30
ken object --item 1
ken request-vote --item 1
wait_for 'chair: vote-open' $PACE
ken vote --item 1 --choice yes
voted=$(date +%s)
wait_for 'chair: vote-close' $PACE
[ $(($(date +%s) - voted)) -lt $((PACE - 5)) ] ||
    fail "the chair waited out the pace although the only browser delegation had voted"
wait_for '^demo: decided: ' 10
wait_for 'chair: close' 10
expect_grep '^demo: decided: [a-z]* (vote): yes [0-9]*, no [0-9]*' "$TMP/serve.out"

# the model acted for the others, never for KEN after its enrolment
curl -s -m 3 -o events.txt "$URL/api/events"
n_ken=$(grep '"type":"act"' events.txt | grep -c '"member":"KEN"')
[ "$(grep '"kind":"key-enrol"' events.txt | grep -c '"member":"KEN"')" = 1 ] ||
    fail "KEN's key was not enrolled once"
[ "$n_ken" = 4 ] || fail "KEN has $n_ken acts in the log, expected its own 4"
n_votes=$(grep -c '"kind":"vote"' events.txt)
[ "$n_votes" -gt 100 ] || fail "only $n_votes ballots: the model did not vote"
grep -q '"kind":"decide".*Art. IX:3' events.txt || fail "no decision citing Art. IX:3"

stop_server
expect_exit 0 "$W" verify demo/record --pub demo/secretariat.pub
expect_grep 'record verifies' "$TMP/out"
echo "ok"
