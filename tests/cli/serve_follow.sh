# wtovote verify URL and verify URL --follow (issue 12, point 5): a record
# published by wtovote serve verifies over HTTP; a monitor following a
# growing record verifies each new checkpoint against the last (V10) and
# prints the decisions as they land; a server that rewrites history (a
# record forked from an earlier state, served again at the same URL) fails
# the follower at V10. Bounded: --max-seconds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
FPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; [ -n "$FPID" ] && kill "$FPID" 2>/dev/null; rm -rf "$TMP"' EXIT
make_meeting USA IND ZAF
start_server

# ---- one check of the published record
expect_exit 0 "$W" verify "$URL"
expect_grep "^$URL: record verifies; 1 entries" out
expect_exit 2 "$W" verify "$URL/nothing-here"

wait_for() # PATTERN FILE: up to 20 s
{
    local i
    for i in $(seq 200); do
        grep -q "$1" "$2" && return 0
        sleep 0.1
    done
    fail "$2 never showed '$1': $(cat "$2")"
}

# ---- a growing record, followed
"$W" verify "$URL" --follow --interval 100 --max-seconds 60 >follow.out 2>follow.err &
FPID=$!
wait_for 'checkpoint 1 verifies' follow.out
chair table '{"procedure":"majority","title":"Growing"}'
wait_for 'checkpoint 2 verifies and extends checkpoint 1' follow.out
for m in USA IND ZAF; do
    sign "$m.act" "$m" attend
    post_act "$m.act"
done
chair consensus-call '{"item":1}'
sign obj.act USA object --item 1
post_act obj.act
chair vote-open '{"item":1}'
for v in USA:yes IND:yes ZAF:no; do
    sign "${v%%:*}-v.act" "${v%%:*}" vote --item 1 --choice "${v#*:}"
    post_act "${v%%:*}-v.act"
done
chair vote-close '{"item":1}'
chair decide '{"item":1}'
wait_for 'checkpoint 13 verifies and extends' follow.out
wait_for '^decision: item 1 "Growing" (majority): adopted; 2 yes, 1 no, 0 abstain (entry 12)' follow.out
kill "$FPID"
wait "$FPID" 2>/dev/null
FPID=
# while the vote was open the follower saw only the prefix up to the vote
# opening (8 entries), never a checkpoint covering a ballot before the close
grep -q 'checkpoint 9 \|checkpoint 10 \|checkpoint 11 ' follow.out &&
    fail "a checkpoint covering open ballots was published: $(cat follow.out)"
expect_exit 0 "$W" verify "$URL"
expect_grep 'record verifies; 13 entries' out

# ---- history rewritten: the follower fails at V10
stop_server
cp -r rec rec-early                     # the record at 13 entries
start_server
sign s1.act USA leave
post_act s1.act
chair close '{}'                         # 15 entries
"$W" verify "$URL" --follow --interval 100 --max-seconds 60 >fork.out 2>fork.err &
FPID=$!
wait_for 'checkpoint 15 verifies' fork.out
port=$PORT
stop_server
rm -rf rec && mv rec-early rec          # back to 13 entries, then another story
expect_exit 0 "$W" leave rec --member IND -s ind.key -S sec.key
expect_exit 0 "$W" leave rec --member ZAF -s zaf.key -S sec.key
expect_exit 0 "$W" meeting close rec -s sec.key  # 16 entries, the first 13 shared
start_server "$port"
rc=0
wait "$FPID" || rc=$?
FPID=
[ "$rc" = 1 ] || fail "the follower exited $rc on a forked record: $(cat fork.out fork.err)"
expect_grep '^V10  consistency with earlier checkpoint  FAIL' fork.out
grep -q 'shrank' fork.out && fail "the fork was not caught by the consistency proof: $(cat fork.out)"
expect_grep 'record does NOT verify' fork.out
stop_server
echo "serve_follow: ok"
