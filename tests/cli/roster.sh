# wtovote roster: the embedded list (166 WTO Members as of 30 August 2024, 27
# EU member States plus the EU itself), drafts from the list or a CSV, keys
# added and revoked, the Secretariat's signature, and the refusals: unknown
# Member, duplicate key, bad CSV, wrong passphrase, tampered roster. A failed
# command writes nothing. Issue 2, point 6; SPEC.md, "Roster".
. "$(dirname "$0")/lib.sh"
export WTOVOTE_KDF=interactive
unset WTOVOTE_PASSPHRASE
cd "$TMP" || fail "no temp dir"

# --help everywhere
for sub in new add-key revoke-key sign show; do
    expect_exit 0 "$WTOVOTE" roster "$sub" --help
    expect_grep '^usage: wtovote roster' "$TMP/out"
done
expect_exit 0 "$WTOVOTE" roster --help

# ---- the embedded list: counted from the one-line-per-Member text output ...
expect_exit 0 "$WTOVOTE" roster show --default
[ "$(grep -c '^member ' out)" = 166 ] || fail "default roster: not 166 members"
[ "$(grep -c '^member [A-Z]* eu=1 ' out)" = 27 ] || fail "default roster: not 27 EU member States"
expect_grep '^member EU eu=0 ldc=0 joined=1995-01-01 European Union$' out
expect_grep '^member TLS eu=0 ldc=1 joined=2024-08-30 Timor-Leste$' out
expect_grep '^member COM eu=0 ldc=1 joined=2024-08-21 Comoros$' out
expect_grep '^members: 166 (27 EU member States, 37 LDCs)$' out
expect_grep '^fingerprint: [0-9a-f]\{64\}$' out

# ... and from the JSON (one "code" line per Member in the indented output).
expect_exit 0 "$WTOVOTE" roster show --default --json
[ "$(grep -c '"code": ' out)" = 166 ] || fail "JSON: not 166 members"
[ "$(grep -c '"eu_member_state": true' out)" = 27 ] || fail "JSON: not 27 EU member States"
expect_grep '"code": "EU"' out
for field in name ldc joined; do expect_grep "\"$field\": " out; done
if command -v python3 >/dev/null 2>&1; then # a second, independent reading
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = d["members"]
assert len(m) == 166, len(m)
assert sum(x["eu_member_state"] for x in m) == 27
eu = [x for x in m if x["code"] == "EU"]
assert len(eu) == 1 and not eu[0]["eu_member_state"]
assert d["counts"]["members"] == 166 and d["counts"]["eu_member_states"] == 27
assert all(set(x) >= {"code", "name", "eu_member_state", "ldc", "joined"} for x in m)
' out || fail "JSON does not parse to 166 members / 27 EU member States / EU"
fi

# ---- a draft from the embedded list
expect_exit 0 "$WTOVOTE" roster new -o r.pb
[ -s r.pb ] || fail "roster new wrote nothing"
expect_exit 2 "$WTOVOTE" roster new -o r.pb # never replaced without -f
expect_exit 0 "$WTOVOTE" roster show r.pb
expect_grep '^signed by: nobody (unsigned draft)$' out
[ "$(grep -c '^member ' out)" = 166 ] || fail "draft: not 166 members"

# ---- keys
expect_exit 0 "$WTOVOTE" keygen --no-password -o swe
expect_exit 0 "$WTOVOTE" keygen --no-password -o fin
expect_exit 0 "$WTOVOTE" keygen --no-password -o sec
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member SWE --pub swe.pub \
    --valid-from 2026-01-01 --valid-until 2027-01-01
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member FIN --pub fin.pub
cp r.pb before.pb
expect_exit 1 "$WTOVOTE" roster add-key r.pb --member XXX --pub fin.pub
expect_grep 'r.pb: .*XXX' err
expect_exit 1 "$WTOVOTE" roster add-key r.pb --member DNK --pub swe.pub
expect_grep 'already held by SWE' err
expect_exit 2 "$WTOVOTE" roster add-key r.pb --member DNK --pub nonexistent.pub
expect_exit 2 "$WTOVOTE" roster add-key r.pb --member DNK --pub fin.pub --valid-from tomorrow
expect_exit 2 "$WTOVOTE" roster add-key r.pb --member DNK --pub swe.key # not a public key
cmp -s r.pb before.pb || fail "a failed add-key changed the roster"

expect_exit 0 "$WTOVOTE" roster show r.pb
expect_grep '^keys: 2$' out
expect_grep '^key [0-9A-F]\{16\} member=SWE from=2026-01-01T00:00:00Z until=2027-01-01T00:00:00Z revoked=-$' out
FIN_ID=$(sed -n 's/^key \([0-9A-F]\{16\}\) member=FIN .*/\1/p' out)
[ -n "$FIN_ID" ] || fail "no FIN key listed"

# revoke by key id, then again (refused), and by .pub file
expect_exit 0 "$WTOVOTE" roster revoke-key r.pb --key-id "$FIN_ID" --at 2026-06-01
expect_exit 0 "$WTOVOTE" roster show r.pb
expect_grep "^key $FIN_ID member=FIN from=1970-01-01T00:00:00Z until=- revoked=2026-06-01T00:00:00Z$" out
cp r.pb before.pb
expect_exit 1 "$WTOVOTE" roster revoke-key r.pb --pub fin.pub --at 2026-07-01
expect_grep 'already revoked' err
expect_exit 1 "$WTOVOTE" roster revoke-key r.pb --key-id 0123456789ABCDEF
expect_exit 2 "$WTOVOTE" roster revoke-key r.pb --key-id 0123
expect_exit 2 "$WTOVOTE" roster revoke-key r.pb
cmp -s r.pb before.pb || fail "a failed revoke-key changed the roster"

# ---- the Secretariat's signature
expect_exit 0 "$WTOVOTE" roster sign -s sec.key r.pb
expect_exit 0 "$WTOVOTE" roster show r.pb
expect_grep '^signed by: Secretariat key [0-9A-F]\{16\} (signature verified)$' out
expect_exit 0 "$WTOVOTE" roster show r.pb --json
expect_grep '"signed": true' out
expect_grep '"keys": 2' out

# an encrypted Secretariat key: the wrong passphrase is refused, nothing written
expect_exit 0 env WTOVOTE_PASSPHRASE=right "$WTOVOTE" keygen -o sec2
cp r.pb before.pb
expect_exit 1 env WTOVOTE_PASSPHRASE=wrong "$WTOVOTE" roster sign -s sec2.key r.pb
cmp -s r.pb before.pb || fail "a failed sign changed the roster"
expect_exit 0 env WTOVOTE_PASSPHRASE=right "$WTOVOTE" roster sign -s sec2.key r.pb

# a tampered signed roster: one letter of a Member's name changed
LC_ALL=C sed 's/Afghanistan/Bfghanistan/' r.pb > bad.pb
cmp -s r.pb bad.pb && fail "tampering did not change the file"
expect_exit 1 "$WTOVOTE" roster show bad.pb
expect_grep 'bad.pb: roster: .*signature does not verify' err
# truncated or foreign: not a roster at all
head -c 100 r.pb > short.pb
expect_exit 2 "$WTOVOTE" roster show short.pb
expect_grep 'short.pb' err
# the same for an edit, and the file is left as it was
cp short.pb short-before.pb
expect_exit 2 "$WTOVOTE" roster add-key short.pb --member DNK --pub sec.pub
expect_grep 'short.pb' err
cmp -s short.pb short-before.pb || fail "a refused edit changed short.pb"
expect_exit 2 "$WTOVOTE" roster show missing.pb
expect_exit 2 "$WTOVOTE" roster show r.pb --default

# an edit drops the signature (and says so)
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member DNK --pub sec.pub
expect_grep 'signature is dropped' err
expect_exit 0 "$WTOVOTE" roster show r.pb
expect_grep '^signed by: nobody (unsigned draft)$' out

# ---- CSV
printf 'code,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,1995-01-01\n"EU","European Union",false,false,1995-01-01\nKOR,"Korea, Republic of",0,0,1995-01-01\n' > m.csv
expect_exit 0 "$WTOVOTE" roster new -o c.pb --from m.csv
expect_exit 0 "$WTOVOTE" roster show c.pb
[ "$(grep -c '^member ' out)" = 3 ] || fail "CSV roster: not 3 members"
expect_grep '^member KOR eu=0 ldc=0 joined=1995-01-01 Korea, Republic of$' out
sed -n '/^member /p' out | head -1 | grep -q '^member EU ' || fail "CSV roster not sorted"
# the fingerprint is SHA-256 of the envelope's body (spec: Roster, Fingerprint);
# a draft envelope is 08 01 10 01 1a LEN BODY when the body is under 128 bytes
if command -v sha256sum >/dev/null 2>&1; then
    [ "$(od -An -tu1 -j4 -N1 c.pb | tr -d ' ')" = 26 ] || fail "unexpected roster envelope layout"
    blen=$(od -An -tu1 -j5 -N1 c.pb | tr -d ' ')
    [ "$(wc -c < c.pb)" = $((6 + blen)) ] || fail "draft envelope is not just its body"
    want=$(tail -c +7 c.pb | sha256sum | cut -d' ' -f1)
    expect_grep "^fingerprint: $want\$" out
fi

printf 'code,name,eu_member_state,ldc,joined\nSWE,Sweden,yes,0,1995-01-01\n' > bad.csv
expect_exit 2 "$WTOVOTE" roster new -o d.pb --from bad.csv
expect_grep 'bad.csv: members CSV line 2, column 12' err
[ -e d.pb ] && fail "a failed roster new wrote a file"
printf 'code,name,eu_member_state,ldc,joined\nSWE,Sweden,1,0,\nSWE,Sverige,1,0,\n' > dup.csv
expect_exit 1 "$WTOVOTE" roster new -o d.pb --from dup.csv
expect_grep 'line 3, column 1: member SWE already listed on line 2' err
[ -e d.pb ] && fail "a failed roster new wrote a file"
echo "roster: ok"
