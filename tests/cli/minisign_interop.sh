# Interop with the real minisign program (Debian package `minisign`), both
# ways: keys made by minisign sign with wtovote, wtovote's keys and signatures
# verify with minisign, minisign's signatures verify with wtovote; plus the
# refusals (tampered file or trusted comment, wrong passphrase, truncated key).
# Issue 2, point 5 and "Bad input"; formats in SPEC.md, "Keys and signature files".
. "$(dirname "$0")/lib.sh"
MINISIGN=/usr/bin/minisign
[ -x "$MINISIGN" ] || fail "$MINISIGN missing: install the Debian package minisign (make test does)"
export WTOVOTE_KDF=interactive
unset WTOVOTE_PASSPHRASE
cd "$TMP" || fail "no temp dir"
printf 'Article IX:3 waiver request\n' > doc.txt

# (1) a minisign -W key pair is a wtovote signing key.
"$MINISIGN" -G -W -p m.pub -s m.key >/dev/null </dev/null || fail "minisign -G -W failed"
expect_exit 0 "$WTOVOTE" sign -s m.key doc.txt
[ -s doc.txt.minisig ] || fail "wtovote sign wrote no doc.txt.minisig"
expect_exit 0 "$WTOVOTE" sig-verify -p m.pub doc.txt
expect_grep '^trusted comment: timestamp:[0-9]*	file:doc.txt	hashed$' "$TMP/out"
expect_exit 0 "$MINISIGN" -Vm doc.txt -p m.pub

# (2) wtovote keys -> wtovote sign -> minisign -Vm, unencrypted and encrypted.
expect_exit 0 "$WTOVOTE" keygen -o plain --no-password
expect_grep '^key id: [0-9A-F]\{16\}$' "$TMP/out"
[ "$(stat -c %a plain.key)" = 600 ] || fail "plain.key is not mode 0600"
expect_exit 0 "$WTOVOTE" sign -s plain.key -t "meeting GC/2024/3" doc.txt -x plain.sig
expect_exit 0 "$MINISIGN" -Vm doc.txt -p plain.pub -x plain.sig
expect_grep 'meeting GC/2024/3' "$TMP/out"
# minisign also signs with a wtovote unencrypted key.
expect_exit 0 "$MINISIGN" -S -s plain.key -m doc.txt -x m-plain.sig
expect_exit 0 "$WTOVOTE" sig-verify -p plain.pub doc.txt -x m-plain.sig

expect_exit 0 env WTOVOTE_PASSPHRASE=s3cret "$WTOVOTE" keygen -o enc -c "SWE delegation"
expect_grep '(encrypted)' "$TMP/out"
expect_exit 0 env WTOVOTE_PASSPHRASE=s3cret "$WTOVOTE" sign -s enc.key doc.txt -x enc.sig
expect_exit 0 "$MINISIGN" -Vm doc.txt -p enc.pub -x enc.sig
# minisign decrypts a wtovote encrypted key (password through a pipe).
printf 's3cret\n' | "$MINISIGN" -S -s enc.key -m doc.txt -x m-enc.sig >/dev/null 2>&1 ||
    fail "minisign could not use the wtovote encrypted key"
expect_exit 0 "$WTOVOTE" sig-verify -p enc.pub doc.txt -x m-enc.sig

# (3) minisign -S signatures verify with wtovote; tampering is refused (1).
"$MINISIGN" -S -s m.key -m doc.txt -x m.sig -t "trusted by minisign" >/dev/null </dev/null ||
    fail "minisign -S failed"
expect_exit 0 "$WTOVOTE" sig-verify -p m.pub doc.txt -x m.sig
expect_grep '^trusted comment: trusted by minisign$' "$TMP/out"
cp doc.txt changed.txt && printf 'x' >> changed.txt
expect_exit 1 "$WTOVOTE" sig-verify -p m.pub changed.txt -x m.sig
expect_grep 'changed.txt' "$TMP/err"
expect_grep 'modified' "$TMP/err"
sed 's/^trusted comment: trusted by minisign$/trusted comment: trusted by nobody/' m.sig > tc.sig
cmp -s m.sig tc.sig && fail "sed did not change the trusted comment"
expect_exit 1 "$WTOVOTE" sig-verify -p m.pub doc.txt -x tc.sig
expect_grep 'trusted comment was modified' "$TMP/err"
expect_exit 1 "$MINISIGN" -Vm doc.txt -p m.pub -x tc.sig
# Legacy (not pre-hashed, "Ed") minisign signatures are accepted too.
"$MINISIGN" -S -l -s m.key -m doc.txt -x legacy.sig >/dev/null </dev/null || fail "minisign -S -l failed"
expect_exit 0 "$WTOVOTE" sig-verify -p m.pub doc.txt -x legacy.sig
expect_exit 1 "$WTOVOTE" sig-verify -p m.pub changed.txt -x legacy.sig
# Files over one 64 KiB chunk: "ED" hashes them in a stream (constant memory),
# and wtovote and minisign still agree both ways; a byte changed in a middle
# chunk is refused (1).
seq 1 400000 > big.txt  # 2.6 MB
expect_exit 0 "$WTOVOTE" sign -s plain.key big.txt -x big.sig
expect_exit 0 "$MINISIGN" -Vm big.txt -p plain.pub -x big.sig
"$MINISIGN" -S -s m.key -m big.txt -x m-big.sig >/dev/null </dev/null || fail "minisign -S big.txt failed"
expect_exit 0 "$WTOVOTE" sig-verify -p m.pub big.txt -x m-big.sig
printf 'X' | dd of=big.txt bs=1 seek=1000000 conv=notrunc status=none
expect_exit 1 "$WTOVOTE" sig-verify -p m.pub big.txt -x m-big.sig
expect_exit 1 "$WTOVOTE" sig-verify -p plain.pub big.txt -x big.sig
# A legacy signature covers the whole file, checked in memory: over 1 GiB it
# is refused (2) by its size, before any reading (sparse file), naming the
# file and the limit.
truncate -s 1025M huge.bin
expect_exit 2 "$WTOVOTE" sig-verify -p m.pub huge.bin -x legacy.sig
expect_grep 'huge.bin: larger than 1073741824 bytes (1 GiB), the limit for a legacy' "$TMP/err"
rm -f huge.bin
# Another key's signature: key id mismatch, refused.
expect_exit 1 "$WTOVOTE" sig-verify -p plain.pub doc.txt -x m.sig
expect_grep 'key' "$TMP/err"
expect_exit 0 "$WTOVOTE" sig-verify -q -p m.pub doc.txt -x m.sig
[ -s "$TMP/out" ] && fail "-q printed something"

# A minisign key whose secret key is encrypted (minisign's sensitive scrypt
# limits: about 1 GiB and a few seconds, once).
printf 'pw\npw\n' | "$MINISIGN" -G -p ms.pub -s ms.key >/dev/null 2>&1 || fail "minisign -G failed"
printf 'pw\n' | "$MINISIGN" -S -s ms.key -m doc.txt -x ms.sig >/dev/null 2>&1 || fail "minisign -S failed"
expect_exit 0 "$WTOVOTE" sig-verify -p ms.pub doc.txt -x ms.sig
expect_exit 0 env WTOVOTE_PASSPHRASE=pw "$WTOVOTE" sign -s ms.key doc.txt -x ms2.sig
expect_exit 0 "$MINISIGN" -Vm doc.txt -p ms.pub -x ms2.sig

# Bad input: wrong passphrase -> 1, truncated key -> 2, nothing written.
expect_exit 1 env WTOVOTE_PASSPHRASE=wrong "$WTOVOTE" sign -s enc.key doc.txt -x wrong.sig
expect_grep 'enc.key' "$TMP/err"
expect_grep 'wrong passphrase' "$TMP/err"
[ -e wrong.sig ] && fail "a signature was written with a wrong passphrase"
head -c 120 plain.key > trunc.key
expect_exit 2 "$WTOVOTE" sign -s trunc.key doc.txt -x trunc.sig
expect_grep 'trunc.key' "$TMP/err"
[ -e trunc.sig ] && fail "a signature was written with a truncated key"
printf 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH5y user@host\n' > ssh.pub
expect_exit 2 "$WTOVOTE" sig-verify -p ssh.pub doc.txt -x m.sig
expect_grep 'ssh.pub' "$TMP/err"
head -n 2 m.sig > short.sig
expect_exit 2 "$WTOVOTE" sig-verify -p m.pub doc.txt -x short.sig
expect_grep 'short.sig' "$TMP/err"
expect_exit 2 "$WTOVOTE" sig-verify -p m.pub missing.txt -x m.sig
expect_grep 'missing.txt' "$TMP/err"

# keygen refuses to overwrite (1) unless -f; a refused run changes nothing.
cp plain.pub plain.pub.before
expect_exit 1 "$WTOVOTE" keygen -o plain --no-password
cmp -s plain.pub plain.pub.before || fail "refused keygen changed plain.pub"
expect_exit 0 "$WTOVOTE" keygen -o plain --no-password -f
cmp -s plain.pub plain.pub.before && fail "keygen -f did not replace plain.pub"
# Without a passphrase source keygen stops (2) and writes nothing.
expect_exit 2 setsid -w "$WTOVOTE" keygen -o nopass  # no controlling tty
[ -e nopass.key ] || [ -e nopass.pub ] && fail "keygen without a passphrase wrote a file"

for c in keygen sign sig-verify; do
    expect_exit 0 "$WTOVOTE" "$c" --help
    expect_grep "usage: wtovote $c" "$TMP/out"
done
expect_exit 2 "$WTOVOTE" sign doc.txt
echo "minisign interop: ok"
