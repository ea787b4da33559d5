# The embedded pages (issue 13): /delegate, /chair, /board and /web/NAME
# serve exactly the files of serve/web/ as built into the binary, with the
# pages' Content-Security-Policy ('self' scripts, styles and connections, no
# inline script); any other name under /web/ is 404 and never reaches the
# file system; the API keeps its own policy (no script of any origin).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
WEB=$WV_SOURCE_DIR/serve/web
make_meeting USA
start_server

get() # PATH -> $CODE, body in $TMP/resp, headers in $TMP/hdr
{
    CODE=$(curl -s -D "$TMP/hdr" -o "$TMP/resp" -w '%{http_code}' --path-as-is "$URL$1")
}

page_csp="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

# every file of serve/web/ with a served extension, byte for byte
n=0
for f in "$WEB"/*.html "$WEB"/*.css "$WEB"/*.js "$WEB"/*.svg; do
    [ -e "$f" ] || continue
    name=$(basename "$f")
    get "/web/$name"
    [ "$CODE" = 200 ] || fail "/web/$name: HTTP $CODE"
    cmp -s "$f" "$TMP/resp" || fail "/web/$name: not the bytes of serve/web/$name"
    grep -qi "^content-security-policy: $page_csp" "$TMP/hdr" || fail "/web/$name: CSP $(grep -i '^content-security' "$TMP/hdr")"
    case $name in
        *.html) expect_grep '^[Cc]ontent-[Tt]ype: text/html; charset=utf-8' "$TMP/hdr" ;;
        *.js) expect_grep '^[Cc]ontent-[Tt]ype: text/javascript; charset=utf-8' "$TMP/hdr" ;;
        *.css) expect_grep '^[Cc]ontent-[Tt]ype: text/css; charset=utf-8' "$TMP/hdr" ;;
    esac
    expect_grep '^[Xx]-[Cc]ontent-[Tt]ype-[Oo]ptions: nosniff' "$TMP/hdr"
    n=$((n + 1))
done
[ "$n" -ge 2 ] || fail "only $n files served from serve/web/"

# no page names an asset of another origin (the browser test also watches
# every request the pages make)
if grep -nE "(src|href|url)\(?=?[\"']?(https?:)?//" "$WEB"/*.html "$WEB"/*.css "$WEB"/*.js 2>/dev/null; then
    fail "a page in serve/web/ refers to another origin"
fi

# the page routes are their .html files
for p in delegate chair board; do
    get "/$p"
    if [ -e "$WEB/$p.html" ]; then
        [ "$CODE" = 200 ] || fail "/$p: HTTP $CODE"
        cmp -s "$WEB/$p.html" "$TMP/resp" || fail "/$p: not serve/web/$p.html"
    else
        [ "$CODE" = 404 ] || fail "/$p without $p.html: HTTP $CODE"
    fi
done

# nothing else: not a source file, not a path out of the table
for bad in /web/ /web/CMakeLists.txt /web/embed.cmake /web/../http.c /web/%2e%2e/http.c \
    /web/./delegate.html /web/delegate.html/ /web//delegate.html /delegate.html /web/DELEGATE.HTML; do
    get "$bad"
    [ "$CODE" = 404 ] || fail "$bad: HTTP $CODE, expected 404"
done

# the API keeps its stricter policy: no script from any origin
get /api/state
[ "$CODE" = 200 ] || fail "/api/state: HTTP $CODE"
expect_grep "^[Cc]ontent-[Ss]ecurity-[Pp]olicy: default-src 'none'; frame-ancestors 'none'" "$TMP/hdr"
grep -qi "script-src" "$TMP/hdr" && fail "/api/state allows scripts"

# a page cannot be posted to
CODE=$(curl -s -o "$TMP/resp" -w '%{http_code}' -d x "$URL/delegate")
[ "$CODE" = 404 ] || fail "POST /delegate: HTTP $CODE"
stop_server
echo "serve_web: $n embedded files served with the page policy; 10 other names 404"
