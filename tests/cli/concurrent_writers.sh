# Writers that wait (issue 15, point 3): three processes appending 40
# statements each to one record at the same time all succeed, because a
# writer waits for another's lock (10 s by default, $WTOVOTE_WAIT); a writer
# that gives up names the process holding the lock.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY WTOVOTE_WAIT
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
for k in sec usa ind zaf; do
    expect_exit 0 "$W" keygen --no-password -o "$k"
done
expect_exit 0 "$W" roster new -o r.pb
for k in usa ind zaf; do
    expect_exit 0 "$W" roster add-key r.pb --member "$(echo "$k" | tr a-z A-Z)" --pub "$k.pub"
done
expect_exit 0 "$W" roster sign -s sec.key r.pb
expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key --id GC-LOCK
expect_exit 0 "$W" motion table rec -s sec.key --procedure majority --title "Item"
for k in usa ind zaf; do
    expect_exit 0 "$W" attend rec --member "$(echo "$k" | tr a-z A-Z)" -s "$k.key" -S sec.key
done

writer()
{
    local k=$1 code fails=0 i
    code=$(echo "$k" | tr a-z A-Z)
    for i in $(seq 1 40); do
        "$W" statement rec --member "$code" -s "$k.key" -S sec.key \
            --item 1 --statement "$code statement $i" >/dev/null 2>>"writer-$k.err" || fails=$((fails + 1))
    done
    echo "$fails" > "writer-$k.fails"
}
writer usa & p1=$!
writer ind & p2=$!
writer zaf & p3=$!
wait "$p1" "$p2" "$p3"
for k in usa ind zaf; do
    n=$(cat "writer-$k.fails")
    [ "$n" = 0 ] || fail "writer $k: $n of 40 appends failed: $(head -3 "writer-$k.err")"
done
expect_exit 0 "$W" verify rec --pub sec.pub
expect_grep "record verifies; 125 entries" out

# A writer that cannot wait long enough gives up (exit 2) naming the holder:
# a Python process holds the log's flock while the command runs.
python3 - rec/log <<'PY' &
import fcntl, sys, time, os
f = open(sys.argv[1], 'rb')
fcntl.flock(f, fcntl.LOCK_EX)
open('holder.pid', 'w').write(str(os.getpid()))
time.sleep(3)
PY
holder=$!
for i in $(seq 1 100); do [ -s holder.pid ] && break; sleep 0.05; done
[ -s holder.pid ] || fail "the lock holder did not start"
cp rec/log log.before
WTOVOTE_WAIT=0.2 expect_exit 2 "$W" statement rec --member USA -s usa.key -S sec.key --item 1 --statement late
expect_grep "locked by another writer (process $holder); only one writer may append at a time; gave up after waiting 0.200 s" err
cmp -s rec/log log.before || fail "a writer that gave up changed the log"
WTOVOTE_WAIT=abc expect_exit 2 "$W" statement rec --member USA -s usa.key -S sec.key --item 1 --statement x
expect_grep "WTOVOTE_WAIT=abc: not a number" err
# Waiting long enough, the same command goes through once the holder exits.
WTOVOTE_WAIT=20 expect_exit 0 "$W" statement rec --member USA -s usa.key -S sec.key --item 1 --statement waited
wait "$holder"
expect_exit 0 "$W" verify rec --pub sec.pub
expect_grep "record verifies; 126 entries" out
echo PASS
