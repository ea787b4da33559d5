# The CLI as a client of `wtovote serve` (issue 12): a whole Art. IX:3
# waiver item -- tabled and revised, four delegations attend, BRA's new key
# enrolled during the meeting (it then casts BRA's ballot), consensus call,
# a formal objection (Art. IX:1 fn 1) withdrawn and made again, a request
# for a vote (WT/L/93), a statement, vote open, ballots, vote close, decide
# (three fourths of the Members, Art. IX:3: 125 of the General Council's
# 166, so 3 yes are rejected), a delegation leaving, meeting close -- run once
# with `--server URL` against `wtovote serve` on 127.0.0.1 and once on a
# local copy of the same record with -S / -s, with the same keys and the
# same --time on every step. Compared, after the server has stopped:
#   - every command's stdout, with the URL written where RECORD is and the
#     receipt paths aside (receipts: DIR/receipts/ vs RECORD/receipts/);
#   - `decide --json` of the item (outcome, counts, explanation, entry);
#   - `status --json` of the two records in full (both scripted at the
#     same times: nothing there may differ);
#   - the delegations' acts at each entry: `act show --json` (meeting,
#     Member, kind, item, choice, time, statement, key, roster) equal but for
#     the file name (the signed bytes differ: each act has a fresh nonce),
#     and every receipt the client saved verifies against the server's key.
# Also: a receipt checked against the wrong --pub fails (exit 1); a
# refusal over --server prints the server's code and message and
# exits 1, exactly as the same command does locally; a server that is not
# there is named and exits 2; a chair command needs the token file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

expect_exit 0 "$W" keygen --no-password -o sec
expect_exit 0 "$W" roster new -o r.pb
for m in USA IND ZAF BRA; do
    k=$(echo "$m" | tr A-Z a-z)
    expect_exit 0 "$W" keygen --no-password -o "$k"
    expect_exit 0 "$W" roster add-key r.pb --member "$m" --pub "$k.pub"
done
expect_exit 0 "$W" roster sign -s sec.key r.pb
expect_exit 0 "$W" keygen --no-password -o bra2 # enrolled during the meeting
expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key \
    --id GC-CLIENT --quorum 1/100 --time 2026-01-05T09:00:00Z
cp -r rec local

# run MODE STEP TIME COMMAND ARGS...: COMMAND with MODE's way to the meeting,
# its exit code checked, stdout kept as steps/MODE.STEP (RECORD or URL -> @)
mkdir steps client
run()
{
    local mode=$1 step=$2 time=$3 cmd=$4
    shift 4
    local how
    case $mode:$cmd in
    local:delegation) how="local -S sec.key" ;;
    local:chair) how="local -s sec.key" ;;
    server:delegation) how="client --server $URL" ;;
    server:chair) how="--server $URL --token-file token" ;;
    esac
    # shellcheck disable=SC2086 # $how is words
    expect_exit 0 "$W" "$@" $how --time "$time"
    local label=local
    [ "$mode" = server ] && label=$URL
    sed -e "s#$label#@#g" -e '/^  receipt: /d' "$TMP/out" >"steps/$mode.$step"
}

script()
{
    local m=$1
    run "$m" 01 2026-01-05T09:01:00Z chair motion table --procedure waiver \
        --title "Waiver for X" --circumstances "c" --terms "t" --termination 2030-01-01 \
        --period 30 --proponent IND
    run "$m" 01b 2026-01-05T09:01:30Z chair motion revise --item 1 --procedure waiver \
        --title "Waiver for X (rev. 1)" --circumstances "c" --terms "t2" \
        --termination 2030-01-01 --period 30 --proponent IND
    run "$m" 02 2026-01-05T09:02:00Z delegation attend --member USA -s usa.key
    run "$m" 03 2026-01-05T09:02:10Z delegation attend --member IND -s ind.key
    run "$m" 04 2026-01-05T09:02:20Z delegation attend --member ZAF -s zaf.key
    run "$m" 05 2026-01-05T09:02:30Z delegation attend --member BRA -s bra.key
    # BRA's delegation arrives with a new key: enrolled by the chair (over
    # --server: presented, its fingerprint read out, confirmed)
    if [ "$m" = server ]; then
        expect_exit 0 "$W" enrol present --server "$URL" --member BRA --new-key bra2.pub
        fp=$(sed -n 's/.*; fingerprint \([0-9a-f]\{64\}\)$/\1/p' "$TMP/out")
        [ ${#fp} = 64 ] || fail "enrol present printed no fingerprint: $(cat "$TMP/out")"
        run "$m" 05b 2026-01-05T09:02:40Z chair enrol confirm --fingerprint "$fp"
    else
        run "$m" 05b 2026-01-05T09:02:40Z chair enrol confirm --member BRA --new-key bra2.pub
    fi
    run "$m" 06 2026-01-05T09:03:00Z chair consensus call --item 1
    run "$m" 07 2026-01-05T09:04:00Z delegation object --member ZAF -s zaf.key --item 1 \
        --statement "not in these terms"
    run "$m" 07b 2026-01-05T09:04:30Z delegation withdraw --member ZAF -s zaf.key --item 1
    run "$m" 07c 2026-01-05T09:04:40Z delegation object --member ZAF -s zaf.key --item 1
    run "$m" 08 2026-01-05T09:05:00Z delegation request-vote --member IND -s ind.key --item 1
    run "$m" 08b 2026-01-05T09:05:30Z delegation statement --member USA -s usa.key --item 1 \
        --statement "we support the request"
    run "$m" 09 2026-02-10T10:00:00Z chair vote open --item 1
    run "$m" 10 2026-02-10T10:01:00Z delegation vote --member USA -s usa.key --item 1 \
        --choice yes
    run "$m" 11 2026-02-10T10:01:10Z delegation vote --member IND -s ind.key --item 1 \
        --choice yes
    run "$m" 12 2026-02-10T10:01:20Z delegation vote --member ZAF -s zaf.key --item 1 \
        --choice no
    run "$m" 13 2026-02-10T10:01:30Z delegation vote --member BRA -s bra2.key --item 1 \
        --choice yes
    run "$m" 14 2026-02-10T10:10:00Z chair vote close --item 1
    run "$m" 15 2026-02-10T10:11:00Z chair decide --item 1 --json
    run "$m" 15b 2026-02-10T10:11:30Z delegation leave --member BRA -s bra2.key
    # a statement whose receipt is checked against another key (--pub):
    # the server recorded it, the client says the receipt does not verify
    # and exits 1; locally the same statement is simply recorded
    if [ "$m" = server ]; then
        expect_exit 1 "$W" statement client --server "$URL" --pub usa.pub --member USA \
            -s usa.key --item 1 --statement "for the record" --time 2026-02-10T10:12:00Z
        expect_grep "the server's receipt does not verify" err
    else
        expect_exit 0 "$W" statement local -S sec.key --member USA -s usa.key --item 1 \
            --statement "for the record" --time 2026-02-10T10:12:00Z
    fi
    run "$m" 16 2026-02-10T10:20:00Z chair meeting close
}

script local

start_server
printf '%s\n' "$TOKEN" >token
chmod 600 token
# a chair command without the token file: usage, nothing sent
expect_exit 2 "$W" consensus call --server "$URL" --item 1
expect_grep 'needs --token-file' err
# a token file others may read is refused (it would share the secret)
cp token token.open
chmod 644 token.open
expect_exit 2 "$W" consensus call --server "$URL" --item 1 --token-file token.open
expect_grep 'token.open (chair token): readable by others' err
script server
# the acts carry the meeting_ref the server announces (SPEC.md, "Meeting
# identity"), which the client derived from the opening in its copy
curl -sf -o state.json "$URL/api/state" || fail "GET /api/state"
ref=$(sed -n 's/.*"meeting_ref":"\([0-9a-f]\{64\}\)".*/\1/p' state.json)
[ ${#ref} = 64 ] || fail "/api/state has no meeting_ref: $(head -c 300 state.json)"
expect_exit 0 "$W" act show client/receipts/000003-USA.act --roster r.pb --json
expect_grep "\"meeting_ref\": \"$ref\"" "$TMP/out"

# ---- a refusal over --server: the server's code and message, exit 1,
# the log unchanged; the same command locally says the same
before=$(log_bytes)
expect_exit 1 "$W" attend client --server "$URL" --member USA -s usa.key \
    --time 2026-02-10T10:30:00Z
cp "$TMP/err" remote.err
[ "$(log_bytes)" = "$before" ] || fail "a refused act grew the server's log"
expect_exit 1 "$W" attend local -S sec.key --member USA -s usa.key --time 2026-02-10T10:30:00Z
expect_grep 'WV_REFUSE_CLOSED' remote.err
sed "s#$URL#local#" remote.err | cmp -s - "$TMP/err" ||
    fail "refusals differ: server $(cat remote.err) / local $(cat "$TMP/err")"
# a chair refusal: the vote is closed, it cannot be closed again
expect_exit 1 "$W" vote close --server "$URL" --token-file token --item 1
expect_grep 'WV_REFUSE_' err
# the wrong token: the server's 401, a usage error (2)
echo "0000000000000000000000000000000000000000000000000000000000000000" >bad.token
chmod 600 bad.token
expect_exit 2 "$W" vote close --server "$URL" --token-file bad.token --item 1
expect_grep 'WV_HTTP_UNAUTHORIZED' err
stop_server

# ---- a server that is not there: named, exit 2
expect_exit 2 "$W" attend client --server "http://127.0.0.1:$PORT" --member USA -s usa.key
expect_grep "127.0.0.1:$PORT" err

# ---- the same output, step by step
for f in steps/local.*; do
    step=${f#steps/local.}
    cmp -s "$f" "steps/server.$step" ||
        fail "step $step differs: $(diff "$f" "steps/server.$step" | head -20)"
done
expect_grep '"outcome": "rejected"' steps/server.15 # 3 of 125 needed (3/4 of 166, IX:3)
expect_grep '"required": 125' steps/server.15
expect_grep '"yes": 3' steps/server.15

# ---- the same records
expect_exit 0 "$W" status rec --json
sed 's/"rec"/"R"/g' "$TMP/out" >status.server
expect_exit 0 "$W" status local --json
sed 's/"local"/"R"/g' "$TMP/out" >status.local
cmp -s status.server status.local ||
    fail "status --json differs: $(diff status.local status.server | head -20)"
expect_grep '"outcome": "rejected"' status.server
expect_exit 0 "$W" verify rec
# the delegations' acts, entry by entry; the client's receipts verify
# (show.pb: the roster with BRA's enrolled key too, for act show to decode)
cp r.pb show.pb
expect_exit 0 "$W" roster add-key show.pb --member BRA --pub bra2.pub
expect_exit 0 "$W" roster sign -s sec.key show.pb
n=0
for a in client/receipts/*.act; do
    l=local/receipts/$(basename "$a")
    [ -f "$l" ] || fail "$a: the local run has no act at the same entry"
    expect_exit 0 "$W" receipt verify "${a%.act}.receipt" --act "$a" --pub rec/secretariat.pub
    expect_exit 0 "$W" act show "$a" --roster show.pb --json
    grep -v '"file"' "$TMP/out" >act.server
    expect_exit 0 "$W" act show "$l" --roster show.pb --json
    grep -v '"file"' "$TMP/out" | cmp -s - act.server || fail "$a differs from $l"
    n=$((n + 1))
done
[ "$n" = 14 ] || fail "expected 14 receipts of acts, found $n"
echo "serve_cli: ok"
