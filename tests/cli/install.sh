#!/usr/bin/env bash
# `cmake --install` installs the program, the shared and static libraries,
# their headers and a pkg-config file, and a program built against the
# installed files alone links and runs, both with `pkg-config --cflags
# --libs wtovote` (shared) and with `pkg-config --static` (-static).
. "$(dirname "$0")/lib.sh"
: "${WV_BUILD_DIR:?}"
prefix=$TMP/prefix
expect_exit 0 cmake --install "$WV_BUILD_DIR" --prefix "$prefix"
[ -x "$prefix/bin/wtovote" ] || fail "no bin/wtovote installed"
ls "$prefix"/lib*/libwtovote.so* >/dev/null 2>&1 || ls "$prefix"/lib/*/libwtovote.so* >/dev/null 2>&1 ||
    fail "no libwtovote.so installed"
for h in error.h util.h keys.h wire.h roster.h rules.h meeting.h merkle.h note.h record.h \
    index.h session.h sim.h; do
    [ -f "$prefix/include/wtovote/$h" ] || fail "header wtovote/$h not installed"
done
# No public header includes a generated header or a dependency's (issue 11):
# the decoded messages are opaque structs; the generated one is not installed.
[ ! -e "$prefix/include/wtovote/wtovote.pb-c.h" ] || fail "the generated header is installed"
if grep -l '#include.*\(pb-c\.h\|protobuf-c\|sodium\.h\|jansson\.h\)' \
    "$prefix"/include/wtovote/*.h; then
    fail "a public header includes a generated or a dependency's header"
fi
pc=$(find "$prefix" -name wtovote.pc | head -1)
[ -n "$pc" ] || fail "no wtovote.pc installed"
[ -f "$prefix/share/bash-completion/completions/wtovote" ] || fail "bash completion not installed"
expect_exit 0 "$prefix/bin/wtovote" --help

cat > "$TMP/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <wtovote/index.h>
#include <wtovote/record.h>
#include <wtovote/rules.h>
#include <wtovote/session.h>
#include <wtovote/sim.h>
#include <wtovote/util.h>
int main(void)
{
    if (wv_init() != 0) return 1;
    const wv_procedure *p = wv_procedure_find("interpretation");
    wv_rules_config cfg = {0};
    wv_tally t = {.members = 166, .present = 166, .objections = 1, .yes = 125, .no = 41,
                  .vote_held = 1};
    wv_decision d;
    if (p == NULL || wv_rules_decide(p, &cfg, &t, &d, NULL) != WV_OK) return 1;
    printf("%s %u\n", wv_outcome_name(d.outcome), d.required);
    return 0;
}
C
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(dirname "$(ls "$prefix"/lib*/libwtovote.so "$prefix"/lib/*/libwtovote.so 2>/dev/null | head -1)")
[ -f "$libdir/libwtovote.a" ] || fail "no libwtovote.a installed beside libwtovote.so"
sanitized=0
case "${WV_SANITIZE:-OFF}" in ON|on|1|TRUE|true) sanitized=1 ;; esac
# A sanitizer build installs an instrumented library: its users link the runtime.
san=""
[ "$sanitized" = 0 ] || san="-fsanitize=address,undefined"

# Shared: the program needs libwtovote.so at run time.
flags=$(pkg-config --cflags --libs wtovote) || fail "pkg-config cannot read wtovote.pc"
expect_exit 0 cc -std=c11 -o "$TMP/use" "$TMP/use.c" $san $flags
readelf -d "$TMP/use" | grep -q 'NEEDED.*libwtovote\.so' || fail "the shared build does not use libwtovote.so"
# Art. IX:2: three-fourths of the Members, 125 of 166.
LD_LIBRARY_PATH=$libdir expect_exit 0 "$TMP/use"
expect_grep '^adopted 125$' "$TMP/out"

# Static: libwtovote.a and what it uses inside (Requires.private,
# Libs.private), the whole program linked with -static. The sanitizers'
# runtimes cannot be linked statically, so there only libwtovote is.
sflags=$(pkg-config --static --cflags --libs wtovote) || fail "pkg-config --static cannot read wtovote.pc"
if [ "$sanitized" = 0 ]; then
    expect_exit 0 cc -std=c11 -static -o "$TMP/use_static" "$TMP/use.c" $sflags
else
    expect_exit 0 cc -std=c11 -o "$TMP/use_static" "$TMP/use.c" $san ${sflags/-lwtovote/-l:libwtovote.a}
fi
if readelf -d "$TMP/use_static" | grep -q 'NEEDED.*libwtovote'; then
    fail "the --static build still needs libwtovote.so"
fi
expect_exit 0 env -u LD_LIBRARY_PATH "$TMP/use_static"
expect_grep '^adopted 125$' "$TMP/out"
echo "install: ok"
