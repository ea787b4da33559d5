# wtovote roster new --as-of DATE: the WTO Members on a past date from the
# embedded accession dates, with EU membership and LDC status as on that
# date (issue 14, point 5; SPEC.md, "Roster", "The embedded list"). The
# counts are the WTO's published membership: 76 on 1 January 1995, 147 on
# 1 May 2004 (Nepal the 147th), 164 on 29 July 2016 (Afghanistan the 164th);
# the EU member States 15, 25 and 28 (Art. IX:1 fn 2 counts them).
. "$(dirname "$0")/lib.sh"
cd "$TMP" || fail "no temp dir"

for row in 1995-01-01:76:15 2004-05-01:147:25 2016-07-29:164:28 2020-02-01:164:27; do
    d=${row%%:*} rest=${row#*:}
    n=${rest%%:*} eu=${rest#*:}
    expect_exit 0 "$WTOVOTE" roster new -o "r$d.pb" --as-of "$d"
    expect_grep "^r$d.pb: $n members as of $d, $eu EU member States, unsigned draft\$" out
    expect_exit 0 "$WTOVOTE" roster show "r$d.pb"
    [ "$(grep -c '^member ' out)" = "$n" ] || fail "$d: not $n members"
    [ "$(grep -c '^member [A-Z]* eu=1 ' out)" = "$eu" ] || fail "$d: not $eu EU member States"
    expect_grep "^members: $n ($eu EU member States, " out
    expect_grep "^as of: $d\$" out
    expect_grep '^member EU eu=0 ldc=0 joined=1995-01-01 European Union$' out
    if command -v python3 >/dev/null 2>&1; then # a second, independent reading
        expect_exit 0 "$WTOVOTE" roster show "r$d.pb" --json
        python3 -c '
import json, sys
d, n, eu = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3])
m = d["members"]
assert len(m) == n and d["counts"]["members"] == n, len(m)
assert sum(x["eu_member_state"] for x in m) == eu == d["counts"]["eu_member_states"]
assert all(x["joined"] <= sys.argv[4] for x in m) and d["as_of"] == sys.argv[4]
' out "$n" "$eu" "$d" || fail "$d: JSON is not $n Members / $eu EU member States"
    fi
done

# The UK: an EU member State until 31 January 2020, a WTO Member throughout.
expect_exit 0 "$WTOVOTE" roster show r2016-07-29.pb
expect_grep '^member GBR eu=1 ldc=0 joined=1995-01-01 United Kingdom$' out
expect_grep '^member AFG eu=0 ldc=1 joined=2016-07-29 Afghanistan$' out
expect_grep '^member VUT eu=0 ldc=1 joined=2012-08-24 Vanuatu$' out
expect_exit 0 "$WTOVOTE" roster show r2020-02-01.pb
expect_grep '^member GBR eu=0 ldc=0 joined=1995-01-01 United Kingdom$' out
# 1995: the Maldives joined on 31 May; Croatia not yet a Member.
expect_exit 0 "$WTOVOTE" roster show r1995-01-01.pb
grep -q '^member MDV ' out && fail "1995-01-01: the Maldives listed before joining"
grep -q '^member HRV ' out && fail "1995-01-01: Croatia listed before joining"
expect_exit 0 "$WTOVOTE" roster new -o mdv.pb --as-of 2010-12-31
expect_exit 0 "$WTOVOTE" roster show mdv.pb
expect_grep '^member MDV eu=0 ldc=1 joined=1995-05-31 Maldives$' out

# Art. IX:1 fn 2: the EU's bloc is "the number of the member States": 15
# votes over the 1995 roster, 27 over today's (rules decide defaults to the
# embedded roster's count).
expect_exit 0 "$WTOVOTE" power majority --eu-bloc --roster r1995-01-01.pb
expect_grep '76 Members, 75 votes can be cast (EU bloc of 15)$' out
expect_exit 0 "$WTOVOTE" rules decide majority --members 76 --objections 1 --yes 15 \
    --eu-bloc no --eu-states 15
expect_grep 'EU bloc: 15 no votes for the EU and its 15 member States (16 Members)' out
expect_grep '^outcome: *rejected$' out
expect_exit 0 "$WTOVOTE" rules decide majority --members 166 --objections 1 --yes 27 --eu-bloc no
expect_grep 'EU bloc: 27 no votes for the EU and its 27 member States (28 Members)' out

# Refused: before the WTO (no GATT 1947 dates embedded), after the data,
# malformed, together with --from. Exit 2, nothing written.
expect_exit 2 "$WTOVOTE" roster new -o x.pb --as-of 1994-12-31
expect_grep 'as-of 1994-12-31: before 1995-01-01.*GATT 1947' err
expect_exit 2 "$WTOVOTE" roster new -o x.pb --as-of 2025-01-01
expect_grep 'as-of 2025-01-01: after 2024-12-31, the last date the embedded' err
expect_exit 2 "$WTOVOTE" roster new -o x.pb --as-of 2024-02-30
expect_grep "as-of '2024-02-30' is not a date YYYY-MM-DD" err
printf 'code,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,1995-01-01\n' > m.csv
expect_exit 2 "$WTOVOTE" roster new -o x.pb --as-of 2004-05-01 --from m.csv
expect_grep 'exclude each other' err
[ -e x.pb ] && fail "a refused roster new wrote a file"
echo "roster_as_of: ok"
