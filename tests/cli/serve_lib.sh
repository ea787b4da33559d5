# Helpers for tests/cli/serve_*.sh (after lib.sh): a record with keys, a
# server on 127.0.0.1 at a free port, posting acts and chair requests.
#   make_meeting MEMBERS...   keys sec + one per Member code (lower case),
#                             a signed roster, record rec (quorum 1/100)
#   start_server [PORT]       wtovote serve rec on 127.0.0.1:PORT (default 0: any)
#                             -> $URL $PORT $TOKEN $SPID
#   serve_with ARGS...        wtovote serve ARGS (the same waiting and results)
#   stop_server               SIGTERM, expects exit 0
#   sign FILE MEMBER KIND [act sign options]   an offline act, now
#   post_act FILE             -> $CODE (HTTP status), body in $TMP/resp
#   chair ACTION JSON         -> $CODE, body in $TMP/resp
#   log_bytes                 size of rec/log
#   expect_refusal STATUS CODE  the last answer was STATUS with JSON code CODE
command -v curl >/dev/null || fail "curl is needed (scripts/install-deps.sh test)"
SPID=
# a failing test leaves no server behind
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; rm -rf "$TMP"' EXIT

make_meeting()
{
    expect_exit 0 "$W" keygen --no-password -o sec
    expect_exit 0 "$W" roster new -o r.pb
    local m k
    for m in "$@"; do
        k=$(echo "$m" | tr A-Z a-z)
        expect_exit 0 "$W" keygen --no-password -o "$k"
        expect_exit 0 "$W" roster add-key r.pb --member "$m" --pub "$k.pub"
    done
    expect_exit 0 "$W" roster sign -s sec.key r.pb
    expect_exit 0 "$W" meeting open rec --roster r.pb --body general-council -s sec.key \
        --id GC-SERVE --quorum 1/100
}

start_server()
{
    serve_with rec -s sec.key --listen "127.0.0.1:${1:-0}"
}

serve_with()
{
    # the last server's output must not be read as this one's: the shell
    # truncates serve.out in the child, maybe after the loop below looked
    rm -f "$TMP/serve.out" "$TMP/serve.err"
    "$W" serve "$@" >"$TMP/serve.out" 2>"$TMP/serve.err" &
    SPID=$!
    local i
    for i in $(seq 600); do # up to 30 s: a loaded machine, a record to replay
        grep -q 'chair token' "$TMP/serve.out" 2>/dev/null && break
        kill -0 "$SPID" 2>/dev/null || fail "serve exited: $(cat "$TMP/serve.err")"
        sleep 0.05
    done
    URL=$(sed -n 's/^serving .* at \(.*\)\/$/\1/p' "$TMP/serve.out")
    TOKEN=$(sed -n 's/^  chair token: //p' "$TMP/serve.out")
    PORT=${URL##*:}
    [ -n "$URL" ] && [ ${#TOKEN} = 64 ] ||
        fail "serve did not print its URL and token: $(cat "$TMP/serve.out" "$TMP/serve.err")"
}

stop_server()
{
    kill -TERM "$SPID"
    local rc=0
    wait "$SPID" || rc=$?
    [ "$rc" = 0 ] || fail "serve exited $rc after SIGTERM: $(cat "$TMP/serve.err")"
    SPID=
    grep -q '^stopped: ' "$TMP/serve.out" || fail "serve did not say it stopped"
}

sign()
{
    local file=$1 member=$2 kind=$3
    shift 3
    expect_exit 0 "$W" act sign --record rec --member "$member" --kind "$kind" \
        -s "$(echo "$member" | tr A-Z a-z).key" -o "$file" -f "$@"
}

post_act()
{
    CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -H 'Content-Type: application/octet-stream' \
        --data-binary @"$1" "$URL/api/acts")
}

chair()
{
    CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        -d "$2" "$URL/api/chair/$1")
    [ "$CODE" = 200 ] || [ "${3:-}" = may-refuse ] || fail "chair $1: $CODE $(cat "$TMP/resp")"
}

log_bytes()
{
    wc -c <rec/log
}

expect_refusal()
{
    [ "$CODE" = "$1" ] || fail "expected HTTP $1, got $CODE: $(cat "$TMP/resp")"
    grep -q "\"code\":\"$2\"" "$TMP/resp" || fail "expected code $2: $(cat "$TMP/resp")"
    grep -q '"message":"[^"]' "$TMP/resp" || fail "refusal without a message"
}
