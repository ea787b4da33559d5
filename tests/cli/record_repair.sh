# Nothing lost, nothing dead (issue 15, point 4): a refused command writes
# nothing, also on a damaged log; a torn tail is removed only by
# `wtovote record repair`, which keeps the bytes; acknowledged entries lost
# are restored with `record repair --from COPY` from a copy that matches the
# signed checkpoint, and a copy that does not match is refused; `verify`
# reports entries past the checkpoint as an unacknowledged tail (exit 0),
# and the next writer re-signs the checkpoint before anything else.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY WTOVOTE_WAIT
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
for k in sec usa ind; do
    expect_exit 0 "$W" keygen --no-password -o "$k"
done
expect_exit 0 "$W" roster new -o r.pb
expect_exit 0 "$W" roster add-key r.pb --member USA --pub usa.pub
expect_exit 0 "$W" roster add-key r.pb --member IND --pub ind.pub
expect_exit 0 "$W" roster sign -s sec.key r.pb
expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key --id GC-REPAIR
expect_exit 0 "$W" motion table rec -s sec.key --procedure majority --title "Item"
expect_exit 0 "$W" attend rec --member USA -s usa.key -S sec.key
expect_exit 0 "$W" attend rec --member IND -s ind.key -S sec.key
for i in 1 2 3; do
    expect_exit 0 "$W" statement rec --member USA --item 1 --statement "s$i" -s usa.key -S sec.key
done
expect_exit 0 "$W" verify rec
expect_grep "record verifies; 7 entries" out
cp -a rec mirror                     # a copy: a mirror, an observer's download
expect_exit 0 "$W" statement rec --member IND --item 1 \
    --statement late -s ind.key -o late.act

# cut LOG N: keep the first N whole entries; offset N: where entry N starts
offset()
{
    python3 - "$1" "$2" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
off, n = 16, int(sys.argv[2])
for _ in range(n):
    off += 8 + struct.unpack('<I', b[off:off + 4])[0]
print(off)
PY
}

# ---- a torn tail past the checkpoint: writers refuse, the log stays as it is
cp rec/log log.good
printf '\100\000\000\000partial' >> rec/log
cp rec/log log.torn
expect_exit 1 "$W" submit rec -s sec.key late.act
expect_grep 'torn tail of 11 bytes' err
expect_grep 'wtovote record repair rec' err
cmp -s rec/log log.torn || fail "a refused submit changed a torn log"
expect_exit 1 "$W" statement rec --member USA --item 1 --statement x -s usa.key -S sec.key
cmp -s rec/log log.torn || fail "a refused statement changed a torn log"
# `record repair` removes it, keeps the bytes, says so; the record verifies
expect_exit 0 "$W" record repair rec
expect_grep 'removed 11 bytes at byte' out
expect_grep 'they are kept in rec/log.torn-[0-9]\{8\}T[0-9]\{6\}Z' out
kept=$(ls rec/log.torn-* | head -1)
printf '\100\000\000\000partial' | cmp -s - "$kept" || fail "the kept bytes are not the torn tail"
cmp -s rec/log log.good || fail "repair changed more than the torn tail"
expect_exit 0 "$W" verify rec
expect_exit 0 "$W" record repair rec
expect_grep 'nothing to repair' out
rm -f "$kept"

# ---- the last acknowledged entry cut mid-entry: refused without a copy
end6=$(offset rec/log 6)
truncate -s $((end6 + 20)) rec/log
cp rec/log log.cut
expect_exit 1 "$W" submit rec -s sec.key late.act
cmp -s rec/log log.cut || fail "a refused submit truncated a damaged log"
expect_exit 1 "$W" record repair rec
expect_grep 'acknowledged entries are missing' err
cmp -s rec/log log.cut || fail "a refused repair changed the log"
expect_exit 1 "$W" verify rec
# a copy that is not of this record (another meeting, same id and keys) is refused
expect_exit 0 "$W" meeting open twin --roster r.pb --body general-council -s sec.key --id GC-REPAIR
for i in 1 2 3; do
    "$W" attend twin --member USA -s usa.key -S sec.key >/dev/null || fail "twin: attend"
    "$W" leave twin --member USA -s usa.key -S sec.key >/dev/null || fail "twin: leave"
done
expect_exit 1 "$W" record repair rec --from twin
expect_grep 'not a copy of this record' err
cmp -s rec/log log.cut || fail "a repair from a wrong copy changed the log"
# the mirror restores the acknowledged entry and keeps the damaged bytes
expect_exit 0 "$W" record repair rec --from mirror --json
python3 - out <<'PY' || fail "record repair --json"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["restored"] == 1 and r["entries_after"] == 7 and r["removed_bytes"] == 20, r
assert r["kept_in"].startswith("rec/log.torn-"), r
PY
cmp -s rec/log log.good || fail "the restored log differs from the acknowledged one"
expect_exit 0 "$W" verify rec
expect_grep "record verifies; 7 entries" out
rm -f rec/log.torn-*

# ---- acknowledged entries deleted (whole entries): restored from the copy's log file
truncate -s "$(offset rec/log 4)" rec/log
expect_exit 1 "$W" verify rec
expect_grep '^V9 .*FAIL' out
expect_exit 0 "$W" record repair rec --from mirror/log
expect_grep 'restored 3 acknowledged entries (4..6) from mirror/log' out
cmp -s rec/log log.good || fail "restoring deleted entries gave another log"
expect_exit 0 "$W" verify rec

# ---- an unacknowledged tail: whole entries past the checkpoint
cp rec/checkpoint cp.old
expect_exit 0 "$W" submit rec -s sec.key late.act
cp cp.old rec/checkpoint              # as if the writer died before re-signing
expect_exit 0 "$W" verify rec
expect_grep '^V9 .*pass' out
expect_grep '^tail: 1 entries after the checkpoint.s 7 are NOT covered by any signed checkpoint' out
expect_exit 0 "$W" verify rec --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["ok"] and r["unacknowledged_tail"] == 1 and r["checkpoint_size"] == 7, r' out ||
    fail "verify --json: unacknowledged_tail"
# the next writer re-signs the checkpoint before anything else
expect_exit 0 "$W" statement rec --member USA --item 1 --statement after -s usa.key -S sec.key
expect_grep 'checkpoint re-signed for 8 entries (it covered 7)' err
expect_exit 0 "$W" verify rec
expect_grep "record verifies; 9 entries" out
if grep -q '^tail:' out; then fail "a tail after re-signing"; fi
expect_exit 2 "$W" record repair
expect_exit 0 "$W" record repair --help
echo PASS
