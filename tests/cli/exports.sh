#!/usr/bin/env bash
# libwtovote.so exports exactly the functions that the public headers
# (engine/include/wtovote/*.h) declare with WV_EXPORT: no generated
# protobuf-c names (wtovote__*), no engine-internal helpers (sim_play_*,
# train_say, wv_ functions of internal headers), no test seams.
. "$(dirname "$0")/lib.sh"
: "${WV_BUILD_DIR:?}" "${WV_SOURCE_DIR:?}"
lib=$WV_BUILD_DIR/engine/libwtovote.so
[ -f "$lib" ] || fail "no $lib"
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | sort -u >"$TMP/exported" ||
    fail "nm cannot read $lib"
[ -s "$TMP/exported" ] || fail "$lib exports nothing"
sed -n 's/^WV_EXPORT [^(]*\b\(wv_[a-z0-9_]*\)(.*/\1/p' "$WV_SOURCE_DIR"/engine/include/wtovote/*.h |
    sort -u >"$TMP/declared"
[ "$(wc -l <"$TMP/declared")" -gt 200 ] || fail "found only $(wc -l <"$TMP/declared") WV_EXPORT declarations"
if grep -v '^wv_' "$TMP/exported" >"$TMP/foreign"; then
    fail "libwtovote.so exports $(wc -l <"$TMP/foreign") names that are not wv_: $(head -5 "$TMP/foreign" | tr '\n' ' ')"
fi
if ! diff "$TMP/declared" "$TMP/exported" >"$TMP/diff"; then
    cat "$TMP/diff" >&2
    fail "exports differ from the WV_EXPORT declarations (< declared only, > exported only)"
fi
echo "exports: ok ($(wc -l <"$TMP/exported") wv_ functions)"
