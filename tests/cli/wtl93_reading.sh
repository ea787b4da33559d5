# The WT/L/93 reading is part of the signed record (SPEC.md, "Procedures":
# WT/L/93 vote request). Since issue 14 one reading stands, period-end: a
# General Council decision cannot shorten the period Art. IX:3(a) sets, so a
# Member's request for a vote takes effect when the period has run without
# consensus; with no period (accession, XII:2) at once. A waiver with a
# 30-day period, an objection and a request on day 1: no vote opens until
# day 30, a decision published on day 1 is pending at the consensus stage,
# and the record verifies. The retired readings are refused, with why.
# Competence (issue 14): a body that is not competent cannot table an item.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE
export WTOVOTE_SECRETARIAT_KEY=sec.key
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

for k in sec ind zaf; do
    expect_exit 0 "$W" keygen --no-password -o "$k"
done
expect_exit 0 "$W" roster new -o r.pb
expect_exit 0 "$W" roster add-key r.pb --member IND --pub ind.pub
expect_exit 0 "$W" roster add-key r.pb --member ZAF --pub zaf.pub
expect_exit 0 "$W" roster sign -s sec.key r.pb

# Readings the rules do not know, and the retired ones: usage error, nothing made.
expect_exit 2 "$W" meeting open bad --roster r.pb --body general-council -s sec.key \
    --wtl93 sometimes
expect_grep "is not a reading (the one reading is period-end)" err
expect_exit 2 "$W" meeting open bad --roster r.pb --body general-council -s sec.key \
    --wtl93 shortens
expect_grep "cannot shorten the consensus period the Agreement sets (Art. IX:3(a))" err
expect_exit 2 "$W" meeting open bad --roster r.pb --body general-council -s sec.key \
    --wtl93 required
expect_grep "wherever consensus cannot be reached" err
[ ! -e bad ] || fail "a refused --wtl93 left a record directory"

# One waiver item up to a vote request on day 1.
expect_exit 0 "$W" meeting open ap --roster r.pb --body general-council -s sec.key \
    --id GC-WTL93 --quorum 1/100 --time 2026-11-27 --wtl93 period-end
expect_grep "WT/L/93 vote requests: read as 'period-end'" out
expect_exit 0 "$W" motion table ap -s sec.key --procedure waiver --title "Waiver" \
    --circumstances c --terms t --termination 2030-01-01 --period 30 \
    --time 2026-11-27T10:01:00Z
expect_grep 'decided by: the Ministerial Conference, and the General Council between' out
expect_exit 0 "$W" attend ap --member IND -s ind.key --time 2026-11-27T10:02:00Z
expect_exit 0 "$W" attend ap --member ZAF -s zaf.key --time 2026-11-27T10:03:00Z
expect_exit 0 "$W" consensus call ap --item 1 -s sec.key --time 2026-11-27T10:04:00Z
expect_exit 0 "$W" object ap --item 1 --member ZAF -s zaf.key --time 2026-11-28T10:00:00Z
expect_exit 0 "$W" request-vote ap --item 1 --member IND -s ind.key \
    --time 2026-11-28T10:01:00Z

# the request opens nothing until day 30
cp ap/log log.before
expect_exit 1 "$W" vote open ap --item 1 -s sec.key --time 2026-11-28T10:02:00Z
expect_grep 'WV_REFUSE_PERIOD_RUNNING' err
expect_grep 'the vote request takes effect when it ends' err
cmp -s ap/log log.before || fail "a refused vote opening changed the log"
expect_exit 0 "$W" decide ap --item 1 -s sec.key --time 2026-11-28T10:03:00Z --json
expect_grep '"outcome": "pending"' out
expect_grep '"stage": "consensus"' out
expect_exit 0 "$W" vote open ap --item 1 -s sec.key --time 2026-12-27T10:04:00Z
expect_exit 0 "$W" vote close ap --item 1 -s sec.key --time 2026-12-27T10:05:00Z
expect_exit 0 "$W" meeting close ap -s sec.key --time 2026-12-27T11:00:00Z
expect_exit 0 "$W" status ap
expect_grep "WT/L/93 vote requests read as 'period-end'" out
expect_exit 0 "$W" status ap --json
expect_grep '"wtl93": "period-end"' out
expect_exit 0 "$W" verify ap
expect_exit 0 "$W" report ap -o ap.html
expect_grep 'WT/L/93 vote requests: period-end' ap.html

# Competence: the budget is the General Council's (Art. VII:3), an
# interpretation the MC's and GC's exclusively (Art. IX:2).
expect_exit 0 "$W" meeting open mc --roster r.pb --body ministerial-conference -s sec.key \
    --time 2026-11-27
cp mc/log log.before
expect_exit 1 "$W" motion table mc -s sec.key --procedure budget --title "Budget 2027" \
    --time 2026-11-27T10:01:00Z
expect_grep 'WV_REFUSE_NOT_COMPETENT' err
expect_grep 'Art. VII:3' err
cmp -s mc/log log.before || fail "a refused tabling changed the log"
expect_exit 0 "$W" meeting open ctg --roster r.pb --body goods-council -s sec.key \
    --time 2026-11-27
expect_exit 1 "$W" motion table ctg -s sec.key --procedure interpretation --title "Art. III" \
    --time 2026-11-27T10:01:00Z
expect_grep 'exclusively (Art. IX:2)' err
