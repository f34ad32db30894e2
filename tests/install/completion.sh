#!/bin/bash
# The bash completion, driven as bash drives it (COMP_LINE, COMP_POINT, COMP_WORDS,
# COMP_CWORD): it offers the commands, exactly the options each command's --help
# lists, the values of --format and --listen, and scenario or trace files where a
# FILE, SCENARIO or TRACE goes.
#
#   completion.sh POLLSCOPE COMPLETION-SCRIPT
set -euo pipefail
pollscope=$1
# shellcheck source=SCRIPTDIR/helptext.sh
source "$(dirname "$0")/helptext.sh" "$pollscope"
# shellcheck source=SCRIPTDIR/../../resources/completion/pollscope.bash
source "$2"
status=0

folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
cd "$folder"
touch tour.yaml burst.yml trace.jsonl trace.json notes.txt 'my scenario.yaml' libvirtd.log
mkdir scenarios

# Prints, sorted and one a line, what completing LINE (the cursor at its end) offers.
complete_line()
{
    COMP_LINE=$1
    COMP_POINT=${#1}
    # Bash splits the line into words at blanks and at the characters of COMP_WORDBREAKS.
    local line=${1//:/ : }
    read -ra COMP_WORDS <<<"${line//=/ = }"
    [[ $1 == *' ' ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _pollscope
    ((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect LINE OFFER...: completing LINE offers exactly OFFER...
expect()
{
    local line=$1 expected actual
    shift
    expected=$( (($# == 0)) || printf '%s\n' "$@" | sort)
    actual=$(complete_line "$line")
    if [[ $actual != "$expected" ]]; then
        printf 'completion: "%s" offers:\n%s\nand not:\n%s\n' "$line" "$actual" "$expected" >&2
        status=1
    fi
}

expect 'pollscope ' run check convert daemon demo import scenarios tour.yaml burst.yml trace.jsonl trace.json 'my scenario.yaml' \
    libvirtd.log
expect 'pollscope d' daemon demo
expect 'pollscope tour.yaml --p' --play
expect 'pollscope run ' scenarios tour.yaml burst.yml 'my scenario.yaml'
expect 'pollscope run my' 'my scenario.yaml'
expect 'pollscope check trace.json ' scenarios trace.jsonl trace.json
expect 'pollscope import ' scenarios libvirtd.log
expect 'pollscope trace.jsonl --compare ' scenarios trace.jsonl trace.json libvirtd.log
expect 'pollscope run --format ' jsonl chrome binary
expect 'pollscope daemon --trace-policy ' block drop
expect 'pollscope convert ' scenarios trace.jsonl trace.json
expect 'pollscope demo --format=c' chrome
expect 'pollscope run tour.yaml --trace-out no' notes.txt
expect 'pollscope daemon --listen ' unix: tcp: tls:
expect 'pollscope daemon --listen-ro ' unix:
expect 'pollscope daemon --listen unix:sc' scenarios
expect 'pollscope daemon --workers '

# Each command's options are exactly those of its --help.
for command in "${pollscope_commands[@]}"; do
    mapfile -t options < <(help_options "$command" | sed -e 's/ <.*//' -e 's/, /\n/')
    expect "pollscope ${command:+$command }-" "${options[@]}"
done
exit $status
