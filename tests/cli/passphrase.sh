# Passphrases (cli/common.c): a terminal line longer than the buffer is
# refused, not cut (the rest would have answered "Confirm:"); one too long
# in $WTOVOTE_PASSPHRASE is refused too; "no passphrase read" names the key
# file it was asked for. The terminal is a pty driven by python3.
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
python3 - "$WTOVOTE" >pty.out 2>&1 <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    err = os.open("stderr.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(err, 2)
    os.execv(sys.argv[1], [sys.argv[1], "keygen", "-o", "long"])
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
until(b"Passphrase")
os.write(fd, b"x" * 2046 + b"\n")
until(b"\x00never")  # read to the end
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
rc=$?
[ "$rc" = 2 ] || fail "an over-long terminal passphrase: exit $rc, not 2: $(tail -c 300 pty.out) $(cat stderr.txt)"
expect_grep 'Passphrase for the new secret key' pty.out
expect_grep 'passphrase refused: longer than 1023 bytes' stderr.txt
[ ! -e long.key ] || fail "a key was written with a cut passphrase"

# Too long in the environment.
expect_exit 2 env WTOVOTE_PASSPHRASE="$(printf 'y%.0s' $(seq 1024))" "$WTOVOTE" keygen -o long2
expect_grep 'longer than 1023 bytes' "$TMP/err"
[ ! -e long2.key ] || fail "a key was written with an over-long passphrase"

# No terminal and no $WTOVOTE_PASSPHRASE: the message names the key file.
expect_exit 2 setsid -w "$WTOVOTE" sign -s enc.key doc.txt
expect_grep 'enc.key: no passphrase read' "$TMP/err"
