# wtovote demo (issue 5, point 5 and "Done when"): the scripted General
# Council meeting runs, `wtovote verify` accepts its record, the outcomes are
# the scripted ones (each derived by the rules engine), the same seed gives
# the same bytes, another seed other draws, keys are written mode 0600, and
# a second run replaces an earlier demo but never a foreign directory.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

expect_exit 0 "$W" demo --help
expect_exit 0 "$W" demo --out d1
expect_grep 'every step V1..V9 passed' out
# Art. IX:3/IX:4 waiver by consensus; XII:2 two-thirds (111 of 166); X:9
# blocked by two objections; IX:1 majority with the EU bloc (IX:1 fn 2);
# DSU 6.1 reverse consensus.
expect_grep '^  item 1 waiver        adopted   0 objection' out
expect_grep '^  item 2 accession     adopted   140 yes, 9 no, 10 abstaining; 111 needed' out
expect_grep '^  item 3 annex4-add    blocked   2 objection' out
expect_grep '^  item 4 majority      adopted   77 yes, 70 no, 12 abstaining (with the EU.s bloc of 27, Art. IX:1 fn 2); 74 needed' out
expect_grep '^  item 5 dsb-negative  adopted   1 objection.* panel established' out
expect_grep 'report: d1/report.html' out
cmp -s out d1/summary.txt || fail "summary.txt differs from what was printed"

expect_exit 0 "$W" verify d1/record
expect_grep 'record verifies' out
expect_exit 0 "$W" verify d1/record --pub d1/keys/SECRETARIAT.pub
expect_exit 0 "$W" status d1/record --json
python3 - out <<'PY' || fail "status --json of the demo is not as scripted"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["meeting"]["id"] == "GC-2026-11-27" and s["meeting"]["closed"]
assert s["meeting"]["present"] == 160 and s["meeting"]["members"] == 166
items = {i["item"]: i for i in s["items"]}
assert items[2]["decision"]["required"] == 111
assert items[2]["objections"] == 1 and items[2]["vote_requests"] == 1
assert items[3]["decision"]["outcome"] == "blocked" and items[3]["objections"] == 2
assert items[4]["votes"]["eu_bloc"] == "yes" and items[4]["decision"]["yes"] == 77
assert items[5]["procedure"] == "dsb-negative" and items[5]["decision"]["outcome"] == "adopted"
PY

# keys: 166 Members + the Secretariat, .key files 0600, in the roster
[ "$(ls d1/keys/*.key | wc -l)" = 167 ] || fail "not 167 secret keys"
[ "$(stat -c %a d1/keys/USA.key)" = 600 ] || fail "USA.key is not mode 0600"
expect_exit 0 "$W" roster show d1/roster.pb
# a receipt of the demo checks offline against its act
r=$(ls d1/record/receipts/*-EU.receipt | tail -1)
expect_exit 0 "$W" receipt verify "$r" --act "${r%.receipt}.act" --pub d1/record/secretariat.pub
# a delegation key of the demo signs acts the roster accepts
expect_exit 0 "$W" act sign --record d1/record --member USA --kind attend -s d1/keys/USA.key -o a.act
expect_exit 0 "$W" act show a.act --roster d1/roster.pb

# determinism: the same seed, the same bytes; a run over an earlier demo replaces it
expect_exit 0 "$W" demo --out d2 --quiet
[ ! -s out ] || fail "--quiet printed something"
for f in record/log record/checkpoint roster.pb keys/SECRETARIAT.key keys/EU.pub; do
    cmp -s "d1/$f" "d2/$f" || fail "$f differs between two runs with the same seed"
done
expect_exit 0 "$W" demo --out d2 --quiet
cmp -s d1/record/log d2/record/log || fail "a replaced demo differs"
expect_exit 0 "$W" demo --out d3 --seed other --quiet
cmp -s d1/record/log d3/record/log && fail "another seed gave the same record"
cmp -s d1/keys/USA.key d3/keys/USA.key && fail "another seed gave the same keys"
expect_exit 0 "$W" verify d3/record

# a directory that is not an earlier demo is left alone
mkdir -p foreign/record && echo keep >foreign/record/file
expect_exit 2 "$W" demo --out foreign
expect_grep 'does not hold an earlier demo' err
[ "$(cat foreign/record/file)" = keep ] || fail "demo touched a foreign directory"
expect_exit 2 "$W" demo --time 2026-13-01
echo "demo: ok"
