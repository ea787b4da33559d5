# Shared helpers for tests/cli/*.sh; source it first. Gives:
#   $TMP                  a fresh temporary directory, removed on exit
#   fail MESSAGE...       prints FAIL and exits 1
#   expect_exit CODE CMD  runs CMD, fails unless it exits with CODE; its
#                         output stays in $TMP/out and $TMP/err
#   expect_grep PATTERN FILE   fails unless FILE has a line matching PATTERN
# Run by CTest with $WTOVOTE naming the built program.
set -u
: "${WTOVOTE:?set WTOVOTE to the wtovote program}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wtovote-test.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

fail()
{
    echo "FAIL: $*" >&2
    exit 1
}

expect_exit()
{
    local want=$1 got=0
    shift
    "$@" >"$TMP/out" 2>"$TMP/err" </dev/null || got=$?
    if [ "$got" != "$want" ]; then
        echo "--- stdout:" >&2; cat "$TMP/out" >&2
        echo "--- stderr:" >&2; cat "$TMP/err" >&2
        fail "expected exit $want, got $got: $*"
    fi
}

expect_grep()
{
    grep -q -e "$1" "$2" || fail "$2 does not match '$1': $(head -c 400 "$2")"
}

# Keys for the Secretariat and the given lower-case Member codes (sec.key,
# usa.key, ...; no passphrase) and r.pb, the embedded roster with those
# Members' keys, signed by the Secretariat. In the current directory.
small_roster() {
    for k in sec "$@"; do
        expect_exit 0 "$WTOVOTE" keygen --no-password -o "$k"
    done
    expect_exit 0 "$WTOVOTE" roster new -o r.pb
    for k in "$@"; do
        expect_exit 0 "$WTOVOTE" roster add-key r.pb --member "$(echo "$k" | tr a-z A-Z)" \
            --pub "$k.pub"
    done
    expect_exit 0 "$WTOVOTE" roster sign -s sec.key r.pb
}
