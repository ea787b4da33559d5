#!/bin/bash
# wtovote rules: the CLI contract of issue 3 point 5 (forms, exit codes,
# JSON fields). Numbers cite the treaty rule they check.
. "$(dirname "$0")/lib.sh"

# jfield EXPR: evaluates a Python expression over the JSON in $TMP/out (as j)
jfield()
{
    python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
        "$TMP/out" "$1" || fail "bad JSON in $TMP/out"
}

expect_json()
{
    local got
    got=$(jfield "$1")
    [ "$got" = "$2" ] || fail "$1 = '$got', expected '$2'"
}

# --help everywhere (exit 0)
for sub in "" list explain decide waiver-reviews; do
    expect_exit 0 "$WTOVOTE" rules $sub --help
    expect_grep usage "$TMP/out"
done
expect_exit 2 "$WTOVOTE" rules
expect_exit 2 "$WTOVOTE" rules nonsense

# rules list: all 19 ids, stable (issue 14 added waiver-annex1-council,
# Art. IX:3(b), and amendment-x3-consent, Art. X:3 second sentence)
expect_exit 0 "$WTOVOTE" rules list
for id in consensus majority interpretation waiver waiver-annex1-council waiver-annex1 \
    amendment-submit amendment-x2 amendment-x3 amendment-x3-consent amendment-x4 \
    amendment-dsu annex4-add accession budget dsb dsb-negative plurilateral gatt-waiver; do
    expect_grep "^$id " "$TMP/out"
done
expect_exit 0 "$WTOVOTE" rules list --json
expect_json 'len(j)' 19
# competence (issue 14): IX:2 MC and GC exclusively; VII:3 the GC
expect_json '[p for p in j if p["procedure"]=="interpretation"][0]["competence"]["bodies"]' \
    "['general-council', 'ministerial-conference']"
expect_json '[p for p in j if p["procedure"]=="budget"][0]["competence"]["bodies"]' \
    "['general-council']"
expect_json '[p for p in j if p["procedure"]=="plurilateral"][0]["competence"]["bodies"]' \
    "['plurilateral:NAME']"
expect_json '[p["procedure"] for p in j][3]' waiver
expect_json '[p for p in j if p["procedure"]=="budget"][0]["extra_limb"]["inequality"]' \
    'yes * 2 > 1 * Members'
expect_json '[p for p in j if p["procedure"]=="waiver"][0]["stages"][0]["days"]' 90
expect_json 'all(s["citation"] for p in j for s in p["stages"])' True

# rules explain: concrete numbers; default N is the embedded roster (166)
expect_exit 0 "$WTOVOTE" rules explain interpretation --json
expect_json 'j["members"]' 166
expect_json 'j["threshold"]["required"]' 125          # Art. IX:2
expect_exit 0 "$WTOVOTE" rules explain accession --members 166 --json
expect_json 'j["threshold"]["required"]' 111          # Art. XII:2
expect_exit 0 "$WTOVOTE" rules explain budget --members 166 --json
expect_json 'j["extra_limb"]["required"]' 84          # Art. VII:3
expect_json 'j["threshold"]["required"]' None
expect_exit 0 "$WTOVOTE" rules explain waiver --members 23
expect_grep '18 of 23' "$TMP/out"
# GATT 1947 (XXV:5 over 23 contracting parties, 1947): contracting parties,
# one vote each (XXV:3), no EU bloc line; WT/L/161's quorum by analogy
expect_exit 0 "$WTOVOTE" rules explain gatt-waiver --members 23
expect_grep 'for 23 contracting parties:' "$TMP/out"
expect_grep 'WT/L/161 by analogy' "$TMP/out"
expect_grep 'no EU bloc.*GATT 1947 Art. XXV:3' "$TMP/out"
if grep -q 'Members' "$TMP/out"; then fail "gatt-waiver explained in Members"; fi
expect_exit 0 "$WTOVOTE" rules explain gatt-waiver --members 166
if grep -q 'with the EU bloc' "$TMP/out"; then fail "EU bloc offered under GATT 1947"; fi
expect_exit 2 "$WTOVOTE" rules explain nonsense
expect_grep "unknown procedure 'nonsense'" "$TMP/err"
expect_exit 2 "$WTOVOTE" rules explain waiver --members zero

# rules decide: Art. IX:3 at its threshold, with the explanation
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --objections 1 --yes 130 --no 20 \
    --days-elapsed 91 --json
expect_json 'j["procedure"]' waiver
expect_json 'j["outcome"]' adopted
expect_json 'j["stage"]' vote
expect_json 'j["required"]' 125
expect_json '[s for s in j["steps"] if s["citation"]=="Art. IX:3"][0]["text"]' \
    'three-fourths of the Members: 125 of 166 needed; 130 yes: adopted'
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --objections 1 --yes 124 --no 20 \
    --days-elapsed 91 --json
expect_json 'j["outcome"]' rejected
# inside the 90-day period (IX:3(a)): pending, required null
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --objections 1 --days-elapsed 89 --json
expect_json 'j["outcome"]' pending
expect_json 'j["stage"]' consensus
expect_json 'j["required"]' None
# WT/L/93 cannot shorten the period of IX:3(a) (issue 14): a request on day
# 10 takes effect on day 90; the retired readings are refused with the reason
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --objections 1 --days-elapsed 10 \
    --vote-requested --json
expect_json 'j["stage"]' consensus
expect_json 'j["outcome"]' pending
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --objections 1 --days-elapsed 90 \
    --vote-requested --wtl93 period-end --json
expect_json 'j["stage"]' vote
expect_exit 2 "$WTOVOTE" rules decide waiver --members 166 --wtl93 shortens
expect_grep 'cannot shorten' "$TMP/err"
# XII:2: no period, the request brings the vote at once
expect_exit 0 "$WTOVOTE" rules decide accession --members 166 --vote-requested --json
expect_json 'j["stage"]' vote
# two limbs (VII:3): both published, the votes-cast limb null before a vote
expect_exit 0 "$WTOVOTE" rules decide budget --members 166 --present 90 --objections 1 --json
expect_json 'j["outcome"]' pending
expect_json 'j["required"]' None
expect_json '[l["required"] for l in j["limbs"]]' '[None, 84]'
expect_exit 0 "$WTOVOTE" rules decide budget --members 166 --present 90 --objections 1
expect_grep 'limb 2: *comprising more than half of the Members: 84' "$TMP/out"
# IX:3(b): a Council's consensus is a recommendation, never a grant
expect_exit 0 "$WTOVOTE" rules decide waiver-annex1-council --members 166 --json
expect_json 'j["outcome"]' recommended
# IX:3 fn 4 and IX:4
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --objections 1 --days-elapsed 100 \
    --transition-obligation --json
expect_json 'j["outcome"]' blocked
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --no-waiver-terms --json
expect_json 'j["outcome"]' rejected
expect_json '[s["citation"] for s in j["steps"]][-1]' 'Art. IX:4'
# consensus (IX:1 fn 1) and quorum (default more than half)
expect_exit 0 "$WTOVOTE" rules decide consensus --members 166 --present 84 --json
expect_json 'j["outcome"]' adopted
expect_exit 0 "$WTOVOTE" rules decide consensus --members 166 --present 83 --json
expect_json 'j["outcome"]' no-quorum
expect_exit 0 "$WTOVOTE" rules decide consensus --members 166 --present 110 --quorum 2/3 --json
expect_json 'j["outcome"]' no-quorum
expect_exit 0 "$WTOVOTE" rules decide annex4-add --members 164 --objections 2 --json
expect_json 'j["outcome"]' blocked
# majority of votes cast: a tie is not a majority (IX:1)
expect_exit 0 "$WTOVOTE" rules decide majority --members 100 --objections 1 --yes 40 --no 40 \
    --abstain 20
expect_grep 'outcome: *rejected' "$TMP/out"
expect_grep 'a tie is not a majority' "$TMP/out"
# EU bloc: 98 + 27 = 125 (IX:1 fn 2)
expect_exit 0 "$WTOVOTE" rules decide waiver --members 166 --objections 1 --days-elapsed 90 \
    --yes 98 --no 10 --eu-bloc yes --json
expect_json 'j["outcome"]' adopted
expect_json 'j["yes"]' 125
# reverse consensus (DSU 6.1): the complainant objects to not establishing
expect_exit 0 "$WTOVOTE" rules decide dsb-negative --members 166 --objections 1 --json
expect_json 'j["outcome"]' adopted
expect_exit 0 "$WTOVOTE" rules decide dsb-negative --members 166 --json
expect_json 'j["outcome"]' rejected
# Art. X:3 acceptances
expect_exit 0 "$WTOVOTE" rules decide amendment-x3 --members 166 --acceptances 110 --json
expect_json 'j["outcome"]' pending
expect_json 'j["stage"]' acceptance
expect_json 'j["required"]' 111
expect_exit 0 "$WTOVOTE" rules decide amendment-x3 --members 166 --acceptances 110 \
    --deadline-passed --json
expect_json 'j["outcome"]' rejected

# impossible input: exit 2 naming the number
expect_exit 2 "$WTOVOTE" rules decide majority --members 166 --yes 139 --eu-bloc no
expect_grep 'yes + no + abstain = 139' "$TMP/err"
# GATT 1947 Art. XXV:3: one vote per contracting party, so no EU bloc
expect_exit 2 "$WTOVOTE" rules decide gatt-waiver --members 166 --objections 1 --yes 10 \
    --no 3 --eu-bloc yes
expect_grep 'gatt-waiver: eu_bloc on a GATT 1947 procedure.*Art. XXV:3' "$TMP/err"
expect_exit 0 "$WTOVOTE" rules decide gatt-waiver --members 23 --objections 1 --yes 12 --no 3
expect_grep 'outcome: *adopted' "$TMP/out"
expect_grep 'of the 23 contracting parties present' "$TMP/out"
expect_exit 2 "$WTOVOTE" rules decide majority --members 10 --present 11
expect_grep 'present = 11' "$TMP/err"
expect_exit 2 "$WTOVOTE" rules decide consensus --members 10 --objections 11
expect_grep 'objections = 11' "$TMP/err"
expect_exit 2 "$WTOVOTE" rules decide amendment-x2 --members 10 --acceptances 11
expect_grep 'acceptances = 11' "$TMP/err"
expect_exit 2 "$WTOVOTE" rules decide waiver --members 10 --consensus-period 91
expect_grep 'consensus_period_days = 91' "$TMP/err"
expect_exit 2 "$WTOVOTE" rules decide amendment-x2 --members 0
expect_grep 'members = 0' "$TMP/err"
expect_exit 2 "$WTOVOTE" rules decide veto --members 10
expect_grep "unknown procedure 'veto'" "$TMP/err"
expect_exit 2 "$WTOVOTE" rules decide waiver
expect_exit 2 "$WTOVOTE" rules decide waiver --members 10 --eu-bloc maybe

# waiver-reviews (IX:4): the LDC services waiver, WT/L/847, 15 years
expect_exit 0 "$WTOVOTE" rules waiver-reviews --granted 2011-12-17 --terminates 2026-12-17
[ "$(wc -l <"$TMP/out")" -eq 14 ] || fail "14 reviews expected"
expect_grep '^2012-12-17$' "$TMP/out"
expect_grep '^2025-12-17$' "$TMP/out"
expect_exit 0 "$WTOVOTE" rules waiver-reviews --granted 2024-02-29 --terminates 2026-03-01 --json
expect_json 'j["reviews"]' "['2025-02-28', '2026-02-28']"
expect_json 'j["citation"]' 'Art. IX:4'
expect_exit 0 "$WTOVOTE" rules waiver-reviews --granted 2020-01-01 --terminates 2021-01-01 --json
expect_json 'j["reviews"]' '[]'
expect_exit 2 "$WTOVOTE" rules waiver-reviews --granted 2021-01-01 --terminates 2020-01-01
expect_exit 2 "$WTOVOTE" rules waiver-reviews --granted 2021-02-30 --terminates 2022-01-01
expect_exit 2 "$WTOVOTE" rules waiver-reviews --granted 2021-01-01
echo "rules.sh: ok"
