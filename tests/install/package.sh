#!/bin/bash
# The .deb installs with apt on a fresh Debian 12 and works there: builds it with
# cpack, makes a minimal Debian 12 with debootstrap, installs the package into it with
# apt-get (which must find every dependency from the package's Depends alone: no
# recommended packages), and runs the installed pollscope in it: --version, a
# scenario of the tour, the app's headless tour (which must find the installed
# scenarios by itself) and its --help on Qt's offscreen platform.
#
#   package.sh CPACK BUILD-DIR VERSION WORK-DIR
#
# Needs root (debootstrap, chroot, mount; without it the test is skipped) and the
# Debian mirror this machine's apt uses (its sources, and its proxy if it has one);
# WORK-DIR is emptied first and removed at the end.
set -euo pipefail
cpack=$1
build=$2
version=$3
work=$4
root=$work/root

if [[ $(id -u) != 0 ]]; then
    # Skipped, not failed: a developer running the suite as themselves still gets a
    # clean run; CI runs it as root.
    echo "package: skipped: this test needs root, for debootstrap, chroot and mount" >&2
    exit 77
fi
if ! command -v debootstrap >/dev/null; then
    echo "package: this test needs debootstrap (apt-get install debootstrap)" >&2
    exit 1
fi

# /proc is unmounted before anything is removed, so that rm never reaches into it; and
# a run killed before its cleanup is cleaned up by the next.
cleanup()
{
    if mountpoint -q "$root/proc"; then
        umount "$root/proc"
    fi
    rm -rf --one-file-system "$work"
}
cleanup
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
mkdir -p "$work"

started=$SECONDS
step()
{
    echo "package: [$((SECONDS - started)) s] $*"
}

step "building the .deb"
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/deb" >/dev/null
deb=$(echo "$work"/deb/pollscope_"$version"_*.deb)
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends Suggests

# Debian 12's suites as this machine's apt reaches them: "URI SUITE" a line.
debian_suites=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Origin: Debian' 'Identifier: Packages' \
    | grep -E ' bookworm(-updates|-security)?$' | sort -u)
mirror=$(awk '$2 == "bookworm" { print $1; exit }' <<<"$debian_suites")
if [[ -z $mirror ]]; then
    echo "package: this machine's apt has no source for Debian 12 (bookworm); run apt-get update" >&2
    exit 1
fi
# apt's proxy settings, for debootstrap (which reads http_proxy) and for apt in the root.
proxy_settings=$(apt-config dump | grep -E '^Acquire::https?::Proxy ' || true)
if [[ -z ${http_proxy:-} ]]; then
    http_proxy=$(apt-config shell proxy Acquire::http::Proxy | sed -n "s/^proxy='\(.*\)'$/\1/p")
    if [[ -n $http_proxy ]]; then
        export http_proxy
    fi
fi

step "making a minimal Debian 12 in $root from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    cat "$work/debootstrap.log" >&2
    exit 1
}
# As a fresh installation has them: the release, its updates and security's, from
# where this machine gets them.
while read -r uri suite; do
    echo "deb $uri $suite main"
done <<<"$debian_suites" >"$root/etc/apt/sources.list"
if [[ -n $proxy_settings ]]; then
    echo "$proxy_settings" >"$root/etc/apt/apt.conf.d/01proxy"
fi
mount -t proc proc "$root/proc"

in_root()
{
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}

step "installing $(basename "$deb") with apt-get"
cp "$deb" "$root/tmp/"
in_root apt-get update -q >/dev/null
in_root DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" \
    >"$work/apt.log" 2>&1 || {
    cat "$work/apt.log" >&2
    exit 1
}

step "running the installed pollscope"
status=0
installed_version=$(in_root pollscope --version) || status=1
if [[ $installed_version != "pollscope $version" ]]; then
    echo "package: pollscope --version says '$installed_version'" >&2
    status=1
fi
in_root pollscope run /usr/share/pollscope/scenarios/tour/01-loop-init.yaml || status=1
tour=$(in_root pollscope) || status=1
if ! grep -q '^/usr/share/pollscope/scenarios/tour/08-client-dispatch.yaml: ' <<<"$tour"; then
    printf 'package: the headless tour did not run the installed scenarios:\n%s\n' "$tour" >&2
    status=1
fi
in_root QT_QPA_PLATFORM=offscreen pollscope --help >/dev/null || status=1
step "done"
exit $status
