#!/usr/bin/env bash
# wtovote simulate: --help, --list, reproducibility across runs and --jobs,
# CSV/SVG outputs, the history sweep, and usage errors.
set -u
. "$(dirname "$0")/lib.sh"
W=$WTOVOTE

expect_exit 0 "$W" simulate --help
expect_grep 'usage: wtovote simulate' "$TMP/out"
expect_exit 0 "$W" simulate --list
for s in ecommerce trips-waiver accession history; do
    expect_grep "^$s " "$TMP/out"
done

# Same seed: identical output, run twice and with 1 or 2 jobs.
"$W" simulate trips-waiver --runs 1500 --seed 9 --jobs 1 --json >"$TMP/a.json" || fail "run a"
"$W" simulate trips-waiver --runs 1500 --seed 9 --jobs 1 --json >"$TMP/b.json" || fail "run b"
"$W" simulate trips-waiver --runs 1500 --seed 9 --jobs 2 --json >"$TMP/c.json" || fail "run c"
cmp -s "$TMP/a.json" "$TMP/b.json" || fail "two runs with the same seed differ"
cmp -s "$TMP/a.json" "$TMP/c.json" || fail "--jobs 1 and --jobs 2 differ"
"$W" simulate trips-waiver --runs 1500 --seed 10 --json >"$TMP/d.json" || fail "run d"
cmp -s "$TMP/a.json" "$TMP/d.json" && fail "another seed gave the same output"

# Every embedded scenario runs, writing CSV and SVG.
for s in ecommerce trips-waiver accession history; do
    expect_exit 0 "$W" simulate "$s" --runs 300 --csv "$TMP/$s.csv" --svg "$TMP/$s.svg"
    expect_grep '^kind,name,runs' "$TMP/$s.csv"
    expect_grep '<svg' "$TMP/$s.svg"
    expect_grep 'adopted:' "$TMP/out"
done

# A scenario file; the sweep writes CSV and an SVG with the history figures.
"$W" simulate history --sweep members=23:166:71 --runs 300 --csv "$TMP/sweep.csv" \
    --svg "$TMP/sweep.svg" >"$TMP/out" || fail "sweep"
[ "$(wc -l <"$TMP/sweep.csv")" = 4 ] || fail "sweep CSV: expected a header and 3 rows"
expect_grep '^23,' "$TMP/sweep.csv"
expect_grep 'Bali Package' "$TMP/sweep.svg"
cat >"$TMP/s.json" <<'JSON'
{"name": "file", "members": 40,
 "proposal": {"subject": "test", "procedures": ["consensus"]},
 "behaviour": {"support": 0, "object": 1}}
JSON
expect_exit 0 "$W" simulate "$TMP/s.json" --runs 50 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["procedures"][0]; assert d["members"]==40 and p["adoption_p"]==0 and p["outcomes"]["blocked"]==50, d' "$TMP/out" || fail "file scenario"

# Usage and I/O errors: exit 2.
expect_exit 2 "$W" simulate
expect_exit 2 "$W" simulate no-such-scenario
expect_exit 2 "$W" simulate history --runs 0
expect_exit 2 "$W" simulate history --sweep members=5
# Each of A:B:STEP a plain decimal: sscanf's %u took -5 as 4294967291.
for bad in members=-5:10:1 members=2:-10:1 members=2:10:-1 members=2:10 members=2:10:1:1 \
           members=+2:10:1 members=2:10:1x; do
    expect_exit 2 "$W" simulate history --sweep "$bad"
    expect_grep "expected members=A:B:STEP" "$TMP/err"
done
echo '{"name": 1}' >"$TMP/bad.json"
expect_exit 2 "$W" simulate "$TMP/bad.json"
expect_grep 'name' "$TMP/err"
echo ok
