# Faults (issue 12): the server is killed with SIGKILL at a random moment
# while acts are being posted, 20 times. Each time: every act acknowledged
# (200) before the kill is in the record at the index its receipt names;
# a restarted server takes every act again (the retries) without a second
# entry for any; and `wtovote verify` passes. Bounded: 20 trials of 12
# concurrent acts; 127.0.0.1 only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
TRIALS=20
MEMBERS="USA IND ZAF BRA CHN JPN"
make_meeting $MEMBERS
start_server
chair table '{"procedure":"majority","title":"Under fire"}'
for m in $MEMBERS; do
    sign "$m-attend.act" "$m" attend
    post_act "$m-attend.act"
    [ "$CODE" = 200 ] || fail "$m attend: $CODE"
done
stop_server
entries=8 # the opening, the item and six attendances
# every act of the trials at one time, so that any order of arrival is admissible
sleep 1
T=$(date -u +%Y-%m-%dT%H:%M:%SZ)

post_json() # ACT OUT: status to OUT.code, body to OUT
{
    curl -s -o "$2" -w '%{http_code}' -H 'Content-Type: application/octet-stream' \
        -H 'Accept: application/json' --data-binary @"$1" "$URL/api/acts" >"$2.code" 2>/dev/null
}

index_of()
{
    sed -n 's/.*"index":\([0-9]*\).*/\1/p' "$1"
}

acked_total=0
for t in $(seq "$TRIALS"); do
    mkdir "t$t"
    for m in $MEMBERS; do
        for j in 1 2; do
            sign "t$t/$m-$j.act" "$m" statement --item 1 --statement "trial $t, $m, $j" --time "$T"
        done
    done
    start_server
    for a in "t$t"/*.act; do
        post_json "$a" "$a.first" &
    done
    sleep "0.$((RANDOM % 6))$((RANDOM % 10))" # 0 to 0.59 s into the load
    kill -KILL "$SPID"
    wait "$SPID" 2>/dev/null
    SPID=
    wait # the clients: answered, or cut off
    acked=0
    start_server # the restart repairs a torn tail, re-signs the checkpoint
    for a in "t$t"/*.act; do
        post_json "$a" "$a.retry"
        [ "$(cat "$a.retry.code")" = 200 ] || fail "trial $t: retry of $a: $(cat "$a.retry.code") $(cat "$a.retry")"
        if [ "$(cat "$a.first.code" 2>/dev/null)" = 200 ]; then
            acked=$((acked + 1))
            # acknowledged before the kill: durable, at the index its receipt named
            [ "$(index_of "$a.first")" = "$(index_of "$a.retry")" ] ||
                fail "trial $t: $a acknowledged as entry $(index_of "$a.first"), now $(index_of "$a.retry")"
        fi
    done
    stop_server
    entries=$((entries + 12))
    expect_exit 0 "$W" verify rec
    expect_grep "record verifies; $entries entries" out
    acked_total=$((acked_total + acked))
    echo "trial $t: $acked of 12 acknowledged before the kill; all 12 in the record once"
done
echo "serve_fault: $TRIALS trials, $acked_total acts acknowledged before a SIGKILL, none lost, none twice"
[ "$acked_total" -gt 0 ] || fail "no act was ever acknowledged before a kill: the test proved nothing"
