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
