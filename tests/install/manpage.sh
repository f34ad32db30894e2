#!/bin/bash
# The manual page says what the program does: each command's subsection is titled
# with the usage line of its --help and lists exactly the options that --help lists
# (no more, no fewer, with the same value names), the SYNOPSIS lists every usage line,
# the version is the program's, and groff reads the page without a warning.
#
#   manpage.sh POLLSCOPE PAGE
set -euo pipefail
pollscope=$1
page=$2
# shellcheck source=SCRIPTDIR/helptext.sh
source "$(dirname "$0")/helptext.sh" "$pollscope"
status=0

# The page as plain text: fonts dropped, \- as -.
plain=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page")

# "usage line: option" for every option, from --help and from the page (an option's
# entry is the line after .TP in its command's .SS, its value name in italics there).
from_help()
{
    local command usage
    for command in "${pollscope_commands[@]}"; do
        usage=$(help_usage "$command")
        echo "synopsis: $usage"
        help_options "$command" | sed -e 's/[<>]//g' -e "s|^|$usage: |"
    done
}
from_page()
{
    awk '
        /^\.SH / { section = $2; title = "" }
        section == "SYNOPSIS" && !/^\./ { print "synopsis: " $0 }
        /^\.SS / { title = substr($0, 5); gsub(/"/, "", title) }
        previous == ".TP" && /^-/ && title != "" { print title ": " $0 }
        { previous = $0 }
    ' <<<"$plain"
}
if ! diff -u --label "pollscope --help" --label "$page" <(from_help | sort) <(from_page | sort); then
    echo "manpage: the page and --help disagree ('-': only in --help, '+': only in the page)" >&2
    status=1
fi

version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$pollscope" --version)
page_version=$(sed -n 's/^\.TH [^"]*"\([^"]*\)".*/\1/p' "$page")
if [[ $page_version != "$version" ]]; then
    echo "manpage: the page is for '$page_version', the program is '$version'" >&2
    status=1
fi

warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
if [[ -n $warnings ]]; then
    printf 'manpage: groff warns:\n%s\n' "$warnings" >&2
    status=1
fi
exit $status
