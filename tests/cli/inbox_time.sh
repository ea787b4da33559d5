# The time model at the Secretariat's door (SPEC.md, "Time model"; issue 11):
# offline acts named against time order are taken in the order of their
# signed times; a stale act (signed while the vote was open, handed in after
# it closed) and an act an hour ahead of the Secretariat's clock are refused
# with their reasons, moved to inbox/refused/ with a .why beside them, and
# the log does not grow for them; nothing is left in the inbox or lost.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

small_roster usa ind zaf
expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key \
    --id GC-INBOX --quorum 1/100
for k in usa ind zaf; do
    expect_exit 0 "$W" attend rec --member "$(echo $k | tr a-z A-Z)" -s "$k.key" -S sec.key
done
expect_exit 0 "$W" motion table rec --procedure majority --title "A decision" -s sec.key
now=$(date -u +%s)
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# three statements named a, b, c, signed at t+3, t+2, t+1: all admitted, in
# time order (c, b, a)
mkdir inbox
for x in "a 3" "b 2" "c 1"; do
    set -- $x
    expect_exit 0 "$W" act sign --record rec --member USA --kind statement --item 1 \
        --statement "statement $1" --time "$(iso $((now + $2)))" -s usa.key -o "inbox/$1.act"
done
expect_exit 0 "$W" submit rec -s sec.key --inbox inbox
expect_grep '3 of 3 act(s) in the record' out
c=$(grep -n 'inbox/c.act' out | cut -d: -f1)
b=$(grep -n 'inbox/b.act' out | cut -d: -f1)
a=$(grep -n 'inbox/a.act' out | cut -d: -f1)
[ "$c" -lt "$b" ] && [ "$b" -lt "$a" ] || fail "inbox not taken in signed-time order"
ec=$(grep 'inbox/c.act' out | sed 's/.*entry \([0-9]*\).*/\1/')
ea=$(grep 'inbox/a.act' out | sed 's/.*entry \([0-9]*\).*/\1/')
[ "$ec" -lt "$ea" ] || fail "c (t+1) was not recorded before a (t+3)"
for n in a b c; do
    [ -f inbox/done/$n.act ] && [ -f inbox/done/$n.act.receipt ] || fail "$n not in done/"
done

# a ballot signed while the vote is open, handed in after the close: stale
expect_exit 0 "$W" consensus call rec --item 1 -s sec.key
expect_exit 0 "$W" object rec --item 1 --member ZAF -s zaf.key -S sec.key
expect_exit 0 "$W" vote open rec --item 1 -s sec.key
expect_exit 0 "$W" act sign --record rec --member IND --kind vote --item 1 --choice yes \
    -s ind.key -o inbox/ind-vote.act
expect_exit 0 "$W" vote close rec --item 1 -s sec.key --time "$(iso $((now + 5)))"
# an act an hour ahead of the Secretariat's clock
expect_exit 0 "$W" act sign --record rec --member USA --kind statement --item 1 \
    --statement "from the future" --time "$(iso $((now + 3600)))" -s usa.key \
    -o inbox/usa-ahead.act
cp rec/log log.before
expect_exit 1 "$W" submit rec -s sec.key --inbox inbox
cmp -s rec/log log.before || fail "refused acts changed the log"
expect_grep '0 of 2 act(s) in the record' out
grep -q 'WV_REFUSE_STALE' inbox/refused/ind-vote.act.why || fail "no stale reason"
grep -q 'the vote closed' inbox/refused/ind-vote.act.why || fail "stale reason unclear"
grep -q 'WV_REFUSE_TIME_AHEAD' inbox/refused/usa-ahead.act.why || fail "no skew reason"
grep -q "check the delegation's clock" inbox/refused/usa-ahead.act.why || fail "no hint"
grep -q 'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' inbox/refused/usa-ahead.act.why ||
    fail "times not in ISO 8601 UTC"
[ -z "$(ls inbox/*.act 2>/dev/null)" ] || fail "acts left in the inbox"
expect_exit 0 "$W" verify rec --pub sec.pub
echo ok
