# Passphrases (cli/common.c): a terminal line longer than the buffer is
# refused, not cut (the rest would have answered "Confirm:"); one too long
# in $WTOVOTE_PASSPHRASE is refused too; "no passphrase read" names the key
# file it was asked for. Per key (issue 15, point 7): every prompt names the
# key file it unlocks, and --passphrase-file KEYFILE=PASSFILE gives each key
# its own passphrase without putting it on the command line. The terminal is
# a pty driven by python3.
. "$(dirname "$0")/lib.sh"
export WTOVOTE_KDF=interactive
unset WTOVOTE_PASSPHRASE
cd "$TMP" || fail "no temp dir"
printf 'doc\n' > doc.txt
expect_exit 0 env WTOVOTE_PASSPHRASE=pw "$WTOVOTE" keygen -o enc

# Typed on a terminal: X X on one line, |X| = 1023 (the buffer holds 1023
# bytes): cut, the line would give X and its rest X would confirm it.
# The prompts go to /dev/tty (the pty); stderr goes to a file, because
# Linux may drop what a child wrote to a pty just before it exited (the
# master reads EIO first), which made this test fail now and then.
# drive STDERR_FILE PROMPT ANSWER [PROMPT ANSWER]... -- PROGRAM ARGS...: runs
# PROGRAM on a pty, answers each PROMPT (a Python bytes literal's text) with
# ANSWER and a newline, prints what the terminal showed; exits as PROGRAM.
cat > drive.py <<'PY'
import ast, os, pty, sys
args = sys.argv[1:]
cut = args.index("--")
errfile, pairs, prog = args[0], args[1:cut], args[cut + 1:]
pid, fd = pty.fork()
if pid == 0:
    err = os.open(errfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(err, 2)
    os.execv(prog[0], prog)
seen = b""
def until(word):
    global seen
    while word not in seen:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk:
            return
        seen += chunk
for k in range(0, len(pairs), 2):
    until(ast.literal_eval("b'" + pairs[k] + "'"))
    os.write(fd, ast.literal_eval("b'" + pairs[k + 1] + "'") + b"\n")
until(b"\x00never")  # read to the end
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
python3 drive.py stderr.txt Passphrase "$(printf 'x%.0s' $(seq 2046))" -- "$WTOVOTE" keygen -o long \
    >pty.out 2>&1
rc=$?
[ "$rc" = 2 ] || fail "an over-long terminal passphrase: exit $rc, not 2: $(tail -c 300 pty.out) $(cat stderr.txt)"
expect_grep 'Passphrase for the new key long.key' pty.out
expect_grep 'passphrase refused: longer than 1023 bytes' stderr.txt
[ ! -e long.key ] || fail "a key was written with a cut passphrase"

# Too long in the environment.
expect_exit 2 env WTOVOTE_PASSPHRASE="$(printf 'y%.0s' $(seq 1024))" "$WTOVOTE" keygen -o long2
expect_grep 'longer than 1023 bytes' "$TMP/err"
[ ! -e long2.key ] || fail "a key was written with an over-long passphrase"

# No terminal and no $WTOVOTE_PASSPHRASE: the message names the key file.
expect_exit 2 setsid -w "$WTOVOTE" sign -s enc.key doc.txt
expect_grep 'enc.key: no passphrase read' "$TMP/err"

# ---- two encrypted keys with different passphrases in one command
for k in sec usa; do
    expect_exit 0 env WTOVOTE_PASSPHRASE="pw-$k" "$WTOVOTE" keygen -o "$k"
done
expect_exit 0 "$WTOVOTE" roster new -o r.pb
expect_exit 0 "$WTOVOTE" roster add-key r.pb --member USA --pub usa.pub
expect_exit 0 env WTOVOTE_PASSPHRASE=pw-sec "$WTOVOTE" roster sign -s sec.key r.pb
expect_exit 0 env WTOVOTE_PASSPHRASE=pw-sec "$WTOVOTE" meeting open rec --roster r.pb \
    --body general-council -s sec.key --id GC-PASS
# One $WTOVOTE_PASSPHRASE cannot serve both keys.
expect_exit 1 env WTOVOTE_PASSPHRASE=pw-sec "$WTOVOTE" attend rec --member USA -s usa.key -S sec.key
# A passphrase file per key (mode 0600): both unlock, nothing on the command line.
umask 077
printf 'pw-sec\n' > sec.pass
printf 'pw-usa' > usa.pass
expect_exit 0 "$WTOVOTE" --passphrase-file sec.key=sec.pass attend rec --member USA -s usa.key \
    -S sec.key --passphrase-file "usa.key=$TMP/usa.pass"
expect_grep 'attend by USA admitted' out
# ... or a file descriptor; keys not named fall back to $WTOVOTE_PASSPHRASE.
expect_exit 0 env WTOVOTE_PASSPHRASE=pw-sec "$WTOVOTE" leave rec --member USA -s usa.key \
    -S sec.key --passphrase-file=usa.key=/dev/fd/3 3<usa.pass
# A passphrase file others can read is refused (it would share the secret).
chmod 644 usa.pass
expect_exit 2 "$WTOVOTE" attend rec --member USA -s usa.key -S sec.key \
    --passphrase-file usa.key=usa.pass --passphrase-file sec.key=sec.pass
expect_grep 'usa.pass (passphrase of usa.key): readable by others' err
chmod 600 usa.pass
expect_exit 2 "$WTOVOTE" attend rec --member USA -s usa.key -S sec.key --passphrase-file usa.key
expect_grep "'usa.key' is not KEYFILE=PASSFILE" err
# The wrong passphrase in a file: refused, the key named.
printf 'nope\n' > bad.pass
expect_exit 1 "$WTOVOTE" attend rec --member USA -s usa.key -S sec.key \
    --passphrase-file usa.key=bad.pass --passphrase-file sec.key=sec.pass
expect_grep 'usa.key' err

# Typed on a terminal: each prompt names the key file it unlocks.
python3 drive.py stderr2.txt "Passphrase for sec.key: " pw-sec "Passphrase for usa.key: " pw-usa \
    -- "$WTOVOTE" attend rec --member USA -s usa.key -S sec.key >pty2.out 2>&1 ||
    fail "attend typed on a terminal: $(cat pty2.out stderr2.txt)"
expect_grep 'Passphrase for sec.key: ' pty2.out
expect_grep 'Passphrase for usa.key: ' pty2.out
expect_grep 'attend by USA admitted' pty2.out
echo PASS
