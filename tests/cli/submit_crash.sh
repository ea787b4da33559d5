# A short run of scripts/crash-submit.sh (issue 15): `submit --inbox` of 500
# acts of every kind SIGKILLed at random moments and run again; every act is
# in the record exactly once, every file has its receipt, verify passes.
# The full run (200 trials) is `scripts/crash-submit.sh` (MANUAL.md).
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
WTOVOTE=$WTOVOTE MAX_SECONDS=240 expect_exit 0 "$here/scripts/crash-submit.sh" 3
expect_grep '[1-3] trial(s) passed' "$TMP/out"
echo ok
