# shellcheck shell=bash
# What `pollscope [COMMAND] --help` says, in forms that the manual page and the bash
# completion can be compared with. Sourced by manpage.sh and completion.sh, with the
# program to ask as its argument.
pollscope=$1

# The commands, "" being the app itself.
# shellcheck disable=SC2034 # for the scripts that source this one
pollscope_commands=("" run daemon check convert demo import)

# Prints `pollscope COMMAND --help`; without a display the app parses its options
# with the same parser, and needs no Qt platform.
help_text()
{
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$pollscope" ${1:+"$1"} --help
}

# Prints the usage line of COMMAND without "Usage: ": "pollscope run [options] SCENARIO".
help_usage()
{
    help_text "$1" | sed -n 's/^Usage: [^ ]*/pollscope/p'
}

# Prints the options of COMMAND as --help lists them, one a line, with value names in
# angle brackets: "-h, --help", "--trace-out <file>".
help_options()
{
    # Entries start two spaces in; their descriptions, and the lines these wrap onto,
    # start further in.
    help_text "$1" | sed -n '/^Options:$/,/^$/ s/^  \(-[^ ].*\)$/\1/p' | sed 's/  .*//'
}
