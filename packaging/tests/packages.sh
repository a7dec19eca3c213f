#!/bin/sh
# SPDX-License-Identifier: MIT
# packages.sh [BUILD_DIR] - inspect the .deb and the RPM that make deb and
# make rpm wrote under BUILD_DIR (default build): the version everywhere is
# the Makefile's, the file lists, modes and owners are exactly deb.files and
# rpm.files, the conffiles are the profile and the examples, lintian reports
# no error, and each package's capinit is hardened, runs, and accepts the
# profile it ships.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/packaging/tests
cd "$top"
out=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NAME=packages.sh
# shellcheck source=packaging/tests/common.sh
. "$top/packaging/tests/common.sh"

version=$(sed -n 's/^VERSION *= *//p' Makefile)
[ -n "$version" ] || { echo "packages.sh: no VERSION in Makefile" >&2; exit 1; }
arch=$(dpkg --print-architecture)
rpm_arch=$(uname -m)
deb=$out/pkg/capinit_$version-1_$arch.deb
changes=$out/pkg/capinit_$version-1_$arch.changes
rpm=$out/rpm/RPMS/$rpm_arch/capinit-$version-1.$rpm_arch.rpm
for f in "$deb" "$changes" "$rpm"; do
	[ -f "$f" ] || { echo "packages.sh: $f missing (make deb rpm)" >&2; exit 1; }
done

conffiles="/etc/capinit/examples/database.ini
/etc/capinit/examples/default.ini
/etc/capinit/examples/docker-default-minus-net-raw.ini
/etc/capinit/examples/web.ini
/etc/capinit/profile.ini"

# The versions the packaging files declare.
is "$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)" "$version-1" \
	"debian/changelog version"
is "$(sed -n 's/^Version: *//p' packaging/rpm/capinit.spec)" "$version" "capinit.spec Version"
is "$(sed -n 's/^Release: *//p' packaging/rpm/capinit.spec)" "1%{?dist}" "capinit.spec Release"
is "$(sed -n 's/^pkgver=//p' packaging/alpine/APKBUILD)" "$version" "APKBUILD pkgver"

# Each package's build ran every unit test (make unit prints "== build/test_X").
units=$(find tests/unit -name 'test_*.c' | wc -l)
for log in "$out/pkg/deb.log" "$out/pkg/rpm.log"; do
	is "$(grep -c '^== build/test_' "$log")" "$units" "unit tests run in $log"
done

# The .deb: version, files, conffiles, lintian.
is "$(dpkg-deb -f "$deb" Version)" "$version-1" ".deb Version"
dpkg-deb -c "$deb" | awk '{ sub(/^\./, "", $6); print $1, $2, $6 }' >"$tmp/deb.files"
diff -u "$here/deb.files" "$tmp/deb.files" >&2 || fail ".deb files differ from deb.files"
is "$(dpkg-deb -I "$deb" conffiles)" "$conffiles" ".deb conffiles"

if ! lintian --fail-on error "$changes" >"$tmp/lintian" 2>&1; then
	fail "lintian reports errors"
fi
grep -v 'running with root privileges' "$tmp/lintian" >&2 || true

# The RPM: version, files (the build-id link's name is the binary's hash,
# the doc directories' names hold the version), config files.
is "$(rpm -qp --qf '%{VERSION}-%{RELEASE}' "$rpm")" "$version-1" "RPM version"
rpm -qp --qf '[%{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILENAMES}\n]' "$rpm" |
	sed 's,^\(l[^ ]* [^ ]* /usr/lib/\.build-id\)/[0-9a-f]*/[0-9a-f]*$,\1/XX/HASH,;
	     s,^\(d[^ ]* [^ ]* /usr/lib/\.build-id\)/[0-9a-f][0-9a-f]$,\1/XX,
	     s,/capinit-'"$version"'\(/\|$\),/capinit-VERSION\1,' >"$tmp/rpm.files"
diff -u "$here/rpm.files" "$tmp/rpm.files" >&2 || fail "RPM files differ from rpm.files"
is "$(rpm -qcp "$rpm")" "$conffiles" "RPM config files"

# check_binary ROOT WHAT: ROOT/usr/sbin/capinit is PIE, full RELRO, has a
# non-executable stack, stack protector and fortified calls, runs, and
# accepts ROOT's profile.
check_binary() {
	bin=$1/usr/sbin/capinit
	readelf -hW "$bin" | grep -q 'Type: *DYN' || fail "$2: not PIE (ELF type)"
	readelf -dW "$bin" >"$tmp/dyn"
	grep -q 'FLAGS_1.*PIE' "$tmp/dyn" || fail "$2: not PIE (no DF_1_PIE)"
	grep -Eq 'BIND_NOW|FLAGS_1.* NOW' "$tmp/dyn" || fail "$2: no BIND_NOW"
	readelf -lW "$bin" >"$tmp/seg"
	grep -q 'GNU_RELRO' "$tmp/seg" || fail "$2: no RELRO segment"
	grep 'GNU_STACK' "$tmp/seg" | grep -q 'RW ' || fail "$2: executable stack"
	readelf -sW --dyn-syms "$bin" >"$tmp/syms"
	grep -q '__stack_chk_fail' "$tmp/syms" || fail "$2: no stack protector"
	grep -Eq ' __[a-z_]+_chk(@|$)' "$tmp/syms" || fail "$2: no fortified calls"
	is "$("$bin" --version)" "capinit $version" "$2: capinit --version"
	"$bin" --check -p "$1/etc/capinit/profile.ini" >/dev/null ||
		fail "$2: capinit refuses its own profile.ini"
}

mkdir "$tmp/deb" "$tmp/rpm"
dpkg -x "$deb" "$tmp/deb"
check_binary "$tmp/deb" ".deb"
rpm2archive - <"$rpm" | tar -xzf - -C "$tmp/rpm"
check_binary "$tmp/rpm" "RPM"

finish ".deb and RPM $version-1: versions, file lists, conffiles, lintian, hardening checked"
