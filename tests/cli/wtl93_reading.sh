# The WT/L/93 reading is part of the signed record (SPEC.md, "Procedures":
# WT/L/93 vote request): `meeting open --wtl93 READING` signs it into the
# Meeting, the meeting applies it, status/report show it, and `wtovote
# verify` replays it. A waiver (Art. IX:3(a)) with a 30-day period, an
# objection and a request for a vote on day 1: under the default reading
# ("shortens") the request opens a vote at once; under "after-period" it
# does not, and the decision published on day 1 is pending at the consensus
# stage, where the default reading would derive the vote stage. So the
# record verifies only if the verifier applies the reading the record names.
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

# A reading the rules do not know: usage error, nothing made.
expect_exit 2 "$W" meeting open bad --roster r.pb --body general-council -s sec.key \
    --wtl93 sometimes
expect_grep "is not shortens, after-period or required" err
[ ! -e bad ] || fail "a refused --wtl93 left a record directory"

# run READING DIR: one waiver item up to the vote opening on day 1.
run()
{
    local reading=$1 dir=$2
    expect_exit 0 "$W" meeting open "$dir" --roster r.pb --body general-council -s sec.key \
        --id GC-WTL93 --quorum 1/100 --time 2026-11-27 ${reading:+--wtl93 "$reading"}
    cp "$TMP/out" "$dir.open.out"
    expect_exit 0 "$W" motion table "$dir" -s sec.key --procedure waiver --title "Waiver" \
        --circumstances c --terms t --termination 2030-01-01 --period 30 \
        --time 2026-11-27T10:01:00Z
    expect_exit 0 "$W" attend "$dir" --member IND -s ind.key --time 2026-11-27T10:02:00Z
    expect_exit 0 "$W" attend "$dir" --member ZAF -s zaf.key --time 2026-11-27T10:03:00Z
    expect_exit 0 "$W" consensus call "$dir" --item 1 -s sec.key --time 2026-11-27T10:04:00Z
    expect_exit 0 "$W" object "$dir" --item 1 --member ZAF -s zaf.key \
        --time 2026-11-28T10:00:00Z
    expect_exit 0 "$W" request-vote "$dir" --item 1 --member IND -s ind.key \
        --time 2026-11-28T10:01:00Z
}

# ---- the default reading: the request opens a vote on day 1
run "" def
expect_grep "WT/L/93 vote requests: read as 'shortens' \[default" def.open.out
expect_exit 0 "$W" vote open def --item 1 -s sec.key --time 2026-11-28T10:02:00Z
expect_exit 0 "$W" status def
expect_grep "WT/L/93 vote requests read as 'shortens' (default)" out

# ---- after-period: the same request opens nothing until day 30
run after-period ap
expect_grep "WT/L/93 vote requests: read as 'after-period' (set for this meeting)" ap.open.out
cp ap/log log.before
expect_exit 1 "$W" vote open ap --item 1 -s sec.key --time 2026-11-28T10:02:00Z
expect_grep 'WV_REFUSE_PERIOD_RUNNING' err
cmp -s ap/log log.before || fail "a refused vote opening changed the log"
expect_exit 0 "$W" decide ap --item 1 -s sec.key --time 2026-11-28T10:03:00Z --json
expect_grep '"outcome": "pending"' out
expect_grep '"stage": "consensus"' out
expect_exit 0 "$W" meeting close ap -s sec.key --time 2026-11-28T11:00:00Z
expect_exit 0 "$W" status ap
expect_grep "WT/L/93 vote requests read as 'after-period'$" out
expect_exit 0 "$W" status ap --json
expect_grep '"wtl93": "after-period"' out
expect_exit 0 "$W" verify ap
expect_exit 0 "$W" report ap -o ap.html
expect_grep 'WT/L/93 vote requests: after-period' ap.html

# ---- required: the vote opens after day 30 only on a request
run required req
expect_exit 1 "$W" vote open req --item 1 -s sec.key --time 2026-11-28T10:02:00Z
expect_grep 'WV_REFUSE_PERIOD_RUNNING' err
expect_exit 0 "$W" vote open req --item 1 -s sec.key --time 2026-12-28T10:00:00Z
expect_exit 0 "$W" verify req
