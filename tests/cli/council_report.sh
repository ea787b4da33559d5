# Art. IX:3(b) (issue 14): a waiver of an Annex 1A agreement goes first to
# the Council for Trade in Goods, which considers it and reports; its
# consensus is a recommendation, never a grant. The General Council item
# that follows cites the Council's record (meeting, body, item, outcome and
# the leaf hash of the decision entry) and is decided there. Competence is
# checked at tabling: the Goods Council cannot grant, the GC cannot table
# the Council stage.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE
export WTOVOTE_SECRETARIAT_KEY=sec.key
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

for k in sec ind; do
    expect_exit 0 "$W" keygen --no-password -o "$k"
done
expect_exit 0 "$W" roster new -o r.pb
expect_exit 0 "$W" roster add-key r.pb --member IND --pub ind.pub
expect_exit 0 "$W" roster sign -s sec.key r.pb
terms() { echo --circumstances c --terms t --termination 2030-01-01; }

# ---- the Goods Council: considers and recommends
expect_exit 0 "$W" meeting open ctg --roster r.pb --body goods-council -s sec.key \
    --quorum 1/200 --time 2026-10-30
expect_grep 'opened (goods-council)' out
expect_exit 1 "$W" motion table ctg -s sec.key --procedure waiver-annex1 --title "Grant" \
    $(terms) --time 2026-10-30T10:00:00Z
expect_grep 'WV_REFUSE_NOT_COMPETENT' err
expect_exit 0 "$W" motion table ctg -s sec.key --procedure waiver-annex1-council \
    --title "Kimberley Process waiver" $(terms) --time 2026-10-30T10:01:00Z
expect_grep 'decided by: the Council for Trade in Goods (Annex 1A)' out
expect_exit 0 "$W" attend ctg --member IND -s ind.key --time 2026-10-30T10:02:00Z
expect_exit 0 "$W" consensus call ctg --item 1 -s sec.key --time 2026-10-30T10:03:00Z
expect_exit 1 "$W" vote open ctg --item 1 -s sec.key --time 2026-10-30T10:04:00Z
expect_grep 'WV_REFUSE_NO_VOTE_PROCEDURE' err
expect_exit 0 "$W" decide ctg --item 1 -s sec.key --time 2026-10-30T10:05:00Z --json
expect_grep '"outcome": "recommended"' out
expect_exit 0 "$W" meeting close ctg -s sec.key --time 2026-10-30T11:00:00Z
expect_exit 0 "$W" verify ctg

# ---- the General Council: decides on the Council's report, citing it
expect_exit 0 "$W" meeting open gc --roster r.pb --body general-council -s sec.key \
    --quorum 1/200 --time 2026-11-27
expect_exit 1 "$W" motion table gc -s sec.key --procedure waiver-annex1 --title "Waiver" \
    $(terms) --time 2026-11-27T10:00:00Z
expect_grep 'must cite (Art. IX:3(b))' err
expect_exit 2 "$W" motion table gc -s sec.key --procedure waiver-annex1 --title "Waiver" \
    $(terms) --council-report ctg --time 2026-11-27T10:00:00Z
expect_exit 1 "$W" motion table gc -s sec.key --procedure waiver-annex1 --title "Waiver" \
    $(terms) --council-report ctg:2 --time 2026-11-27T10:00:00Z
expect_grep 'no Council recommendation or report' err
expect_exit 0 "$W" motion table gc -s sec.key --procedure waiver-annex1 --title "Waiver" \
    $(terms) --council-report ctg:1 --time 2026-11-27T10:01:00Z
expect_grep 'on the report of goods-council, meeting CTG-2026-10-30 item 1: recommended' out
expect_exit 0 "$W" attend gc --member IND -s ind.key --time 2026-11-27T10:02:00Z
expect_exit 0 "$W" consensus call gc --item 1 -s sec.key --time 2026-11-27T10:03:00Z
expect_exit 0 "$W" decide gc --item 1 -s sec.key --time 2026-11-27T10:04:00Z --json
expect_grep '"outcome": "adopted"' out

# ---- Art. VII:3 at the same meeting: the budget (the GC's) decided before
# any ballot is pending at the vote stage and publishes both limbs
expect_exit 0 "$W" motion table gc -s sec.key --procedure budget --title "Budget 2027" \
    --time 2026-11-27T10:05:00Z
expect_grep 'and: comprising more than half of the Members \[Art. VII:3\]' out
expect_exit 0 "$W" consensus call gc --item 2 -s sec.key --time 2026-11-27T10:06:00Z
expect_exit 0 "$W" object gc --item 2 --member IND -s ind.key --time 2026-11-27T10:07:00Z
expect_exit 0 "$W" decide gc --item 2 -s sec.key --time 2026-11-27T10:08:00Z
expect_exit 0 "$W" status gc --json
expect_grep '"votes_cast": null' out
expect_grep '"members": 84' out
expect_exit 0 "$W" meeting close gc -s sec.key --time 2026-11-27T11:00:00Z
expect_exit 0 "$W" verify gc
expect_exit 0 "$W" report gc -o gc.html
expect_grep 'On the report of goods-council, meeting CTG-2026-10-30 item 1' gc.html
expect_grep 'Both limbs must be met: a two-thirds majority of the votes cast: a number once the votes are cast' gc.html
expect_grep 'comprising more than half of the Members: <b>84</b> yes needed' gc.html
