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

# check_sweep CSV SVG TITLE MEMBERS LABELS: the sweep's CSV has the header
# and one row of 10 fields per size in MEMBERS (comma-separated), with
# lo <= p <= hi; the chart is XML titled TITLE, with LABELS historical
# figures, and its first line (consensus reached) goes through each row's
# consensus_p (x = 70 + members / 170 * 380, y = 390 - p * 320).
check_sweep()
{
    python3 - "$@" <<'PY'
import csv, sys, xml.etree.ElementTree as ET
csv_path, svg_path, title, members, labels = sys.argv[1:]
rows = list(csv.reader(open(csv_path, newline='')))
head = ("members,consensus_p,consensus_lo,consensus_hi,rounds,ambition,years_to_consensus,"
        "plurilateral_p,plurilateral_participation,first_procedure_p").split(',')
assert rows[0] == head, rows[0]
assert [r[0] for r in rows[1:]] == members.split(','), rows
for r in rows[1:]:
    assert len(r) == 10, r
    p, lo, hi = map(float, r[1:4])
    assert 0 <= lo <= p <= hi <= 1, r
svg = ET.parse(svg_path).getroot()
ns = '{http://www.w3.org/2000/svg}'
texts = [t.text for t in svg.iter(ns + 'text')]
assert texts[0] == title + ': consensus among all versus an open plurilateral', texts[0]
dots = len(svg.findall(ns + 'circle'))
dotted = len([l for l in svg.findall(ns + 'line') if l.get('stroke-dasharray') == '2,3'])
assert dots + dotted == int(labels), (dots, dotted)
line = [tuple(map(float, xy.split(','))) for xy in
        svg.findall(ns + 'polyline')[0].get('points').split()]
want = [(70 + int(r[0]) / 170 * 380, 390 - float(r[1]) * 320) for r in rows[1:]]
assert len(line) == len(want), (line, want)
for (x, y), (wx, wy) in zip(line, want):  # the chart rounds to 0.1 px
    assert abs(x - wx) <= 0.051 and abs(y - wy) <= 0.051, (line, want)
PY
}

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
check_sweep "$TMP/sweep.csv" "$TMP/sweep.svg" "From 23 contracting parties to 166 Members" \
    23,94,165 7 || fail "history sweep: CSV or chart"
# A file scenario's title and labels are any text: escaped in the chart.
cat >"$TMP/esc.json" <<'JSON'
{"name": "esc", "title": "Tariffs <&> \"quoted\" & 'not'", "members": 60,
 "proposal": {"subject": "test", "procedures": ["consensus"]},
 "behaviour": {"support": 0.7, "object": 0.3},
 "history": [{"label": "A <small> & early round", "members": 23},
             {"label": "Pluri & co", "members": 40, "years": 2, "plurilateral": true}]}
JSON
expect_exit 0 "$W" simulate "$TMP/esc.json" --sweep members=20:60:20 --runs 100 \
    --csv "$TMP/esc.csv" --svg "$TMP/esc.svg"
check_sweep "$TMP/esc.csv" "$TMP/esc.svg" "Tariffs <&> \"quoted\" & 'not'" 20,40,60 2 ||
    fail "file scenario sweep: CSV or chart"
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
