# wtovote report (issue 5, point 6): the demo's report is one self-contained
# HTML file (no script, no external asset, no URL to fetch) that headless
# Chromium loads without console errors, and the rendered DOM shows each
# item's counts against its threshold (from `wtovote status --json`), the
# hemicycle SVG with one seat per Member and a <title> naming it, the
# objectors and the verification result. Fails (does not skip) when
# chromium is missing: `make test` installs it.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
CHROMIUM=$(command -v chromium || command -v chromium-browser) ||
    fail "chromium is not installed (Debian package chromium; make test installs it)"

expect_exit 0 "$W" demo --out d --quiet
expect_exit 0 "$W" report d/record -o r.html
cmp -s r.html d/report.html || fail "wtovote report differs from the demo's report"
expect_exit 0 "$W" report --help
expect_exit 2 "$W" report d/record
expect_exit 2 "$W" report /nonexistent -o x.html
[ ! -e x.html ] || fail "a failed report wrote a file"

# self-contained: no script, no external reference of any kind
if grep -Eqi '<script|<link|<img|<iframe|@import|url\(|src=|href="(https?:)?//' r.html; then
    fail "report.html refers to something outside itself"
fi

profile=$(mktemp -d "$TMP/chromium.XXXXXX")
timeout 300 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --dump-dom "file://$TMP/r.html" >dom.html 2>chromium.err ||
    { tail -20 chromium.err >&2; fail "chromium could not render the report"; }
grep -q '</html>' dom.html || fail "chromium's DOM is incomplete"
if grep -Ei 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|net::ERR' chromium.err; then
    fail "chromium logged a console or load error"
fi

# the hemicycle: 5 items x 166 seats, each with the Member's name
[ "$(grep -o '<circle class="seat"' dom.html | wc -l)" = 830 ] || fail "not 830 seats"
for i in 1 2 3 4 5; do
    grep -q "id=\"hemicycle-$i\"" dom.html || fail "no hemicycle for item $i"
done
grep -q '<title>United States (USA): ' dom.html || fail "seats carry no Member names"
grep -q '<title>France (FRA): yes through the EU bloc</title>' dom.html ||
    fail "item 4 does not show France's vote through the EU bloc"

# the counts, as the engine derived them
expect_exit 0 "$W" status d/record --json
python3 - out >expected <<'PY' || fail "cannot read status --json"
import json, sys
s = json.load(open(sys.argv[1]))
for i in s["items"]:
    d = i["decision"]
    print(i["item"], d["outcome"], d["required"] or 0, d["yes"], d["no"], d["abstain"],
          i["objections"], i["present"])
PY
while read -r item outcome required yes no abstain objections present; do
    sec=$(sed -n "/id=\"item-$item\"/,/<\/section>/p" dom.html)
    echo "$sec" | grep -q "class=\"badge $outcome\">$outcome<" || fail "item $item: no $outcome badge"
    echo "$sec" | grep -q "objections in force: <b>$objections</b>" ||
        fail "item $item: objections $objections not shown"
    echo "$sec" | grep -q "Present at the decision: <b>$present</b> of 166" || fail "item $item: present not shown"
    if [ "$required" != 0 ]; then
        echo "$sec" | grep -q "<b>$yes yes</b>, <b>$no no</b>, <b>$abstain abstaining</b> [^<]*needed: <b>$required</b>" ||
            fail "item $item: counts $yes/$no/$abstain against $required not shown"
    fi
done <expected
grep -q 'needed: <b>111</b> (two-thirds of the Members' dom.html || fail "XII:2 threshold not shown"
grep -q 'formal objection' dom.html || fail "objectors not shown"
grep -q 'Art. X:9' dom.html || fail "citation X:9 not shown"
grep -q 'class="pass">the record verifies<' dom.html || fail "verification result not shown"
grep -q 'wtovote.example/meeting/GC-2026-11-27' dom.html || fail "checkpoint not shown"
echo "report_chromium: ok"
