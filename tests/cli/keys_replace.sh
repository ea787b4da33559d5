# keygen -f replaces a key pair as one change: when the second file cannot
# be written, the old pair stays as it was (never a new NAME.key beside an
# old NAME.pub) and nothing else is left behind; without -f a failure leaves
# no file. SPEC.md, "Keys and signature files: Commands and exit codes".
# A directory at NAME.pub makes the rename onto it fail even as root
# (chmod tricks do not).
. "$(dirname "$0")/lib.sh"
export WTOVOTE_KDF=interactive
unset WTOVOTE_PASSPHRASE
cd "$TMP" || fail "no temp dir"

# -f over an old pair whose NAME.pub cannot be replaced: exit 2, names the
# file, NAME.key byte-identical, no temporary or backup file left.
expect_exit 0 "$WTOVOTE" keygen -o pair --no-password
cp pair.key pair.key.before
rm pair.pub && mkdir pair.pub
expect_exit 2 "$WTOVOTE" keygen -o pair --no-password -f
expect_grep 'pair\.pub' "$TMP/err"
cmp -s pair.key pair.key.before || fail "failed keygen -f changed pair.key"
[ "$(stat -c %a pair.key)" = 600 ] || fail "pair.key lost mode 0600"
[ -d pair.pub ] || fail "pair.pub (a directory) was touched"
leftover=$(ls -A | grep -v -x -e pair.key -e pair.pub -e pair.key.before -e out -e err)
[ -z "$leftover" ] || fail "files left behind: $leftover"

# -f where no old NAME.key existed: a failure leaves no new NAME.key either.
mkdir lone.pub
expect_exit 2 "$WTOVOTE" keygen -o lone --no-password -f
expect_grep 'lone\.pub' "$TMP/err"
[ -e lone.key ] && fail "failed keygen -f left a new lone.key without its public key"

# A successful -f replaces both files, and they belong together.
rmdir pair.pub
expect_exit 1 "$WTOVOTE" keygen -o pair --no-password
[ -e pair.pub ] && fail "refused keygen wrote pair.pub"
expect_exit 0 "$WTOVOTE" keygen -o pair --no-password -f
cmp -s pair.key pair.key.before && fail "keygen -f did not replace pair.key"
printf 'Article X:1 amendment\n' > doc.txt
expect_exit 0 "$WTOVOTE" sign -s pair.key doc.txt
expect_exit 0 "$WTOVOTE" sig-verify -p pair.pub doc.txt
leftover=$(ls -A | grep -v -x -e pair.key -e pair.pub -e pair.key.before -e out -e err \
    -e lone.pub -e doc.txt -e doc.txt.minisig)
[ -z "$leftover" ] || fail "files left behind: $leftover"
echo "keys replace: ok"
