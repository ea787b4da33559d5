#!/usr/bin/env bash
# Crash test of `wtovote submit --inbox` (issue 15): every act counts exactly
# once, whenever the Secretariat's machine dies.
#
# One prepared meeting (20 delegations, an item in its consensus phase, an
# item whose vote is open, an amendment open for acceptances) and an inbox of
# 500 acts of every kind signed offline (leave and attend, objections,
# withdrawals, requests for a vote, ballots, acceptances, statements). Each
# trial copies both, starts `submit --inbox`, kills it with SIGKILL at a
# random moment, then runs it again (after `wtovote record repair` when the
# rerun says the log has a torn tail, as the rerun asks), and checks:
#   - the log holds the prepared entries plus exactly the 500 acts (no act
#     twice, none lost);
#   - the inbox is empty: every act is in done/ with its receipt, which
#     verifies against the act, and refused/ is empty;
#   - `wtovote verify` passes.
#
# Usage: scripts/crash-submit.sh [TRIALS] (default 200; the test suite runs 3)
# Environment: WTOVOTE (default build/cli/wtovote), MAX_SECONDS (default
# 3000: stops after the trial running when the time is up and says so).
# Exit 0 when every trial passed, 1 when one failed (its directory kept).
set -euo pipefail

trials=${1:-200}
here=$(cd "$(dirname "$0")/.." && pwd)
W=${WTOVOTE:-$here/build/cli/wtovote}
max_seconds=${MAX_SECONDS:-3000}
work=$(mktemp -d /tmp/wtovote-crash.XXXXXX)
export WTOVOTE_PASSPHRASE= WTOVOTE_SECRETARIAT_KEY=
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY

die() { echo "crash-submit: $*" >&2; exit 1; }
run() { "$@" >"$work/last.out" 2>&1 || die "failed: $* ($(tail -3 "$work/last.out"))"; }

# Twenty Members outside the EU (no bloc rules in the way).
codes=(USA IND ZAF CHN JPN BRA CAN AUS MEX KOR IDN TUR ARG NGA EGY KEN CHL NZL NOR CHE)
lc() { echo "$1" | tr A-Z a-z; }

prepare() {
    local p=$work/prepared
    mkdir -p "$p/inbox" && cd "$p"
    run "$W" keygen --no-password -o sec
    run "$W" roster new -o r.pb
    for c in "${codes[@]}"; do
        run "$W" keygen --no-password -o "$(lc "$c")"
        run "$W" roster add-key r.pb --member "$c" --pub "$(lc "$c").pub"
    done
    run "$W" roster sign -s sec.key r.pb
    run "$W" meeting open rec --roster r.pb --body general-council -s sec.key --id GC-CRASH \
        --quorum 1/100
    for c in "${codes[@]}"; do
        run "$W" attend rec --member "$c" -s "$(lc "$c").key" -S sec.key
    done
    local t=motion
    run "$W" $t table rec -s sec.key --procedure majority --title "In its consensus phase"
    run "$W" $t table rec -s sec.key --procedure majority --title "Put to the vote"
    run "$W" $t table rec -s sec.key --procedure amendment-x3 --title "An amendment" \
        --acceptance-deadline 2099-12-31
    run "$W" consensus call rec --item 1 -s sec.key
    run "$W" consensus call rec --item 2 -s sec.key
    run "$W" object rec --item 2 --member USA -s usa.key -S sec.key
    run "$W" vote open rec --item 2 -s sec.key
    sign_inbox
    prepared_entries=$("$W" status rec --json | sed -n 's/.*"entries": *\([0-9]*\).*/\1/p')
    [ -n "$prepared_entries" ] || die "no entry count from status --json"
    echo "prepared: $prepared_entries entries, $(ls inbox | wc -l) acts in the inbox"
}

n_acts=0
sign() { # CODE KIND [options...]: one act, one second after the previous
    local c=$1 kind=$2
    shift 2
    n_acts=$((n_acts + 1))
    run "$W" act sign --meeting GC-CRASH --meeting-ref "$ref" --member "$c" --kind "$kind" "$@" \
        --time "$(date -u -d "@$((base + n_acts))" +%Y-%m-%dT%H:%M:%SZ)" \
        -s "$(lc "$c").key" -o "inbox/$(printf %03d $n_acts)-$c-$kind.act"
}

sign_inbox() {
    base=$(($(date -u +%s) - 3600))
    # the record's meeting_ref, which every act names (SPEC.md, "Meeting identity")
    ref=$("$W" status rec | sed -n 's/^  meeting_ref \([0-9a-f]*\).*/\1/p')
    [ ${#ref} = 64 ] || die "no meeting_ref from status"
    local i c
    for c in "${codes[@]}"; do sign "$c" leave; sign "$c" attend; done      # 40
    for c in "${codes[@]:1:10}"; do sign "$c" object --item 1; done         # 10
    for c in "${codes[@]:1:5}"; do sign "$c" withdraw --item 1; done        # 5
    for c in "${codes[@]:11:5}"; do sign "$c" request-vote --item 1; done   # 5
    for i in "${!codes[@]}"; do                                            # 19 (USA objected)
        c=${codes[$i]}
        [ "$c" = USA ] && continue
        sign "$c" vote --item 2 --choice "$( ((i % 3)) && echo yes || echo no)"
    done
    for c in "${codes[@]}"; do sign "$c" accept --item 3; done              # 20
    for i in $(seq 1 401); do                                              # 401
        c=${codes[$((i % 20))]}
        sign "$c" statement --item 1 --statement "statement $i"
    done
}

# SUBMIT DIR: submit the inbox; a torn tail left by the kill is repaired
# first when the writer asks for it (the repair keeps the bytes it cuts).
submit_again() {
    local d=$1 rc=0
    "$W" submit "$d/rec" -s "$d/sec.key" --inbox "$d/inbox" >"$d/rerun.out" 2>&1 || rc=$?
    if [ "$rc" != 0 ] && grep -q 'record repair' "$d/rerun.out"; then
        "$W" record repair "$d/rec" >"$d/repair.out" 2>&1 || die "trial $trial: repair failed"
        repaired=$((repaired + 1))
        rc=0
        "$W" submit "$d/rec" -s "$d/sec.key" --inbox "$d/inbox" >"$d/rerun.out" 2>&1 || rc=$?
    fi
    [ "$rc" = 0 ] || die "trial $trial: the rerun failed ($d/rerun.out: $(tail -2 "$d/rerun.out"))"
}

check() {
    local d=$1 entries
    entries=$("$W" status "$d/rec" --json | sed -n 's/.*"entries": *\([0-9]*\).*/\1/p')
    [ "$entries" = $((prepared_entries + n_acts)) ] ||
        die "trial $trial: $entries entries, expected $((prepared_entries + n_acts)) ($d)"
    [ -z "$(ls "$d/inbox"/*.act 2>/dev/null)" ] || die "trial $trial: acts left in the inbox"
    [ -z "$(ls "$d/inbox/refused" 2>/dev/null)" ] || die "trial $trial: refused acts ($d)"
    [ "$(ls "$d/inbox/done"/*.act | wc -l)" = "$n_acts" ] || die "trial $trial: done/ incomplete"
    local f
    for f in "$d/inbox/done"/*.act; do
        [ -f "$f.receipt" ] || die "trial $trial: no receipt for $f"
    done
    # spot-check receipts (all of them would take minutes per trial)
    for f in $(ls "$d/inbox/done"/*.act | shuf -n 5 --random-source=<(yes "$trial")); do
        "$W" receipt verify "$f.receipt" --act "$f" --pub "$d/sec.pub" >/dev/null 2>&1 ||
            die "trial $trial: receipt of $f does not verify"
    done
    "$W" verify "$d/rec" --pub "$d/sec.pub" >"$d/verify.out" 2>&1 ||
        die "trial $trial: verify failed ($d/verify.out)"
}

prepare
# How long one undisturbed submit takes: kills land anywhere in it.
cp -a "$work/prepared" "$work/timing"
t0=$(date +%s%N)
"$W" submit "$work/timing/rec" -s "$work/timing/sec.key" --inbox "$work/timing/inbox" \
    >/dev/null 2>&1 || die "the undisturbed submit failed"
span_ms=$((($(date +%s%N) - t0) / 1000000))
echo "an undisturbed submit takes $span_ms ms"
start=$(date +%s)
killed_mid=0
repaired=0
for trial in $(seq 1 "$trials"); do
    if [ $(($(date +%s) - start)) -ge "$max_seconds" ]; then
        echo "crash-submit: stopped after $((trial - 1)) trials: MAX_SECONDS=$max_seconds reached"
        break
    fi
    d=$work/trial
    rm -rf "$d"
    cp -a "$work/prepared" "$d"
    delay_ms=$((RANDOM % (span_ms + 1)))
    "$W" submit "$d/rec" -s "$d/sec.key" --inbox "$d/inbox" >"$d/first.out" 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then killed_mid=$((killed_mid + 1)); fi
    wait "$pid" 2>/dev/null || true
    submit_again "$d"
    check "$d"
    rm -rf "$d"
done
echo "crash-submit: $((trial)) trial(s) passed ($killed_mid killed while running, $repaired" \
    "torn tail(s) repaired); $n_acts acts each"
rm -rf "$work"
