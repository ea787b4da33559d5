#!/usr/bin/env bash
# wtovote power: exit codes, --help, and the EU bloc's Shapley-Shubik index
# under Art. IX:1 majority (27/139, see tests/unit/test_sim_power.c).
set -euo pipefail
W=${WTOVOTE:?}
fail() { echo "FAIL: $*" >&2; exit 1; }
"$W" power --help | grep -q 'usage: wtovote power' || fail "--help"
set +e
"$W" power no-such-procedure >/dev/null 2>&1; rc=$?
"$W" power >/dev/null 2>&1; rc2=$?
set -e
[ "$rc" = 2 ] || fail "unknown procedure exit $rc"
[ "$rc2" = 2 ] || fail "missing procedure exit $rc2"
out=$("$W" power majority --eu-bloc --json)
python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["procedure"] == "majority" and d["eu_bloc"] is True
assert d["min_winning"] == 83, d["min_winning"]
bloc = [r for r in d["rows"] if r["votes_each"] == 27][0]
assert abs(bloc["shapley_shubik"] - 27 / 139) < 1e-12, bloc
assert len(d["by_member"]) == 166
fra = [m for m in d["by_member"] if m["code"] == "FRA"][0]
assert fra["votes"] == 0 and fra["shapley_shubik"] == 0
total = sum(m["shapley_shubik"] for m in d["by_member"])
assert abs(total - 1) < 1e-9, total
PY
# Art. IX:3 waiver: three-fourths of the Members, 125 of 166.
"$W" power waiver | grep -q 'fewest yes votes that adopt: 125' || fail "waiver threshold"
echo ok
