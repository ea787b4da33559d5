# bash completion for wtovote (installed as
# share/bash-completion/completions/wtovote). Commands, subcommands and
# options as listed by `wtovote --help` and `wtovote COMMAND --help`.
_wtovote()
{
    local cur prev cmd sub
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    sub=${COMP_WORDS[2]}
    local commands="version keygen sign sig-verify power roster act rules proof checkpoint
        simulate train verify receipt meeting motion consensus vote decide attend leave object
        withdraw request-vote accept statement submit status show export demo report"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case $prev in
        -s|-S|--secret-key|--secretariat-key)
            COMPREPLY=($(compgen -f -X '!*.key' -- "$cur") $(compgen -d -- "$cur")); return ;;
        --roster|--pub|--act|--since)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -o|--output|--out|--inbox)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --choice) COMPREPLY=($(compgen -W "yes no abstain" -- "$cur")); return ;;
        --body)
            COMPREPLY=($(compgen -W "general-council ministerial-conference dsb goods-council
                services-council trips-council plurilateral:" -- "$cur")); return ;;
        --procedure)
            COMPREPLY=($(compgen -W "$(wtovote rules list 2>/dev/null | awk '/^[a-z]/ {print $1}')" \
                -- "$cur")); return ;;
        --kind)
            COMPREPLY=($(compgen -W "attend leave object withdraw vote request-vote accept
                statement" -- "$cur")); return ;;
    esac
    local subs="" opts="--help"
    case $cmd in
        meeting) subs="open close"
            opts="$opts --roster --body --id --title --quorum --wtl93 --host --time -s" ;;
        motion) subs="table revise"
            opts="$opts --item --procedure --title --proponent --period --parties
                --acceptance-deadline --circumstances --terms --termination
                --transition-obligation --time -s" ;;
        consensus) subs="call"; opts="$opts --item --time -s" ;;
        vote) subs="open close"
            opts="$opts --item --member --choice --eu-bloc --statement --time -s -S -o" ;;
        decide) opts="$opts --item --time --json -s" ;;
        attend|leave) opts="$opts --member --statement --time -s -S -o" ;;
        object|withdraw|request-vote|accept|statement)
            opts="$opts --item --member --statement --time -s -S -o" ;;
        submit) opts="$opts --inbox -s" ;;
        status) opts="$opts --show-running --json" ;;
        show) opts="$opts --item --show-running --json" ;;
        export) opts="$opts --csv --json" ;;
        demo) opts="$opts --out --seed --time --quiet" ;;
        report) opts="$opts -o" ;;
        verify) opts="$opts --json --jobs --since --pub" ;;
        receipt) subs="verify make"; opts="$opts --act --pub --json --index -o" ;;
        roster) subs="new add-key revoke-key sign show" ;;
        act) subs="sign show" ;;
        rules) subs="list explain decide waiver-reviews" ;;
        proof) subs="inclusion consistency" ;;
        checkpoint) subs="verify" ;;
    esac
    if [ "$COMP_CWORD" -eq 2 ] && [ -n "$subs" ]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -- "$cur"))
    fi
}
complete -F _wtovote wtovote
