#!/bin/sh
# SPDX-License-Identifier: MIT
# packaging/static/build.sh - a static libcap-ng for capinit's static binaries.
#
# Usage: packaging/static/build.sh LIBC OUTDIR
#   LIBC    glibc (built with gcc) or musl (built with musl-gcc, musl-tools)
#   OUTDIR  cache directory; `make static` and `make musl` use $(O)/static
# Result:   OUTDIR/libcap-ng-LIBC/lib/libcap-ng.a, OUTDIR/libcap-ng-LIBC/include/cap-ng.h
#
# Why: Debian's libcap-ng.a is one object, cap-ng.o, so linking any of it
# pulls in capng_change_id() and with it getpwuid() and initgroups(): NSS
# in a static glibc binary. Rebuilt here with -ffunction-sections
# -fdata-sections (for the linker's --gc-sections) and with those two names
# renamed (see build_lib), NSS stays out.
#
# The source is Debian's (`apt-get source libcap-ng`, the version installed,
# Debian's patches applied), fetched once into OUTDIR/src. A deb-src entry is
# added to apt (as root) only if apt has none. Each library is rebuilt only
# when missing or built by another version of this script or compiler. The
# capinit binaries themselves: `make static` (glibc) and
# `make musl` from the top of the source tree, which call this script; e.g.
# in a container: `tests/deps.sh static && make musl` -> build/musl/capinit.
set -eu

usage() { echo "usage: $0 glibc|musl OUTDIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
libc=$1
case $libc in
glibc) cc=${STATIC_GLIBC_CC:-gcc} ;;
musl) cc=${STATIC_MUSL_CC:-musl-gcc} ;;
*) usage ;;
esac
mkdir -p "$2"
out=$(cd "$2" && pwd)
dest=$out/libcap-ng-$libc

die() { echo "build.sh: $*" >&2; exit 1; }

# A deb-src twin of every Debian deb822 stanza (same URIs, Suites,
# Components, Signed-By), in a file of its own, then one apt-get update.
add_deb_src() {
	list=/etc/apt/sources.list.d/capinit-deb-src.sources
	[ "$(id -u)" -eq 0 ] || die "apt has no deb-src entry; run as root once, or add one"
	if [ ! -e "$list" ]; then
		src=/etc/apt/sources.list.d/debian.sources
		[ -r "$src" ] || die "no $src to copy a deb-src entry from"
		echo "build.sh: adding $list" >&2
		sed -n -e 's/^Types:.*/Types: deb-src/p' \
			-e '/^\(URIs\|Suites\|Components\|Signed-By\):/p' -e '/^$/p' \
			"$src" >"$list.tmp"
		mv "$list.tmp" "$list"
	fi
	apt-get update -q </dev/null >&2 || die "apt-get update failed"
}

# Debian's source of the libcap-ng that is installed, unpacked once.
fetch_source() {
	srcdir=$(find "$out/src" -maxdepth 1 -type d -name 'libcap-ng-*' 2>/dev/null | head -n1)
	if [ -n "$srcdir" ] && [ -e "$srcdir/.capinit-unpacked" ]; then
		return 0
	fi
	rm -rf "$out/src"
	mkdir -p "$out/src"
	ver=$(dpkg-query -W -f='${source:Version}' libcap-ng-dev 2>/dev/null || true)
	pkg=libcap-ng${ver:+=$ver}
	apt-cache showsrc libcap-ng >/dev/null 2>&1 || add_deb_src
	echo "build.sh: apt-get source $pkg" >&2
	# As root, apt would warn that its _apt user cannot write here.
	sandbox=""
	[ "$(id -u)" -ne 0 ] || sandbox="-o APT::Sandbox::User=root"
	# shellcheck disable=SC2086 # an option and its value, or nothing
	(cd "$out/src" && apt-get source -q $sandbox "$pkg" </dev/null >&2) ||
		die "apt-get source $pkg failed (dpkg-dev installed? tests/deps.sh static)"
	srcdir=$(find "$out/src" -maxdepth 1 -type d -name 'libcap-ng-*' | head -n1)
	[ -n "$srcdir" ] || die "no libcap-ng-* directory after apt-get source"
	touch "$srcdir/.capinit-unpacked"
}

# musl-gcc sees only musl's headers; libcap-ng needs the kernel's
# (linux/capability.h and what it includes). They go last, with -idirafter,
# so that no glibc header can shadow a musl one.
kernel_headers() {
	k=$out/kernel-headers
	mkdir -p "$k"
	arch=$(gcc -print-multiarch)
	ln -sfn /usr/include/linux "$k/linux"
	ln -sfn "/usr/include/$arch/asm" "$k/asm"
	ln -sfn /usr/include/asm-generic "$k/asm-generic"
	echo "-idirafter $k"
}

# libcap-ng's configure, run once with gcc: it is most of the time taken
# here, and its config.h is the same under musl-gcc with the kernel headers
# (checked for 0.8.3: identical, 37 defines).
configure_once() {
	cfg=$srcdir/capinit-config
	[ "$(cat "$cfg/.stamp" 2>/dev/null)" = "$stamp" ] && return 0
	rm -rf "$cfg"
	mkdir -p "$cfg"
	echo "build.sh: configuring libcap-ng (log: $cfg/configure.log)" >&2
	if ! (cd "$cfg" && CC=gcc "$srcdir/configure" --disable-shared \
		--without-python --without-python3) </dev/null >"$cfg/configure.log" 2>&1; then
		tail -n 30 "$cfg/configure.log" >&2
		die "libcap-ng's configure failed (the end of $cfg/configure.log is above)"
	fi
	# Debian's build checks that /proc is procfs; so must this one.
	grep -q '^#define HAVE_LINUX_MAGIC_H 1' "$cfg/config.h" ||
		die "configure found no linux/magic.h"
	echo "$stamp" >"$cfg/.stamp"
}

build_lib() {
	# capinit never calls capng_change_id(), the only user of getpwuid()
	# and initgroups(). --gc-sections drops its code, but too late for glibc:
	# the references have already pulled libc.a's NSS objects in, and their
	# hooks into libc's start-up and free-at-exit tables keep them. Renamed,
	# the references resolve to nothing and NSS is never loaded; should
	# capinit ever call capng_change_id(), the link fails instead.
	cppflags="-Dgetpwuid=capinit_static_no_getpwuid -Dinitgroups=capinit_static_no_initgroups"
	[ "$libc" = musl ] && cppflags="$cppflags $(kernel_headers)"
	# libcap-ng's own flags (src/Makefile.am) but -fPIC; -fPIE: the objects
	# go into a static-pie binary.
	cflags="-D_GNU_SOURCE -W -Wall -Wshadow -Wno-format-truncation -Wundef \
		-Os -fPIE -ffunction-sections -fdata-sections -fstack-protector-strong"
	rm -rf "$dest"
	mkdir -p "$dest/obj" "$dest/lib" "$dest/include"
	echo "build.sh: building libcap-ng.a for $libc with $cc" >&2
	for f in cap-ng lookup_table; do
		# shellcheck disable=SC2086 # word lists
		"$cc" -DHAVE_CONFIG_H -I"$srcdir/capinit-config" -I"$srcdir/src" $cppflags $cflags \
			-c -o "$dest/obj/$f.o" "$srcdir/src/$f.c" ||
			die "compiling libcap-ng's $f.c for $libc failed"
	done
	ar rcs "$dest/lib/libcap-ng.a" "$dest/obj/cap-ng.o" "$dest/obj/lookup_table.o"
	cp "$srcdir/src/cap-ng.h" "$dest/include/"
	echo "$stamp" >"$dest/.stamp"
}

command -v "$cc" >/dev/null || die "$cc not found (tests/deps.sh static installs musl-tools)"
# The cache holds while this script and the compiler stay the same.
stamp="$(cksum <"$0") $("$cc" -dumpfullversion)"
if [ -e "$dest/lib/libcap-ng.a" ] && [ -e "$dest/include/cap-ng.h" ] &&
	[ "$(cat "$dest/.stamp" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi
# make -j2 builds both libraries at once: one fetch of the source.
exec 9>"$out/.fetch.lock"
flock 9
fetch_source
configure_once
flock -u 9
build_lib
echo "build.sh: $dest/lib/libcap-ng.a" >&2
