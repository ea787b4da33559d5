# wtovote verify and wtovote receipt verify on a generated record: exit
# codes 0/1/2, the numbered steps in text and JSON, --jobs, --since, --pub,
# and tampering caught by the right step. The record comes from
# tests/bench/bench_verify --build-only (deterministic keys).
. "$(dirname "$0")/lib.sh"
BENCH="$WV_BUILD_DIR/tests/bench_verify"
[ -x "$BENCH" ] || fail "missing $BENCH"
REC="$TMP/rec"
"$BENCH" --acts 400 --out "$REC" --build-only --act-out "$TMP/act.pb" \
    --receipt-out "$TMP/act.receipt" 2>"$TMP/build.err" || fail "build: $(cat "$TMP/build.err")"

expect_exit 0 "$WTOVOTE" verify --help
expect_grep "V10" "$TMP/out"
expect_exit 0 "$WTOVOTE" receipt verify --help
expect_exit 2 "$WTOVOTE" verify
expect_exit 2 "$WTOVOTE" verify "$TMP/no-such-record"
expect_exit 2 "$WTOVOTE" verify "$REC" --jobs 0

# A good record: every step passes, whatever the number of threads.
expect_exit 0 "$WTOVOTE" verify "$REC"
expect_grep "^V9 .*pass" "$TMP/out"
expect_grep "record verifies; 405 entries" "$TMP/out"
expect_exit 0 "$WTOVOTE" verify "$REC" --jobs 2 --json
expect_grep '"ok": true' "$TMP/out"
expect_grep '"step": "V7"' "$TMP/out"
# Trust said aloud: without --pub the verdict trusts the key inside the
# record; it says so and prints that key's id and how to check it.
# The key id computed here from the .pub file (minisign: bytes 2..9, LE).
keyid=$(python3 -c '
import base64,sys
b=base64.b64decode(open(sys.argv[1]).read().splitlines()[1])
print("%016X" % int.from_bytes(b[2:10],"little"))' "$REC/secretariat.pub")
expect_exit 0 "$WTOVOTE" verify "$REC"
expect_grep "^trust: WARNING: no --pub given" "$TMP/out"
expect_grep "^trust: Secretariat key id $keyid, public key $(sed -n 2p "$REC/secretariat.pub")" "$TMP/out"
expect_grep "or pass --pub SECRETARIAT.pub" "$TMP/out"
expect_exit 0 "$WTOVOTE" verify "$REC" --json
python3 - "$TMP/out" "$keyid" <<'PY' || fail "verify --json: trust"
import json, sys
t = json.load(open(sys.argv[1]))["trust"]
assert t["pinned"] is False and t["key_id"] == sys.argv[2], t
assert "taken from the record itself" in t["warning"] and "--pub" in t["advice"], t
PY
expect_exit 0 "$WTOVOTE" verify "$REC" --pub "$REC/secretariat.pub"
expect_grep "^trust: the roster is signed by the Secretariat key given with --pub (key id $keyid)" "$TMP/out"
if grep -q WARNING "$TMP/out"; then fail "verify --pub: a trust warning"; fi
expect_exit 0 "$WTOVOTE" verify "$REC" --pub "$REC/secretariat.pub" --json
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["trust"]; assert t["pinned"] is True and "warning" not in t, t' "$TMP/out" || fail "verify --pub --json: trust"
cp "$REC/checkpoint" "$TMP/cp.now"
expect_exit 0 "$WTOVOTE" verify "$REC" --since "$TMP/cp.now"
expect_grep "^V10 .*pass" "$TMP/out"

# Receipts: the act is in the record; another file is not that act.
expect_exit 0 "$WTOVOTE" receipt verify "$TMP/act.receipt" --act "$TMP/act.pb" --pub "$REC/secretariat.pub"
expect_grep "receipt verifies" "$TMP/out"
expect_exit 0 "$WTOVOTE" receipt verify "$TMP/act.receipt" --act "$TMP/act.pb" --pub "$REC/secretariat.pub" --json
expect_grep '"valid": true' "$TMP/out"
expect_exit 1 "$WTOVOTE" receipt verify "$TMP/act.receipt" --act "$REC/roster.pb" --pub "$REC/secretariat.pub"
expect_exit 2 "$WTOVOTE" receipt verify "$TMP/act.receipt" --act "$TMP/missing" --pub "$REC/secretariat.pub"
expect_exit 2 "$WTOVOTE" receipt verify "$TMP/act.receipt" --act "$TMP/act.pb"
printf 'garbage' > "$TMP/bad.receipt"
expect_exit 1 "$WTOVOTE" receipt verify "$TMP/bad.receipt" --act "$TMP/act.pb" --pub "$REC/secretariat.pub"

# A flipped byte in the middle of the log: V2 (CRC-32C) names the entry.
cp "$REC/log" "$TMP/log.orig"
size=$(stat -c %s "$REC/log")
printf '\x55' | dd of="$REC/log" bs=1 seek=$((size / 2)) conv=notrunc status=none
expect_exit 1 "$WTOVOTE" verify "$REC"
expect_grep "^V2 .*FAIL  entry [0-9]" "$TMP/out"
expect_exit 1 "$WTOVOTE" verify "$REC" --json
expect_grep '"ok": false' "$TMP/out"
cp "$TMP/log.orig" "$REC/log"

# The log cut short by a whole number of entries is not what was signed: V9.
expect_exit 0 "$WTOVOTE" verify "$REC"
python3 - "$REC/log" <<'PY'
import struct, sys
p = sys.argv[1]
b = open(p, 'rb').read()
off, last = 16, 16
while off < len(b):
    last = off
    off += 8 + struct.unpack('<I', b[off:off + 4])[0]
open(p, 'wb').write(b[:last])
PY
expect_exit 1 "$WTOVOTE" verify "$REC"
expect_grep "^V9 .*FAIL" "$TMP/out"
cp "$TMP/log.orig" "$REC/log"

# A checkpoint whose text was changed: its signature no longer holds (V8).
sed -i 's/^\(.\{0,6\}\)./\1x/' "$REC/checkpoint"
expect_exit 1 "$WTOVOTE" verify "$REC"
expect_grep "^V8 .*FAIL" "$TMP/out"
cp "$TMP/cp.now" "$REC/checkpoint"
expect_exit 0 "$WTOVOTE" verify "$REC"
echo PASS
