# Presence at the moment of each decision (issue 11): a Member that attends,
# leaves before item 1 is decided and comes back after is absent for item 1
# in status, show, export --csv/--json and the report, and the item's
# "present" count is the one the decision was taken on (quorum and "Members
# present" thresholds: Art. IX:1 fn 1, DSU 2.4, WT/L/161); for item 2, not
# yet decided, it is present (presence now).
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

small_roster usa ind zaf
# Quorum 1/100: two Members present (2 * 100 > 166) make a quorum.
expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key \
    --id GC-PRESENCE --quorum 1/100
export WTOVOTE_SECRETARIAT_KEY=sec.key
for k in usa ind zaf; do
    expect_exit 0 "$W" attend rec --member "$(echo "$k" | tr a-z A-Z)" -s "$k.key"
done
expect_exit 0 "$W" leave rec --member ZAF -s zaf.key
expect_exit 0 "$W" motion table rec -s sec.key --procedure consensus --title "Item one"
expect_exit 0 "$W" consensus call rec --item 1 -s sec.key
expect_exit 0 "$W" decide rec --item 1 -s sec.key --json
expect_grep '"outcome": "adopted"' out
expect_grep '"present": 2,' out # the signed Decision's count
expect_exit 0 "$W" attend rec --member ZAF -s zaf.key
expect_exit 0 "$W" motion table rec -s sec.key --procedure consensus --title "Item two"

# ---- status: item 1 counted at the decision (2), the meeting now (3)
expect_exit 0 "$W" status rec
expect_grep '3 of 166 Members present' out
expect_grep '^      present at the decision 2 of 166 eligible' out
expect_grep '^      present 3 of 166 eligible' out # item 2, undecided: now
expect_exit 0 "$W" status rec --json
cp out status.json
python3 - <<'PY' || fail "status --json: presence at the decision"
import json
j = json.load(open("status.json"))
one, two = j["items"]
assert j["meeting"]["present"] == 3, j["meeting"]
assert (one["present"], one["present_when"]) == (2, "decision"), one
assert (two["present"], two["present_when"]) == (3, "now"), two
PY

# ---- show: ZAF among the absent on item 1, among the present on item 2
expect_exit 0 "$W" show rec --item 1
expect_grep '^  present at the decision 2 of 166' out
expect_grep '2 present: met' out # the quorum step of the signed decision
grep '^  present:' out | grep -q ZAF && fail "show item 1: ZAF shown present"
grep '^  present:' out | grep -q 'IND USA' || fail "show item 1: IND and USA not present"
grep '^  absent:' out | grep -q ZAF || fail "show item 1: ZAF not shown absent"
grep -q '^  decide .*entry 7$' out || fail "show item 1: the decision's entry is not 7"
expect_exit 0 "$W" show rec --item 2
grep '^  present:' out | grep -q 'IND USA ZAF' || fail "show item 2: ZAF not present now"

# ---- export: attendance per item
expect_exit 0 "$W" export rec --csv
expect_grep '^1,ZAF,South Africa,absent,,,' out
expect_grep '^1,USA,United States,present,,,' out
expect_grep '^2,ZAF,South Africa,present,,,' out
expect_exit 0 "$W" export rec --json
cp out export.json
python3 - <<'PY' || fail "export --json: presence at the decision"
import json
rows = {(r["item"], r["code"]): r for r in json.load(open("export.json"))}
assert rows[(1, "ZAF")]["attendance"] == "absent", rows[(1, "ZAF")]
assert rows[(1, "IND")]["attendance"] == "present"
assert rows[(2, "ZAF")]["attendance"] == "present"
present1 = sum(1 for (i, _), r in rows.items() if i == 1 and r["attendance"] == "present")
assert present1 == 2, present1
PY

# ---- report: item 1's counts and hemicycle at the decision
expect_exit 0 "$W" report rec -o report.html
python3 - <<'PY' || fail "report: presence at the decision"
import re
html = open("report.html").read()
one = html[html.index('id="item-1"'):html.index('id="item-2"')]
two = html[html.index('id="item-2"'):]
assert "Present at the decision: <b>2</b> of 166" in one, "item 1 count"
assert "South Africa (ZAF): absent</title>" in one, "item 1 ZAF seat"
assert re.search(r"present, did not object <b class=\"n\">2</b>", one), "item 1 legend"
assert "South Africa (ZAF): present, did not object</title>" in two, "item 2 ZAF seat"
PY
exit 0
