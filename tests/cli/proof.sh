#!/bin/bash
# wtovote proof inclusion|consistency and checkpoint verify: the CLI contract
# of issue 4 point 5 (exit 0 valid, 1 not valid, 2 malformed input), with
# real values from vectors/merkle/kat.txt (RFC 9162 section 2.1).
. "$(dirname "$0")/lib.sh"
: "${WV_SOURCE_DIR:?}"
KAT=$WV_SOURCE_DIR/vectors/merkle/kat.txt
DATA=$WV_SOURCE_DIR/tests/cli/data/checkpoint
W=$WTOVOTE

kat() { awk -v k="$1" -v a="$2" -v b="${3:-}" '$1==k && $2==a && (b=="" || $3==b) {print $NF}' "$KAT"; }
LEAF5=$(kat leaf 5); ROOT8=$(kat root 8); ROOT6=$(kat root 6); ROOT3=$(kat root 3)
P58=$(kat inclusion 5 8); P36=$(kat consistency 3 6)
[ -n "$LEAF5" ] && [ -n "$P58" ] && [ -n "$P36" ] || fail "values missing from $KAT"

# --help (exit 0)
for sub in "proof" "proof inclusion" "proof consistency" "checkpoint" "checkpoint verify"; do
    expect_exit 0 $W $sub --help
    expect_grep usage "$TMP/out"
done
expect_exit 2 $W proof
expect_exit 2 $W proof frobnicate

# inclusion: valid (0)
expect_exit 0 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "$ROOT8" --proof "$P58"
expect_grep "verifies" "$TMP/out"
# not valid (1): wrong index, wrong size, wrong root, wrong leaf, short proof, extra hash
expect_exit 1 $W proof inclusion --leaf-hash "$LEAF5" --index 4 --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 1 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 6 --root "$ROOT8" --proof "$P58"
expect_exit 1 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "$ROOT6" --proof "$P58"
expect_exit 1 $W proof inclusion --leaf-hash "$(kat leaf 4)" --index 5 --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 1 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "$ROOT8" --proof "${P58%,*}"
expect_grep "too short" "$TMP/err"
expect_exit 1 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "$ROOT8" --proof "$P58,$ROOT8"
expect_exit 1 $W proof inclusion --leaf-hash "$LEAF5" --index 8 --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 1 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "$ROOT8"
# malformed (2): bad base64, wrong hash length, non-numeric, missing flag, empty element
expect_exit 2 $W proof inclusion --leaf-hash "not*base64" --index 5 --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 2 $W proof inclusion --leaf-hash "V3JvbmdMZWFm" --index 5 --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 2 $W proof inclusion --leaf-hash "$LEAF5" --index five --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 2 $W proof inclusion --leaf-hash "$LEAF5" --index -1 --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 2 $W proof inclusion --leaf-hash "$LEAF5" --index 18446744073709551616 --size 8 --root "$ROOT8"
expect_exit 2 $W proof inclusion --leaf-hash "$LEAF5" --size 8 --root "$ROOT8" --proof "$P58"
expect_exit 2 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "$ROOT8" --proof "$P58,"
expect_exit 2 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "${ROOT8}AAAA" --proof "$P58"
expect_exit 2 $W proof inclusion --leaf-hash "$LEAF5" --index 5 --size 8 --root "$ROOT8" extra

# consistency: valid (0), equal sizes with an empty proof (0)
expect_exit 0 $W proof consistency --size1 3 --size2 6 --root1 "$ROOT3" --root2 "$ROOT6" --proof "$P36"
expect_exit 0 $W proof consistency --size1 6 --size2 6 --root1 "$ROOT6" --root2 "$ROOT6"
# not valid (1)
expect_exit 1 $W proof consistency --size1 3 --size2 6 --root1 "$ROOT6" --root2 "$ROOT3" --proof "$P36"
# (a size and its root are only meaningful together: size2 7 with the
# root of size 6 has the same path shape here and is not a useful test)
expect_exit 1 $W proof consistency --size1 4 --size2 6 --root1 "$ROOT3" --root2 "$ROOT6" --proof "$P36"
expect_exit 1 $W proof consistency --size1 3 --size2 8 --root1 "$ROOT3" --root2 "$ROOT8" --proof "$P36"
expect_exit 1 $W proof consistency --size1 6 --size2 3 --root1 "$ROOT6" --root2 "$ROOT3" --proof "$P36"
expect_exit 1 $W proof consistency --size1 0 --size2 6 --root1 "$ROOT3" --root2 "$ROOT6"
expect_exit 1 $W proof consistency --size1 3 --size2 6 --root1 "$ROOT3" --root2 "$ROOT6"
expect_exit 1 $W proof consistency --size1 6 --size2 6 --root1 "$ROOT6" --root2 "$ROOT3"
# malformed (2)
expect_exit 2 $W proof consistency --size1 x --size2 6 --root1 "$ROOT3" --root2 "$ROOT6" --proof "$P36"
expect_exit 2 $W proof consistency --size1 3 --size2 6 --root1 "$ROOT3" --root2 "ZG9uJ3QgY2FyZSAy" --proof "$P36"
expect_exit 2 $W proof consistency --size1 3 --size2 6 --root1 "$ROOT3" --root2 "$ROOT6" --proof "$P36,%%%"
expect_exit 2 $W proof consistency --size2 6 --root1 "$ROOT3" --root2 "$ROOT6"

# checkpoint verify: signed (0), co-signed with an unknown (0) or known observer (0)
expect_exit 0 $W checkpoint verify "$DATA/checkpoint.txt" --pub "$DATA/secretariat.pub"
expect_grep "^size 70$" "$TMP/out"
expect_grep "^root $(kat root 70)$" "$TMP/out"
expect_exit 0 $W checkpoint verify "$DATA/checkpoint-cosigned.txt" --pub "$DATA/secretariat.pub"
expect_exit 0 $W checkpoint verify "$DATA/checkpoint-cosigned.txt" --pub "$DATA/secretariat.pub" \
    --origin wtovote.example/meeting/KAT-1 --observer "$(cat "$DATA/observer.vkey")"
# refused (1): wrong origin, wrong key, observer only, tampered size, duplicated line
expect_exit 1 $W checkpoint verify "$DATA/checkpoint.txt" --pub "$DATA/secretariat.pub" --origin wtovote.example/meeting/OTHER
expect_exit 1 $W checkpoint verify "$DATA/checkpoint.txt" --pub "$DATA/observer.pub"
expect_exit 1 $W checkpoint verify "$DATA/checkpoint-observer-only.txt" --pub "$DATA/secretariat.pub"
expect_grep "no signature by" "$TMP/err"
sed 's/^70$/71/' "$DATA/checkpoint.txt" > "$TMP/tampered.txt"
expect_exit 1 $W checkpoint verify "$TMP/tampered.txt" --pub "$DATA/secretariat.pub"
{ cat "$DATA/checkpoint.txt"; tail -n 1 "$DATA/checkpoint.txt"; } > "$TMP/dup.txt"
expect_exit 1 $W checkpoint verify "$TMP/dup.txt" --pub "$DATA/secretariat.pub"
head -n 3 "$DATA/checkpoint.txt" > "$TMP/unsigned.txt"
expect_exit 1 $W checkpoint verify "$TMP/unsigned.txt" --pub "$DATA/secretariat.pub"
# usage or I/O (2)
expect_exit 2 $W checkpoint verify "$TMP/missing.txt" --pub "$DATA/secretariat.pub"
expect_exit 2 $W checkpoint verify "$DATA/checkpoint.txt"
expect_exit 2 $W checkpoint verify "$DATA/checkpoint.txt" --pub "$DATA/checkpoint.txt"
expect_exit 2 $W checkpoint verify "$DATA/checkpoint.txt" --pub "$DATA/secretariat.pub" --observer nonsense
echo "proof.sh: all checks passed"
