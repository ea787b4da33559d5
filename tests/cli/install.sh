#!/usr/bin/env bash
# `cmake --install` installs the program, the library, its headers and a
# pkg-config file, and a program built against the installed files alone
# (through pkg-config) links and runs.
. "$(dirname "$0")/lib.sh"
: "${WV_BUILD_DIR:?}"
prefix=$TMP/prefix
expect_exit 0 cmake --install "$WV_BUILD_DIR" --prefix "$prefix"
[ -x "$prefix/bin/wtovote" ] || fail "no bin/wtovote installed"
ls "$prefix"/lib*/libwtovote.so* >/dev/null 2>&1 || ls "$prefix"/lib/*/libwtovote.so* >/dev/null 2>&1 ||
    fail "no libwtovote.so installed"
for h in error.h util.h keys.h wire.h roster.h rules.h meeting.h merkle.h note.h record.h wtovote.pb-c.h; do
    [ -f "$prefix/include/wtovote/$h" ] || fail "header wtovote/$h not installed"
done
pc=$(find "$prefix" -name wtovote.pc | head -1)
[ -n "$pc" ] || fail "no wtovote.pc installed"
[ -f "$prefix/share/bash-completion/completions/wtovote" ] || fail "bash completion not installed"
expect_exit 0 "$prefix/bin/wtovote" --help

cat > "$TMP/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <wtovote/rules.h>
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
flags=$(pkg-config --cflags --libs wtovote) || fail "pkg-config cannot read wtovote.pc"
# A sanitizer build installs an instrumented library: its users link the runtime.
case "${WV_SANITIZE:-OFF}" in ON|on|1|TRUE|true) flags="-fsanitize=address,undefined $flags" ;; esac
expect_exit 0 cc -std=c11 -o "$TMP/use" "$TMP/use.c" $flags
# Art. IX:2: three-fourths of the Members, 125 of 166.
LD_LIBRARY_PATH=$(dirname "$(ls "$prefix"/lib*/libwtovote.so "$prefix"/lib/*/libwtovote.so 2>/dev/null | head -1)") \
    expect_exit 0 "$TMP/use"
expect_grep '^adopted 125$' "$TMP/out"
echo "install: ok"
