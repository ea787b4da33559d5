# Meeting identity (SPEC.md, "Meeting identity"; issue 15 item 2): two
# records opened with the same human-readable meeting id, the same roster
# and the same Secretariat are two meetings. Each opening carries a fresh
# nonce, so their meeting_refs differ; an act signed for record A and handed
# to record B is refused WV_REFUSE_OTHER_MEETING (exit 1), whatever its ids,
# and B's log stays byte-identical. `act sign` takes the binding from
# --record COPY or --meeting ID --meeting-ref HEX; status prints it.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

small_roster usa ind
for r in a b; do
    expect_exit 0 "$W" meeting open "$r" --roster r.pb --body general-council -s sec.key \
        --id GC-TWIN --quorum 1/100
    expect_grep '^  meeting_ref: [0-9a-f]\{64\} ' out
done

# status prints each record's meeting_ref, in text and JSON; they differ
ref_of() {
    expect_exit 0 "$W" status "$1"
    sed -n 's/^  meeting_ref \([0-9a-f]\{64\}\) .*/\1/p' "$TMP/out"
}
ref_a=$(ref_of a)
ref_b=$(ref_of b)
[ ${#ref_a} = 64 ] && [ ${#ref_b} = 64 ] || fail "status prints no meeting_ref"
[ "$ref_a" != "$ref_b" ] || fail "two openings of GC-TWIN share a meeting_ref"
expect_exit 0 "$W" status a --json
expect_grep "\"meeting_ref\": \"$ref_a\"" out

# an act signed for A (read from a copy of A), submitted to B: refused with
# its own code, B's log byte-identical, nothing in B's receipts
expect_exit 0 "$W" act sign --record a --member USA --kind attend -s usa.key -o usa-a.act
expect_exit 0 "$W" act show usa-a.act --roster r.pb
expect_grep "^meeting: GC-TWIN$" out
expect_grep "^meeting_ref: $ref_a$" out
cp b/log b-log.before
expect_exit 1 "$W" submit b -s sec.key usa-a.act
expect_grep 'WV_REFUSE_OTHER_MEETING' err
expect_grep 'GC-TWIN' err
cmp -s b/log b-log.before || fail "an act of another meeting changed B's log"
[ ! -e usa-a.act.receipt ] || fail "a receipt was written for a refused act"
# the same act is admitted by the record it was signed for
expect_exit 0 "$W" submit a -s sec.key usa-a.act
expect_grep 'admitted as entry 1' out

# the same binding given by hand: B's ref admits, A's ref is refused by B
expect_exit 0 "$W" act sign --meeting GC-TWIN --meeting-ref "$ref_b" --member IND \
    --kind attend -s ind.key -o ind-b.act
expect_exit 0 "$W" act sign --meeting GC-TWIN --meeting-ref "$ref_a" --member IND \
    --kind attend -s ind.key -o ind-a.act
cp b/log b-log.before
expect_exit 1 "$W" submit b -s sec.key ind-a.act
expect_grep 'WV_REFUSE_OTHER_MEETING' err
cmp -s b/log b-log.before || fail "a refused act changed B's log"
expect_exit 0 "$W" submit b -s sec.key ind-b.act
expect_grep 'admitted as entry 1' out
# each record verifies
expect_exit 0 "$W" verify a --pub sec.pub
expect_exit 0 "$W" verify b --pub sec.pub

# usage: the binding is required, exactly 64 hex digits, one form only
expect_exit 2 "$W" act sign --meeting GC-TWIN --member IND --kind attend -s ind.key -o x.act
expect_grep 'meeting-ref' err
expect_exit 2 "$W" act sign --meeting GC-TWIN --meeting-ref "${ref_a%?}" --member IND \
    --kind attend -s ind.key -o x.act
expect_grep '64 hex digits' err
expect_exit 2 "$W" act sign --meeting GC-TWIN --meeting-ref "${ref_a%?}g" --member IND \
    --kind attend -s ind.key -o x.act
expect_exit 2 "$W" act sign --record a --meeting-ref "$ref_a" --member IND --kind attend \
    -s ind.key -o x.act
[ ! -e x.act ] || fail "a refused act sign wrote x.act"
