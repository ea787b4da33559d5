# A whole meeting through the workflow commands (issue 5, points 1-4):
# meeting open, motions under five procedures, attendance, consensus calls,
# objections, a WT/L/93 request, votes (one with the EU's bloc), acts signed
# offline and submitted (files and --inbox) with receipts that verify,
# decisions with their citations, status/show/export, meeting close and
# `wtovote verify`. Every refusal of point 3 is checked to exit 1 with the
# state machine's reason and to leave the log byte for byte unchanged.
. "$(dirname "$0")/lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

for k in sec usa ind zaf eu fra deu chn jpn fin stranger; do
    expect_exit 0 "$W" keygen --no-password -o "$k"
done
expect_exit 0 "$W" roster new -o r.pb
for k in usa ind zaf eu fra deu chn jpn fin; do
    code=$(echo "$k" | tr a-z A-Z)
    expect_exit 0 "$W" roster add-key r.pb --member "$code" --pub "$k.pub"
done
expect_exit 0 "$W" roster revoke-key r.pb --pub fin.pub --at 2020-01-01
cp r.pb unsigned.pb
expect_exit 0 "$W" roster sign -s sec.key r.pb

# ---- status of a record whose meeting never opened (empty log): no time
"$WV_BUILD_DIR/tests/bench_verify" --empty --out empty 2>/dev/null || fail "bench_verify --empty"
expect_exit 0 "$W" status empty
expect_grep '^  never opened; 0 of ' out
grep -q 'opened 19' out && fail "status of an unopened meeting shows an opening time"

# ---- opening: an unsigned roster and another key are refused; nothing made
expect_exit 1 "$W" meeting open bad --roster unsigned.pb --body general-council -s sec.key
expect_exit 1 "$W" meeting open bad --roster r.pb --body general-council -s usa.key
expect_exit 2 "$W" meeting open bad --roster r.pb --body parliament -s sec.key
[ ! -e bad/log ] || fail "a refused meeting open left a log"
# The opening event itself refused (a title over the 1024-byte string limit)
# after the files were made: they are removed again, the directory too.
expect_exit 1 "$W" meeting open bad --roster r.pb --body general-council -s sec.key \
    --title "$(printf '%1100s' '')"
[ ! -e bad ] || fail "a refused opening event left the record directory behind"
# Quorum 1/100 (present * 100 > 166): this small test meeting decides.
expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key \
    --id GC-TEST-1 --title "Test meeting" --quorum 1/100
expect_grep 'meeting GC-TEST-1 opened' out
[ -f rec/log ] && [ -f rec/checkpoint ] && [ -f rec/roster.pb ] && [ -f rec/secretariat.pub ] ||
    fail "record directory incomplete"
expect_exit 2 "$W" meeting open rec --roster r.pb --body general-council -s sec.key

# ---- agenda
table() { "$W" motion table rec -s sec.key "$@"; }
expect_exit 0 table --procedure accession --title "Accession of X"
expect_grep 'item 1 tabled' out
expect_grep 'Art. XII:2' out
expect_exit 0 table --procedure majority --title "A majority decision"
expect_exit 0 table --procedure annex4-add --title "Annex 4 addition" --proponent CHN
expect_exit 0 table --procedure dsb-negative --title "Panel request (DSU 6.1)" --proponent USA
# Art. IX:5, Annex 4: a plurilateral item is its committee's, not the GC's
cp rec/log log.before
expect_exit 1 table --item 5 --procedure plurilateral --title "Committee decision" \
    --parties USA,JPN,EU,CHN
expect_grep 'WV_REFUSE_NOT_COMPETENT' err
cmp -s rec/log log.before || fail "a refused tabling changed the log"
expect_exit 0 table --item 5 --procedure consensus --title "Report of the committee noted"
expect_exit 0 table --item 6 --procedure waiver --title "Waiver" --circumstances "c" \
    --terms "t" --termination 2030-01-01 --period 30
expect_grep 'Art. IX:4 terms: complete' out
cp rec/log log.before
expect_exit 1 table --item 7 --procedure waiver --title "Too long" --period 120
expect_grep 'consensus period of 120 days' err
cmp -s rec/log log.before || fail "a refused motion changed the log"
expect_exit 1 table --item 1 --procedure consensus --title "Twice"
expect_grep 'WV_REFUSE_ITEM_EXISTS' err
# --title is required (the usage line says so): exit 2, nothing appended
expect_exit 2 table --item 7 --procedure consensus
expect_grep 'needs RECORD, --procedure, --title and -s' err
cmp -s rec/log log.before || fail "motion table without --title changed the log"

export WTOVOTE_SECRETARIAT_KEY=sec.key
for k in usa ind zaf eu fra chn jpn; do
    code=$(echo "$k" | tr a-z A-Z)
    expect_exit 0 "$W" attend rec --member "$code" -s "$k.key"
    expect_grep "receipt: rec/receipts/[0-9]\{6\}-$code.receipt" out
done

# refused MESSAGE_PATTERN CMD...: exit 1, the reason on stderr, log unchanged.
refused()
{
    local pattern=$1
    shift
    cp rec/log log.before
    cp rec/checkpoint checkpoint.before
    expect_exit 1 "$@"
    expect_grep "$pattern" "$TMP/err"
    cmp -s rec/log log.before || fail "refused act changed the log: $*"
    cmp -s rec/checkpoint checkpoint.before || fail "refused act changed the checkpoint: $*"
}

# Art. IX:1: a vote only once consensus has failed; before the vote opens.
refused 'WV_REFUSE_VOTE_NOT_OPEN' "$W" vote rec --item 1 --member USA --choice yes -s usa.key
refused 'WV_REFUSE_CONSENSUS_NOT_CALLED' "$W" vote open rec --item 1 -s sec.key
expect_exit 0 "$W" consensus call rec --item 1 -s sec.key
expect_grep 'consensus sought' out
expect_grep 'WT/L/93' out
refused 'WV_REFUSE_CONSENSUS_NOT_FAILED' "$W" vote open rec --item 1 -s sec.key
# A Member not present (DEU never attended) cannot object (IX:1 fn 1: present).
refused 'WV_REFUSE_NOT_PRESENT' "$W" object rec --item 1 --member DEU -s deu.key
expect_exit 0 "$W" object rec --item 1 --member IND -s ind.key --statement "not ready"
expect_grep 'consensus cannot be reached' out
refused 'WV_REFUSE_ALREADY_OBJECTED' "$W" object rec --item 1 --member IND -s ind.key
expect_exit 0 "$W" request-vote rec --item 1 --member USA -s usa.key
expect_exit 0 "$W" vote open rec --item 1 -s sec.key
expect_grep 'vote open' out
expect_exit 0 "$W" vote rec --item 1 --member USA --choice yes -s usa.key
# twice
refused 'WV_REFUSE_ALREADY_VOTED' "$W" vote rec --item 1 --member USA --choice no -s usa.key
# a bad key: not in the roster; another Member's key; a revoked key
refused 'WV_ERR_KEY_UNKNOWN\|not in the roster\|unknown' \
    "$W" vote rec --item 1 --member ZAF --choice no -s stranger.key
refused 'another Member\|belongs to\|WRONG_MEMBER\|not a key of' \
    "$W" vote rec --item 1 --member ZAF --choice no -s usa.key
refused 'revoked' "$W" attend rec --member FIN -s fin.key
# the EU votes only as its bloc (IX:1 fn 2)
refused 'WV_REFUSE_EU_VOTE_NOT_BLOC' "$W" vote rec --item 1 --member EU --choice yes -s eu.key

# ---- results of an open vote are hidden unless --show-running
expect_exit 0 "$W" status rec
expect_grep 'results hidden until the vote closes' out
expect_exit 0 "$W" status rec --show-running
expect_grep 'votes so far: 1 yes, 0 no' out
expect_exit 0 "$W" status rec --json
expect_grep '"votes": "hidden until the vote closes"' out
expect_exit 0 "$W" export rec --csv
expect_grep '^1,USA,United States,present,,hidden,' out

# ---- offline acts: signed with -o (or act sign), ingested with submit
expect_exit 0 "$W" vote rec --item 1 --member JPN --choice no -s jpn.key -o jpn.act
expect_exit 0 "$W" submit rec -s sec.key jpn.act
expect_grep 'admitted as entry' out
[ -f jpn.act.receipt ] || fail "no receipt beside the submitted act"
expect_exit 0 "$W" receipt verify jpn.act.receipt --act jpn.act --pub rec/secretariat.pub
mkdir inbox
# an act for another meeting id, bound to this record's meeting: the id decides
ref=$("$W" status rec | sed -n 's/^  meeting_ref \([0-9a-f]*\).*/\1/p')
[ ${#ref} = 64 ] || fail "status prints no meeting_ref"
expect_exit 0 "$W" act sign --record rec --member CHN --kind vote --item 1 \
    --choice yes -s chn.key -o inbox/01-chn.act
expect_exit 0 "$W" act sign --meeting GC-OTHER --meeting-ref "$ref" --member FRA --kind vote --item 1 \
    --choice yes -s fra.key -o inbox/02-fra-wrong-meeting.act
cp rec/log log.before
expect_exit 1 "$W" submit rec -s sec.key --inbox inbox
expect_grep '1 of 2 act(s) in the record' out
expect_grep 'WV_REFUSE_WRONG_MEETING' err
expect_grep '02-fra-wrong-meeting.act' err
# nothing left in the inbox, nothing lost: admitted acts in done/ with their
# receipts, refused ones in refused/ with the reason beside them
[ -f inbox/done/01-chn.act ] && [ -f inbox/done/01-chn.act.receipt ] ||
    fail "the admitted act is not in done/ with its receipt"
expect_exit 0 "$W" receipt verify inbox/done/01-chn.act.receipt --act inbox/done/01-chn.act \
    --pub rec/secretariat.pub
[ -f inbox/refused/02-fra-wrong-meeting.act ] || fail "the refused act is not in refused/"
grep -q 'WV_REFUSE_WRONG_MEETING' inbox/refused/02-fra-wrong-meeting.act.why ||
    fail "no reason beside the refused act"
[ -z "$(ls inbox/*.act 2>/dev/null)" ] || fail "acts left in the inbox"
# a wrong meeting, alone: nothing appended
refused 'WV_REFUSE_WRONG_MEETING' "$W" submit rec -s sec.key inbox/refused/02-fra-wrong-meeting.act
# the same act submitted again is answered with its entry, not appended twice
cp rec/log log.before
expect_exit 0 "$W" submit rec -s sec.key inbox/done/01-chn.act
expect_grep 'already recorded as entry' out
cmp -s rec/log log.before || fail "a resubmitted act was appended again"
# an empty inbox: nothing to do
expect_exit 0 "$W" submit rec -s sec.key --inbox inbox
expect_grep '0 of 0 act(s) in the record' out
# a tampered act file
cp jpn.act tampered.act
printf '\001' | dd of=tampered.act bs=1 seek=20 conv=notrunc 2>/dev/null
cp rec/log log.before
expect_exit 1 "$W" submit rec -s sec.key tampered.act
cmp -s rec/log log.before || fail "a tampered act changed the log"

refused 'WV_REFUSE_OUT_OF_ORDER' "$W" decide rec --item 1 -s sec.key
expect_exit 0 "$W" vote close rec --item 1 -s sec.key
expect_grep 'vote closed' out
# after close
refused 'WV_REFUSE_VOTE_CLOSED\|WV_REFUSE_VOTE_NOT_OPEN' \
    "$W" vote rec --item 1 --member ZAF --choice no -s zaf.key
# XII:2: two-thirds of the 166 Members (111) needed; 2 yes: rejected.
expect_exit 0 "$W" decide rec --item 1 -s sec.key
expect_grep 'rejected' out
expect_grep '111 needed' out
expect_grep '\[Art. XII:2\]' out
refused 'WV_REFUSE_ITEM_DECIDED' "$W" decide rec --item 1 -s sec.key

# ---- item 2, majority with the EU's bloc (IX:1 fn 2)
expect_exit 0 "$W" consensus call rec --item 2 -s sec.key
expect_exit 0 "$W" object rec --item 2 --member ZAF -s zaf.key
expect_exit 0 "$W" vote open rec --item 2 -s sec.key
expect_exit 0 "$W" vote rec --item 2 --member EU --choice yes --eu-bloc -s eu.key
expect_grep 'EU bloc, 27 votes' out
# EU bloc plus a member-State vote
refused 'WV_REFUSE_EU_BLOC_CONFLICT' "$W" vote rec --item 2 --member FRA --choice no -s fra.key
expect_exit 0 "$W" vote rec --item 2 --member ZAF --choice no -s zaf.key
expect_exit 0 "$W" vote rec --item 2 --member IND --choice no -s ind.key
expect_exit 0 "$W" vote close rec --item 2 -s sec.key
expect_exit 0 "$W" decide rec --item 2 -s sec.key --json
expect_grep '"outcome": "adopted"' out
expect_grep '"yes": 27' out
expect_grep '"no": 2' out
expect_grep 'Art. IX:1 fn 2' out

# ---- item 3, Annex 4 (X:9): consensus only, two objections block it
expect_exit 0 "$W" consensus call rec --item 3 -s sec.key
expect_exit 0 "$W" object rec --item 3 --member IND -s ind.key
expect_exit 0 "$W" object rec --item 3 --member ZAF -s zaf.key
refused 'WV_REFUSE_NO_VOTE_PROCEDURE' "$W" vote open rec --item 3 -s sec.key
expect_exit 0 "$W" decide rec --item 3 -s sec.key
expect_grep 'blocked' out
expect_grep 'Art. X:9' out

# ---- item 4, DSB reverse consensus (DSU 6.1): one objection and the panel is established
expect_exit 0 "$W" consensus call rec --item 4 -s sec.key
expect_exit 0 "$W" object rec --item 4 --member USA -s usa.key
expect_grep 'it will be taken' out
expect_exit 0 "$W" decide rec --item 4 -s sec.key
expect_grep 'adopted' out
expect_grep 'DSU' out

# ---- item 5, consensus (IX:1 fn 1)
expect_exit 0 "$W" consensus call rec --item 5 -s sec.key
expect_exit 0 "$W" decide rec --item 5 -s sec.key
expect_grep 'adopted' out

# ---- a plurilateral committee (IX:5): only its parties take part
expect_exit 0 "$W" meeting open pl --roster r.pb --body plurilateral:gpa -s sec.key \
    --quorum 1/100
expect_exit 0 "$W" motion table pl -s sec.key --procedure plurilateral --title "Committee decision" \
    --parties USA,JPN,EU,CHN
expect_grep 'eligible: 4 parties' out
expect_exit 0 "$W" attend pl --member USA -s usa.key
expect_exit 0 "$W" consensus call pl --item 1 -s sec.key
expect_exit 1 "$W" object pl --item 1 --member IND -s ind.key
expect_grep 'WV_REFUSE_NOT_PARTY' err
expect_exit 0 "$W" decide pl --item 1 -s sec.key
expect_grep 'adopted' out
expect_exit 0 "$W" verify pl

# ---- item 6: withdraw an objection; left undecided when the meeting closes
expect_exit 0 "$W" consensus call rec --item 6 -s sec.key
expect_exit 0 "$W" object rec --item 6 --member FRA -s fra.key
expect_exit 0 "$W" withdraw rec --item 6 --member FRA -s fra.key
expect_grep '0 formal objection(s) in force' out
refused 'WV_REFUSE_NO_OBJECTION' "$W" withdraw rec --item 6 --member FRA -s fra.key

# ---- reading
expect_exit 0 "$W" show rec --item 1
expect_grep 'object by IND (India), entry [0-9]*: "not ready"' out
expect_grep '^  no: JPN' out
expect_exit 0 "$W" show rec --item 2 --json
expect_grep '"eu_bloc": "yes"' out
expect_exit 1 "$W" show rec --item 99
expect_exit 0 "$W" export rec --csv
expect_grep '^item,code,name,attendance,objection,vote,receipt_leaf_index' out
expect_grep '^1,IND,India,present,objected,,[0-9][0-9]*' out
expect_grep '^2,FRA,France,present,,yes (EU bloc),' out
expect_grep '^6,FRA,France,present,withdrawn,,[0-9]' out
expect_grep '^1,DEU,Germany,absent,,,' out
rows=$(grep -c '^[0-9]' out)
[ "$rows" = $((6 * 166)) ] || fail "export has $rows rows, not 6 x 166"
expect_exit 0 "$W" export rec --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r)==996' out ||
    fail "export --json is not 996 rows"
# every receipt in the record directory verifies against the log's entries
n=$(ls rec/receipts | wc -l)
[ "$n" = 42 ] || fail "$n files in rec/receipts, not 21 receipts and 21 acts"
r=$(ls rec/receipts/*-JPN.receipt | head -1)
expect_exit 0 "$W" receipt verify "$r" --act "${r%.receipt}.act" --pub rec/secretariat.pub
expect_exit 1 "$W" receipt verify "$r" --act jpn.act --pub rec/secretariat.pub # another act

# ---- a receipt lost: `receipt make` makes it again from the record, with no
# key, against the current checkpoint (SPEC "Receipt files", receipts made again)
idx=${r##*/}; idx=$((10#${idx%%-*}))
rm "$r" "${r%.receipt}.act"
expect_exit 0 "$W" receipt make rec --index "$idx"
expect_grep "receipt: $r" out
expect_exit 0 "$W" receipt verify "$r" --act "${r%.receipt}.act" --pub rec/secretariat.pub --json
size=$(sed -n 2p rec/checkpoint)
expect_grep "\"tree_size\": $size," out
expect_exit 0 "$W" receipt make rec --index "$idx" -o again.receipt
cmp -s again.receipt "$r" || fail "receipt make -o differs from the receipt it wrote"
expect_exit 2 "$W" receipt make rec --index 0 # a chair event: needs -o
expect_grep 'chair event' err
expect_exit 2 "$W" receipt make rec --index "$size"
expect_grep "no entry $size" err
expect_exit 2 "$W" receipt make rec --index -5
expect_exit 2 "$W" receipt make rec
# The receipt write fails after the append: the message says the act was
# recorded, at which index, and how to get the receipt; make it then.
mv rec/receipts receipts.saved && : > rec/receipts
expect_exit 2 "$W" statement rec --member USA -s usa.key --item 1 --statement "for the record"
expect_grep "the act WAS recorded, as entry $size, .*wtovote receipt make rec --index $size" err
rm rec/receipts && mv receipts.saved rec/receipts
expect_exit 0 "$W" receipt make rec --index "$size"
r2=$(printf 'rec/receipts/%06d-USA.receipt' "$size")
expect_exit 0 "$W" receipt verify "$r2" --act "${r2%.receipt}.act" --pub rec/secretariat.pub

# ---- close: no act afterwards
expect_exit 0 "$W" meeting close rec -s sec.key
expect_grep 'item 6 (waiver): not decided' out
refused 'WV_REFUSE_CLOSED' "$W" attend rec --member DEU -s deu.key
expect_exit 0 "$W" verify rec
expect_grep 'record verifies' out
echo "meeting_flow: ok"
