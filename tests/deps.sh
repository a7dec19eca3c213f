#!/bin/sh
# SPDX-License-Identifier: MIT
# deps.sh [build|check|bench|analyze|static|packages|e2e] - install the Debian packages a target needs,
# only those missing. Runs apt-get as root (or through sudo) with no prompt.
set -eu

build="make gcc pkg-config libcap-ng-dev libinih-dev libcap2-bin"
# One line per suite of make check; check wants them all.
analyze="cppcheck clang-tidy clang-format"
static="musl-tools dpkg-dev tini"
packages="dpkg-dev debhelper lintian rpm fakeroot libcmocka-dev"
e2e="podman debootstrap uidmap catatonit"
check="$build libcmocka-dev util-linux mandoc libcap2-bin runc busybox-static python3 clang libclang-rt-14-dev shellcheck valgrind $analyze $static $packages $e2e"
bench="$build tini dumb-init catatonit hyperfine"

case "${1:-check}" in
build) want=$build ;;
check) want=$check ;;
analyze) want=$analyze ;;
static) want="$build $static" ;;
packages) want="$build $packages" ;;
e2e) want="$build $e2e" ;;
bench) want=$bench ;;
*) echo "usage: $0 [build|check|bench|analyze|static|packages|e2e]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "deps: need root to install:$missing" >&2; exit 1; }
	SUDO="sudo -n"
else
	SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing </dev/null >&2 ||
	{ $SUDO apt-get update -q </dev/null >&2 &&
	  $SUDO apt-get install -y -q --no-install-recommends $missing </dev/null >&2; }
