# wtovote act sign / act show: a delegation signs an act offline; anyone with
# the roster checks it. Refused with exit 1 and a message naming the file and
# the cause: a revoked key, an expired key, a key not yet valid, another
# Member's key, a key not in the roster, a tampered body, a non-canonical
# body. A truncated file is unreadable: exit 2. A failed `act sign` writes
# nothing. Issue 2, point 7 and "Bad input"; SPEC.md, "Roster".
. "$(dirname "$0")/lib.sh"
export WTOVOTE_KDF=interactive
unset WTOVOTE_PASSPHRASE
cd "$TMP" || fail "no temp dir"

expect_exit 0 "$WTOVOTE" act --help
expect_exit 0 "$WTOVOTE" act sign --help
expect_grep '^usage: wtovote act sign' out
expect_exit 0 "$WTOVOTE" act show --help
expect_grep '^usage: wtovote act show' out

for k in swe fin usa eu sec stranger; do
    expect_exit 0 "$WTOVOTE" keygen --no-password -o "$k"
done
expect_exit 0 env WTOVOTE_PASSPHRASE=pw "$WTOVOTE" keygen -o swe2

# The roster: SWE valid in [2026-01-01, 2027-01-01); FIN revoked from
# 2026-06-01; USA and EU without limits; signed by the Secretariat.
expect_exit 0 "$WTOVOTE" roster new -o r.pb
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member SWE --pub swe.pub \
    --valid-from 2026-01-01 --valid-until 2027-01-01
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member SWE --pub swe2.pub
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member FIN --pub fin.pub
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member USA --pub usa.pub
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member EU --pub eu.pub
expect_exit 0 "$WTOVOTE" roster revoke-key r.pb --pub fin.pub --at 2026-06-01
expect_exit 0 "$WTOVOTE" roster sign -s sec.key r.pb

# the meeting_ref of a meeting opened elsewhere (SPEC.md, "Meeting identity")
REF=5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a0001
act()
{
    "$WTOVOTE" act sign --meeting GC-2026-03 --meeting-ref "$REF" "$@"
}

# ---- valid acts
expect_exit 0 act --member SWE --kind vote --item 1 --choice yes \
    --time 2026-01-01 -s swe.key -o vote.act
expect_exit 0 "$WTOVOTE" act show vote.act --roster r.pb
expect_grep '^member: SWE$' out
expect_grep '^kind: vote$' out
expect_grep '^choice: yes$' out
expect_grep '^time: 2026-01-01T00:00:00Z$' out
expect_grep '^signature: valid$' out
expect_exit 0 "$WTOVOTE" act show vote.act --roster r.pb --json
expect_grep '"valid": true' out
expect_grep '"meeting_id": "GC-2026-03"' out
expect_exit 0 act --member SWE --kind vote --item 1 --choice no \
    --time 2026-12-31T23:59:59Z -s swe.key -o last.act # the last second of the window
expect_exit 0 "$WTOVOTE" act show last.act --roster r.pb
expect_exit 0 act --member FIN --kind object --item 2 --statement "Article IX:1 fn 1" \
    --time 2026-05-31T23:59:59Z -s fin.key -o object.act # before the revocation
expect_exit 0 "$WTOVOTE" act show object.act --roster r.pb
expect_grep '^statement: Article IX:1 fn 1$' out
expect_exit 0 act --member EU --kind vote --item 3 --choice yes --eu-bloc -s eu.key -o bloc.act
expect_exit 0 "$WTOVOTE" act show bloc.act --roster r.pb
expect_grep '^eu bloc: yes$' out
expect_exit 0 act --member USA --kind attend --time now -s usa.key -o attend.act
expect_exit 0 "$WTOVOTE" act show attend.act --roster r.pb
expect_exit 0 env WTOVOTE_PASSPHRASE=pw "$WTOVOTE" act sign --meeting GC-2026-03 --meeting-ref "$REF" \
    --member SWE --kind request-vote --item 1 -s swe2.key -o request.act
expect_exit 0 "$WTOVOTE" act show request.act --roster r.pb

# ---- refused: exit 1, the file and the cause named
refused()
{
    local file=$1 cause=$2
    expect_exit 1 "$WTOVOTE" act show "$file" --roster r.pb
    expect_grep "^wtovote: $file: .*$cause" "$TMP/err"
}
act --member FIN --kind vote --item 1 --choice no --time 2026-06-01 -s fin.key -o revoked.act >/dev/null ||
    fail "act sign (revoked) failed"
refused revoked.act 'revoked'
act --member SWE --kind vote --item 1 --choice no --time 2027-01-01 -s swe.key -o expired.act >/dev/null ||
    fail "act sign (expired) failed"
refused expired.act 'expired'
act --member SWE --kind vote --item 1 --choice no --time 2025-12-31T23:59:59Z -s swe.key -o early.act >/dev/null ||
    fail "act sign (early) failed"
refused early.act 'not yet valid'
act --member USA --kind vote --item 1 --choice no --time 2026-03-01 -s swe.key -o other.act >/dev/null ||
    fail "act sign (other member) failed"
refused other.act 'belongs to member SWE, not to USA'
act --member USA --kind vote --item 1 --choice no -s stranger.key -o stranger.act >/dev/null ||
    fail "act sign (stranger) failed"
refused stranger.act 'not in the roster'
act --member USA --kind vote --item 1 --choice no -s sec.key -o secact.act >/dev/null ||
    fail "act sign (secretariat key) failed"
refused secact.act "Secretariat's key"

# a tampered body: one letter of the meeting id changed
LC_ALL=C sed 's/GC-2026-03/GC-2026-04/' vote.act > tampered.act
cmp -s vote.act tampered.act && fail "tampering did not change the file"
refused tampered.act 'signature does not verify'

# a non-canonical body: the same Act with an explicit empty statement
# (field 9, bytes 4a 00) appended, which decodes to the same message but does
# not re-encode to these bytes. Envelope: 08 01 10 02 1a LEN BODY 22 ...
[ "$(od -An -tu1 -j4 -N1 vote.act | tr -d ' ')" = 26 ] || fail "unexpected envelope layout"
len=$(od -An -tu1 -j5 -N1 vote.act | tr -d ' ')
[ "$len" -lt 126 ] || fail "act body too long for this test"
{
    head -c 5 vote.act
    printf "\\$(printf %03o $((len + 2)))"
    tail -c +7 vote.act | head -c "$len"
    printf '\112\000'
    tail -c +$((7 + len)) vote.act
} > noncanon.act
[ "$(wc -c < noncanon.act)" = $(($(wc -c < vote.act) + 2)) ] || fail "splice failed"
refused noncanon.act 'Act.*re-encode\|non-canonical\|noncanonical'

# a roster is not an act
expect_exit 1 "$WTOVOTE" act show r.pb --roster r.pb
expect_grep 'r.pb: .*not an act' err

# truncated: unreadable, exit 2
head -c 40 vote.act > short.act
expect_exit 2 "$WTOVOTE" act show short.act --roster r.pb
expect_grep '^wtovote: short.act: ' err
expect_exit 2 "$WTOVOTE" act show missing.act --roster r.pb
expect_exit 2 "$WTOVOTE" act show vote.act

# a tampered roster refuses everything checked against it
LC_ALL=C sed 's/Afghanistan/Bfghanistan/' r.pb > badr.pb
expect_exit 1 "$WTOVOTE" act show vote.act --roster badr.pb
expect_grep 'badr.pb' err

# ---- act sign writes nothing on failure
expect_exit 2 act --member SWE --kind vote --item 1 -s swe.key -o f1.act # no --choice
expect_exit 2 act --member SWE --kind attend --choice yes -s swe.key -o f2.act
expect_exit 2 act --member SWE --kind vote --choice yes --item 1 --eu-bloc -s swe.key -o f3.act
expect_exit 2 act --member SWE --kind dance -s swe.key -o f4.act
expect_exit 2 act --member SWE --kind attend --time yesterday -s swe.key -o f5.act
expect_exit 1 env WTOVOTE_PASSPHRASE=wrong "$WTOVOTE" act sign --meeting GC-2026-03 --meeting-ref "$REF" \
    --member SWE --kind attend -s swe2.key -o f6.act
expect_exit 2 act --member SWE --kind attend -s missing.key -o f7.act
expect_exit 1 act --member swe --kind attend -s swe.key -o f8.act # not a Member code
for f in f1 f2 f3 f4 f5 f6 f7 f8; do
    [ -e "$f.act" ] && fail "a failed act sign wrote $f.act"
done
cp vote.act keep.act
expect_exit 2 act --member SWE --kind attend -s swe.key -o vote.act # never replaced
cmp -s vote.act keep.act || fail "act sign replaced an existing file"
echo "act: ok"
