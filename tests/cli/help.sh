# Every command listed by `wtovote --help` answers `wtovote COMMAND --help`
# with a usage text and exit 0, and so does every subcommand of a group
# command (those whose help lists "subcommands"); an unknown command and a
# missing argument are usage errors (exit 2). Issue 5, point 7.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE

expect_exit 0 "$W" --help
cp out top
expect_grep '^exit codes: 0 success, 1 refused or failed verification, 2 usage or I/O error' top
cmds=$(sed -n '/^commands:/,/^$/p' top | awk 'NF && $1 != "commands:" {print $1}')
n=$(echo "$cmds" | wc -w)
[ "$n" -ge 25 ] || fail "only $n commands listed"
for c in meeting motion consensus vote decide attend object withdraw request-vote accept \
         submit status show export demo report; do
    echo "$cmds" | grep -qx "$c" || fail "wtovote --help does not list $c"
done
for c in $cmds; do
    expect_exit 0 "$W" "$c" --help
    grep -qi 'usage' out || fail "wtovote $c --help prints no usage"
    subs=$(sed -n '/^subcommands/,/^$/p' out | awk 'NF && $1 !~ /^subcommands/ {print $1}')
    for s in $subs; do
        expect_exit 0 "$W" "$c" "$s" --help
        grep -qi 'usage' out || fail "wtovote $c $s --help prints no usage"
    done
done
expect_exit 2 "$W" no-such-command
expect_exit 2 "$W"
expect_exit 2 "$W" decide
expect_grep 'needs RECORD' err
expect_exit 2 "$W" status
expect_exit 2 "$W" meeting open rec --body general-council
expect_exit 2 "$W" vote rec --item 1 --member USA -s k --choice maybe -S s
expect_grep "'maybe' is not yes, no or abstain" err
expect_exit 2 "$W" attend rec --item 1 --member USA -s k -S s
expect_exit 2 "$W" status /nonexistent-record
expect_grep '/nonexistent-record' err
# the completion script (made by the build from cli/commands.def) offers
# exactly the commands of `wtovote --help`, and each group's subcommands
comp="${WV_BUILD_DIR:?}/cli/wtovote.bash"
[ -f "$comp" ] || fail "no completion script at $comp"
bash -n "$comp" || fail "completion script is not valid bash"
offered=$(sed -n 's/^ *local commands="\(.*\)"$/\1/p' "$comp" | tr ' ' '\n' | sort)
[ "$offered" = "$(echo "$cmds" | sort)" ] ||
    fail "completion offers [$(echo $offered)], wtovote --help lists [$(echo $cmds)]"
for c in $cmds; do
    expect_exit 0 "$W" "$c" --help
    subs=$(sed -n '/^subcommands/,/^$/p' out | awk 'NF && $1 !~ /^subcommands/ {print $1}')
    for s in $subs; do
        grep -Eq "^ *([a-z|-]+\|)?$c(\|[a-z|-]+)?\) subs=\"([a-z-]+ )*$s( [a-z-]+)*\"" "$comp" ||
            fail "completion does not offer subcommand $s of $c"
    done
done
echo "help: ok"
