#!/bin/bash
# `cmake --install` puts every file where desktops, man and bash look for it, and
# nothing else; the installed pollscope runs from there and finds the installed
# scenarios by itself (no POLLSCOPE_SCENARIOS).
#
#   installtree.sh CMAKE BUILD-DIR SOURCE-DIR APP-ID VERSION STAGING-DIR
set -euo pipefail
cmake=$1
build=$2
source=$3
id=$4
version=$5
stage=$6
status=0
fail()
{
    echo "install: $*" >&2
    status=1
}

rm -rf "$stage"
DESTDIR=$stage "$cmake" --install "$build" --prefix /usr >/dev/null
stage=$(realpath "$stage")
usr=$stage/usr

expected=$(
    echo bin/pollscope
    echo share/applications/"$id".desktop
    echo share/metainfo/"$id".metainfo.xml
    echo share/icons/hicolor/scalable/apps/"$id".svg
    for size in 16 32 48 64 128 256; do
        echo share/icons/hicolor/${size}x$size/apps/"$id".png
    done
    echo share/man/man1/pollscope.1.gz
    echo share/bash-completion/completions/pollscope
    (cd "$source" && find scenarios -type f) | sed 's|^|share/pollscope/|'
    (cd "$source/resources/translations" && ls ./*.ts) | sed 's|^\./\(.*\)\.ts$|share/pollscope/translations/\1.qm|'
)
installed=$(cd "$usr" && find . -type f | sed 's|^\./||')
if ! diff -u --label expected --label installed <(sort <<<"$expected") <(sort <<<"$installed"); then
    fail "the installed files are not the expected ones"
fi

# Each bitmap icon is as large as the folder it is in says (PNG: width and height are
# big-endian at bytes 16 and 20).
for png in "$usr"/share/icons/hicolor/*x*/apps/"$id".png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    read -r width height <<<"$(od -An -tu1 -j16 -N8 "$png" | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')"
    [[ ${width}x$height == "$size" ]] || fail "$png is ${width}x$height"
done
cmp -s <(gzip -dc "$usr/share/man/man1/pollscope.1.gz") "$source/docs/pollscope.1" \
    || fail "the installed manual page is not docs/pollscope.1"
grep -qx "Icon=$id" "$usr/share/applications/$id.desktop" || fail "the desktop entry names another icon"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$usr/share/metainfo/$id.metainfo.xml" \
    || fail "the metainfo launches another desktop entry"
[[ $(bash -c "source '$usr/share/bash-completion/completions/pollscope' && complete -p pollscope") \
    == "complete -F _pollscope pollscope" ]] || fail "the installed completion does not complete pollscope"

# The installed program, with no display and no hint where its data is.
run()
{
    env -u POLLSCOPE_SCENARIOS -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$@"
}
installed_version=$(run "$usr/bin/pollscope" --version) || fail "pollscope --version failed"
[[ $installed_version == "pollscope $version" ]] || fail "pollscope --version says '$installed_version'"
run QT_QPA_PLATFORM=offscreen "$usr/bin/pollscope" --help >/dev/null 2>&1 || fail "pollscope --help (offscreen) failed"
run "$usr/bin/pollscope" run "$usr/share/pollscope/scenarios/tour/01-loop-init.yaml" \
    || fail "pollscope run on an installed scenario failed"
# Without a display the app runs the guided tour headless: the installed one.
tour=$(run "$usr/bin/pollscope") || fail "the headless tour failed"
grep -q "^$usr/share/pollscope/scenarios/tour/01-loop-init.yaml: " <<<"$tour" \
    || fail "the installed pollscope did not run the installed tour: $tour"
exit $status
