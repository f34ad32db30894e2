# bash completion for pollscope(1): its commands, their options and the values they
# take, and scenario, trace or log files where a FILE, SCENARIO, TRACE or LOG is expected.
# Only bash builtins, so that it works with or without the bash-completion package.
# tests/install/completion.sh checks the options against the program's --help.

# Adds compgen's matches to COMPREPLY, one a line, so that file names may hold spaces.
_pollscope_add()
{
    local matches
    mapfile -t matches < <(compgen "$@")
    COMPREPLY+=("${matches[@]}")
}

# Adds the folders, and the files ending in one of the extensions, that start with $1.
_pollscope_files()
{
    local cur=$1 extension
    shift
    compopt -o filenames 2>/dev/null
    _pollscope_add -d -- "$cur"
    for extension in "$@"; do
        _pollscope_add -f -X "!*.$extension" -- "$cur"
    done
}

# Adds the addresses of --listen ($1 both) or --listen-ro ($1 unix) that start with $2.
_pollscope_addresses()
{
    local transports=$1 cur=$2 path
    if [[ $cur == unix:* && $cur != unix:@* ]]; then
        # unix:PATH: the path of the socket.
        compopt -o filenames 2>/dev/null
        local IFS=$'\n'
        for path in $(compgen -f -- "${cur#unix:}"); do
            COMPREPLY+=("unix:$path")
        done
    elif [[ $cur != *:* ]]; then
        _pollscope_add -W "$transports" -- "$cur"
        compopt -o nospace 2>/dev/null
    fi
}

_pollscope()
{
    # The words as typed: bash splits "unix:/tmp/s" and "--format=chrome" at ':' and
    # '=' (COMP_WORDBREAKS), but an option and its value are whole words here.
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -ra words <<<"$line"
    if [[ -z $line || $line == *[[:space:]] ]]; then
        words+=("")
    fi
    local cword=$((${#words[@]} - 1))
    local cur=${words[cword]} prev=
    ((cword > 0)) && prev=${words[cword - 1]}
    # "--option=value" is completed as the value after "--option".
    local prefix=
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        prefix=$prev=
        cur=${cur#*=}
    fi

    local command=
    ((cword > 1)) && command=${words[1]}
    local options
    case $command in
        run) options='--trace-out --format --normalize -h --help --help-all' ;;
        check) options='-h --help --help-all' ;;
        convert) options='--format -h --help --help-all' ;;
        daemon) options='--listen --listen-ro --workers --max-clients --max-client-requests --keepalive
                         --timeout --pki --tls-no-verify-certificate --tls-handshake-timeout --trace-out
                         --format --trace-buffer --trace-policy --real -h --help --help-all' ;;
        demo) options='--trace-out --format -h --help --help-all' ;;
        import) options='--trace-out --format -h --help --help-all' ;;
        *)
            command=
            options='--play --compare -h --help --help-all -v --version'
            ;;
    esac

    COMPREPLY=()
    case $prev in
        --format) _pollscope_add -W 'jsonl chrome binary' -- "$cur" ;;
        --trace-policy) _pollscope_add -W 'block drop' -- "$cur" ;;
        --listen) _pollscope_addresses 'unix: tcp: tls:' "$cur" ;;
        --listen-ro) _pollscope_addresses 'unix:' "$cur" ;;
        --pki)
            compopt -o filenames 2>/dev/null
            _pollscope_add -d -- "$cur"
            ;;
        --trace-out)
            compopt -o filenames 2>/dev/null
            _pollscope_add -f -- "$cur"
            ;;
        --compare) _pollscope_files "$cur" pstrace jsonl json log ;;
        --workers | --max-clients | --max-client-requests | --keepalive | --timeout | --tls-handshake-timeout | \
            --trace-buffer)
            # A number or a pair of numbers: nothing to offer.
            ;;
        *)
            if [[ $cur == -* ]]; then
                _pollscope_add -W "$options" -- "$cur"
            elif [[ $command == run ]]; then
                _pollscope_files "$cur" yaml yml
            elif [[ $command == check ]]; then
                _pollscope_files "$cur" pstrace jsonl json
            elif [[ $command == convert ]]; then
                # The trace to read; the file to write may be new.
                if ((cword == 2)); then
                    _pollscope_files "$cur" pstrace jsonl json
                else
                    compopt -o filenames 2>/dev/null
                    _pollscope_add -f -- "$cur"
                fi
            elif [[ $command == import ]]; then
                _pollscope_files "$cur" log
            elif [[ -z $command ]]; then
                ((cword == 1)) && _pollscope_add -W 'run check convert daemon demo import' -- "$cur"
                _pollscope_files "$cur" yaml yml pstrace jsonl json log
            fi
            ;;
    esac

    # Bash replaces only what follows the last ':' or '=' at which it split the word.
    local typed=$prefix$cur breaks=
    [[ $COMP_WORDBREAKS == *:* ]] && breaks+=:
    [[ $COMP_WORDBREAKS == *=* ]] && breaks+='='
    if [[ -n $breaks && $typed == *["$breaks"]* ]]; then
        local split=${typed%"${typed##*["$breaks"]}"}
        COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
        COMPREPLY=("${COMPREPLY[@]#"$split"}")
    elif [[ -n $prefix ]]; then
        COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
    fi
}

complete -F _pollscope pollscope
