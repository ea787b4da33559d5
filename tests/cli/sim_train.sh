#!/usr/bin/env bash
# wtovote train: scripted sessions as a delegation and as the chair, the
# debrief with citations, refusals shown with the state machine's reason,
# and the signed record accepted by `wtovote verify`.
set -u
. "$(dirname "$0")/lib.sh"
W=$WTOVOTE

expect_exit 0 "$W" train --help
expect_grep 'usage: wtovote train' "$TMP/out"
expect_exit 2 "$W" train trips-waiver
expect_exit 2 "$W" train trips-waiver --as XXX
expect_exit 2 "$W" train trips-waiver --as USA --procedure accession

# A delegation: a vote before the vote is open is refused with a reason;
# the USA objects, the chair takes the waiver to a vote, the USA votes no.
# The scenario's first procedure is waiver-annex1: the General Council
# decides on the TRIPS Council's report, whose 90 days have run (Art.
# IX:3(b)), so the vote follows at once; under waiver (IX:3(a)) the chair
# waits for the 90 days (issue 14).
cat >"$TMP/usa.txt" <<'SCRIPT'
vote yes
dance
statement We cannot accept this text.
object
pass
vote no
SCRIPT
expect_exit 0 "$W" train trips-waiver --as USA --seed 1 --script "$TMP/usa.txt" --out "$TMP/rec"
expect_grep 'refused: vote by USA on item 1 refused: the vote is not open' "$TMP/out"
expect_grep 'unknown command "dance"' "$TMP/out"
expect_grep 'Procedure: waiver-annex1' "$TMP/out"
expect_grep 'The vote is open (Art. IX:3(b); WT/L/93)' "$TMP/out"
expect_grep 'DECISION: ' "$TMP/out"
expect_grep '=== Debrief ===' "$TMP/out"
expect_grep 'Which rule decided it' "$TMP/out"
expect_grep 'Art. IX:3: three-fourths of the Members: 125 of 166 needed' "$TMP/out"
expect_grep 'USA ended as: no' "$TMP/out"
expect_exit 0 "$W" verify "$TMP/rec"
expect_grep 'record verifies' "$TMP/out"
expect_exit 0 "$W" train trips-waiver --as USA --seed 1 --procedure waiver --script "$TMP/usa.txt" \
    --out "$TMP/rec-a"
expect_grep 'The consensus period runs to day 90' "$TMP/out"
expect_exit 0 "$W" verify "$TMP/rec-a"

# Same seed and script: the same session.
"$W" train trips-waiver --as USA --seed 1 --script "$TMP/usa.txt" >"$TMP/a.txt" || fail "replay a"
"$W" train trips-waiver --as USA --seed 1 --script "$TMP/usa.txt" >"$TMP/b.txt" || fail "replay b"
cmp -s "$TMP/a.txt" "$TMP/b.txt" || fail "the same script and seed gave another session"

# The chair: Art. X:9 (Annex 4) is consensus only; a vote cannot be opened.
cat >"$TMP/chair.txt" <<'SCRIPT'
call
open-vote
revise 0.3
decide
SCRIPT
expect_exit 0 "$W" train ecommerce --as chair --script "$TMP/chair.txt" --out "$TMP/rec2"
expect_grep 'the chair cannot: vote opening on item 1 refused' "$TMP/out"
expect_grep 'revises the proposal to ambition 0.30' "$TMP/out"
expect_grep 'Art. X:9' "$TMP/out"
expect_exit 0 "$W" verify "$TMP/rec2"
echo ok
