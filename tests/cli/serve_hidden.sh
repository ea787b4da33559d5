# Hidden results (issue 12, point 7): while a vote is open no endpoint,
# event or record file served says how anyone voted. /api/state and the
# event stream say who voted and how many; /record/ serves the log only up
# to the CHAIR_VOTE_OPEN entry, with a Secretariat checkpoint of that size,
# so `wtovote verify` passes on it; each ballot's receipt still proves it is
# in. After the close everything is public and verifies, with the tally.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
make_meeting USA IND ZAF
start_server
curl -s -N --max-time 30 "$URL/api/events" >events.txt &
EPID=$!
trap 'kill $EPID 2>/dev/null; [ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT

chair table '{"procedure":"majority","title":"A majority decision"}'
for m in USA IND ZAF; do
    sign "$m-attend.act" "$m" attend
    post_act "$m-attend.act"
    [ "$CODE" = 200 ] || fail "$m attend: $CODE"
done
chair consensus-call '{"item":1}'
sign obj.act USA object --item 1
post_act obj.act
chair vote-open '{"item":1}'
open_index=$(sed -n 's/.*"index":\([0-9]*\).*/\1/p' "$TMP/resp")
[ "$open_index" = 7 ] || fail "vote open at entry $open_index, expected 7"
i=0
for v in USA:yes IND:no ZAF:abstain; do
    m=${v%%:*}
    sign "$m-vote.act" "$m" vote --item 1 --choice "${v#*:}"
    post_act "$m-vote.act"
    [ "$CODE" = 200 ] || fail "$m vote: $CODE $(cat "$TMP/resp")"
    cp "$TMP/resp" "$m-vote.receipt"
    # the receipt proves the ballot is in (against the full tree)
    expect_exit 0 "$W" receipt verify "$m-vote.receipt" --act "$m-vote.act" --pub rec/secretariat.pub
    expect_grep "leaf $((8 + i)) of $((9 + i))" out
    i=$((i + 1))
done

# ---- while the vote is open
curl -sf "$URL/api/state" >state.json || fail "state"
expect_grep '"votes":"hidden until the vote closes"' state.json
expect_grep '"ballots_cast":3' state.json
grep -q '"yes":\|"no":\|"abstain":\|"choice"' state.json && fail "state shows a choice: $(cat state.json)"
grep -q '"withheld":true' state.json || fail "state does not say the log is withheld"
# the board's seats: who voted, never how
positions=$(grep -o '"positions":\[[^]]*\]' state.json)
[ "$(echo "$positions" | grep -o '"voted"' | wc -l)" = 3 ] ||
    fail "positions do not show the 3 Members who voted: $positions"
echo "$positions" | grep -q '"yes"\|"no"\|"abstain"' && fail "positions show a choice: $positions"
mkdir dl
for f in roster.pb secretariat.pub checkpoint log; do
    curl -sf -D "h.$f" -o "dl/$f" "$URL/record/$f" || fail "/record/$f"
done
expect_grep '^Wtovote-Entries: 8' h.log
# the served log is the record's first 8 entries, ballots (entries 8..10) not among them
cmp -s dl/log rec/log -n "$(wc -c <dl/log)" || fail "the served log is not a prefix"
[ "$(wc -c <dl/log)" -lt "$(wc -c <rec/log)" ] || fail "the served log holds the ballots"
expect_exit 0 "$W" verify dl
expect_grep 'record verifies; 8 entries' out
sleep 0.3
grep -q '"choice"\|"yes"\|"no"\|"abstain"' events.txt && fail "an event shows a choice"
[ "$(grep -c '"kind":"vote"' events.txt)" = 3 ] || fail "events do not show the 3 ballots cast: $(cat events.txt)"
grep -q '^data: 8$' events.txt || fail "the checkpoint event is not the published size 8"
grep -q '^data: 11$' events.txt && fail "a checkpoint event covers the ballots"

# ---- after the close: everything public, verifies, the tally re-derived
chair vote-close '{"item":1}'
chair decide '{"item":1}'
for f in checkpoint log; do
    curl -sf -o "dl/$f" "$URL/record/$f" || fail "/record/$f after the close"
done
cmp -s dl/log rec/log || fail "after the close the whole log is served"
expect_exit 0 "$W" verify dl
expect_grep 'record verifies; 13 entries' out
curl -sf "$URL/api/state" >state.json || fail "state"
expect_grep '"votes":{"yes":1,"no":1,"abstain":1' state.json
# after the close the seats show each ballot
positions=$(grep -o '"positions":\[[^]]*\]' state.json)
for c in yes no abstain; do
    [ "$(echo "$positions" | grep -o "\"$c\"" | wc -l)" = 1 ] || fail "positions after the close: $positions"
done
expect_exit 0 "$W" status dl
expect_grep '1 yes, 1 no, 1 abstain' out
# verify URL re-derives the same tally from the published record
expect_exit 0 "$W" verify "$URL" --follow --max-checkpoints 1
expect_grep '^decision: item 1 "A majority decision" (majority): .*; 1 yes, 1 no, 1 abstain (entry 12)' out
sleep 0.3
grep -q '^event: decision$' events.txt || fail "no decision event"
grep -q '^data: 13$' events.txt || fail "no checkpoint event after the close"
kill "$EPID" 2>/dev/null
stop_server
echo "serve_hidden: ok"
