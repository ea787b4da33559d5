# Art. X:7: acceptances of an amendment are deposited over its period of
# acceptance, long after the meeting that submitted it closed. After
# `meeting close` the record stays the register of them: `accept` and
# `decide` on the amendment are admitted, everything else is refused (exit 1,
# log unchanged), and `wtovote verify` replays the whole record. Three
# Members, so two-thirds (Art. X:3) is 2 acceptances.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE
export WTOVOTE_SECRETARIAT_KEY=sec.key
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

cat > members.csv <<'CSV'
code,name,eu_member_state,ldc,joined
IND,India,0,0,1995-01-01
USA,United States,0,0,1995-01-01
ZAF,South Africa,0,0,1995-01-01
CSV
for k in sec ind usa zaf; do
    expect_exit 0 "$W" keygen --no-password -o "$k"
done
expect_exit 0 "$W" roster new --from members.csv -o r.pb
for k in ind usa zaf; do
    expect_exit 0 "$W" roster add-key r.pb --member "$(echo $k | tr a-z A-Z)" --pub "$k.pub"
done
expect_exit 0 "$W" roster sign -s sec.key r.pb

expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key \
    --time 2026-11-27
expect_exit 0 "$W" motion table rec -s sec.key --procedure amendment-x3 --title "Protocol" \
    --acceptance-deadline 2028-12-31 --time 2026-11-27T10:01:00Z
expect_grep 'next: Members deposit acceptances' out
expect_exit 0 "$W" motion table rec -s sec.key --item 2 --procedure majority --title "Other" \
    --time 2026-11-27T10:02:00Z
expect_exit 0 "$W" attend rec --member USA -s usa.key --time 2026-11-27T10:03:00Z
expect_exit 0 "$W" accept rec --item 1 --member IND -s ind.key --time 2026-11-27T10:04:00Z
expect_exit 0 "$W" meeting close rec -s sec.key --time 2026-11-27T12:00:00Z
expect_grep 'acceptances still admitted (until: 2028-12-31), then wtovote decide' out

# refused PATTERN CMD...: exit 1 with PATTERN on stderr, log unchanged.
refused()
{
    local pattern=$1
    shift
    cp rec/log log.before
    expect_exit 1 "$@"
    expect_grep "$pattern" "$TMP/err"
    cmp -s rec/log log.before || fail "a refused input changed the log: $*"
}
refused 'WV_REFUSE_CLOSED' "$W" attend rec --member ZAF -s zaf.key --time 2027-01-01
refused 'WV_REFUSE_CLOSED' "$W" consensus call rec --item 2 -s sec.key --time 2027-01-01
refused 'WV_REFUSE_CLOSED' "$W" decide rec --item 2 -s sec.key --time 2027-01-01
refused 'WV_REFUSE_CLOSED' "$W" accept rec --item 2 --member ZAF -s zaf.key --time 2027-01-01

# The register: a pending declaration, the second acceptance, entry into force.
expect_exit 0 "$W" decide rec --item 1 -s sec.key --time 2027-01-02
expect_grep 'outcome: pending (stage: acceptance)' out
expect_grep 'acceptances: 1 deposited; 2 needed \[Art. X:7\]' out
expect_exit 0 "$W" accept rec --item 1 --member ZAF -s zaf.key --time 2027-03-01
expect_exit 0 "$W" decide rec --item 1 -s sec.key --time 2027-03-02
expect_grep 'outcome: adopted (stage: acceptance)' out
# X:7: not after the period of acceptance, even once in force
refused 'WV_REFUSE_ACCEPTANCE_LATE' \
    "$W" accept rec --item 1 --member USA -s usa.key --time 2029-01-01
# X:3: thereafter for each other Member upon acceptance by it
expect_exit 0 "$W" accept rec --item 1 --member USA -s usa.key --time 2027-06-01
refused 'WV_REFUSE_ALREADY_ACCEPTED' \
    "$W" accept rec --item 1 --member USA -s usa.key --time 2027-06-02
expect_exit 0 "$W" status rec
expect_grep '^rec: meeting .*: closed$' out
expect_grep 'item 1 .*decided' out
expect_grep '3 acceptance(s)' out
expect_exit 0 "$W" verify rec
expect_grep 'record verifies; 10 entries' out
# The report counts instruments deposited, not votes (Art. X:7).
expect_exit 0 "$W" report rec -o rec.html
expect_grep 'Acceptances deposited: <b>3</b> of 3 Members' rec.html
expect_grep 'bar: acceptances out of 3' rec.html
