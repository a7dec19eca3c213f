#!/bin/bash
# SPDX-License-Identifier: MIT
# apkbuild.sh - abuild is not available here, so check packaging/alpine/APKBUILD
# as far as a shell can: it parses, its version is the Makefile's, it names
# the build dependencies, and build(), check() and package() run the right
# make commands (make is a stub that records its arguments).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
apkbuild=$top/packaging/alpine/APKBUILD
NAME=apkbuild.sh
# shellcheck source=packaging/tests/common.sh
. "$top/packaging/tests/common.sh"

sh -n "$apkbuild" || fail "sh -n: syntax error"
version=$(sed -n 's/^VERSION *= *//p' "$top/Makefile")

# In a subshell: the APKBUILD's variables and functions stay there. The
# subshell prints one line per check, "name value".
got=$(
	srcdir=/abuild/src pkgdir=/abuild/pkg
	# shellcheck source=packaging/alpine/APKBUILD
	. "$apkbuild"
	# shellcheck disable=SC2317 # called by the APKBUILD functions
	make() { echo "make $*"; }
	echo "pkgname $pkgname"
	echo "pkgver $pkgver"
	echo "pkgrel $pkgrel"
	echo "license $license"
	echo "builddir $builddir"
	echo "source $source"
	for dep in $makedepends; do echo "makedepends $dep"; done
	for f in build check package; do
		[ "$(type -t "$f")" = function ] || { echo "missing $f()"; continue; }
		echo "$f: $("$f")"
	done
)
want="pkgname capinit
pkgver $version
pkgrel 0
license MIT
builddir /abuild/src/capinit-$version
source capinit-$version.tar.gz
makedepends libcap-ng-dev
makedepends inih-dev
makedepends cmocka-dev
makedepends linux-headers
makedepends pkgconf
build: make capinit PREFIX=/usr
check: make unit PREFIX=/usr
package: make install DESTDIR=/abuild/pkg PREFIX=/usr"
if [ "$got" != "$want" ]; then
	diff -u <(echo "$want") <(echo "$got") >&2 || true
	fail "APKBUILD differs from what is expected"
fi

finish "APKBUILD $version: parses, dependencies, build/check/package commands"
