#!/bin/sh
# SPDX-License-Identifier: MIT
# install.sh - make install into a throw-away DESTDIR, twice, with the
# profile changed in between. Checks that the second install kept the
# administrator's profile, that the files, modes and owners are exactly
# install.files, that the installed capinit accepts the installed profile and
# every installed example, that make uninstall leaves only the profile, and
# that building again with another PROFILE rebuilds.
# Run from make check-packages (MAKE names the make to use).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
# capinit accepts only root-owned profiles: as another user, be root in a
# user namespace (files created there are owned by its root).
if [ "$(id -u)" -ne 0 ]; then
	exec unshare -U -r "$0" "$@"
fi
umask 022
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
NAME=install.sh
# shellcheck source=packaging/tests/common.sh
. "$top/packaging/tests/common.sh"

# "mode owner:group path" of everything under DESTDIR, sorted by path.
listing() {
	(cd "$dest" && find . -mindepth 1 -printf '%M %u:%g %P\n' | LC_ALL=C sort -k3)
}

run_make() {
	if ! ${MAKE:-make} -C "$top" "$@" DESTDIR="$dest" PREFIX=/usr/local \
		SYSCONFDIR=/etc >"$dest.log" 2>&1; then
		cat "$dest.log" >&2
		rm -f "$dest.log"
		echo "install.sh: FAIL: make $*" >&2
		exit 1
	fi
	rm -f "$dest.log"
}

profile=$dest/etc/capinit/profile.ini
capinit=$dest/usr/local/sbin/capinit

run_make install
cmp -s "$profile" "$top/conf/default.ini" ||
	fail "first install: profile.ini is not conf/default.ini"

printf '; edited by the administrator\n' >>"$profile"
cp "$profile" "$dest.want"
run_make install
cmp -s "$profile" "$dest.want" || fail "second install replaced the edited profile.ini"

if ! listing | diff -u "$top/packaging/tests/install.files" - >&2; then
	fail "installed files differ from packaging/tests/install.files"
fi

for f in "$profile" "$dest"/etc/capinit/examples/*.ini; do
	if ! out=$("$capinit" --check -p "$f" 2>&1); then
		echo "$out" >&2
		fail "installed capinit refuses $f"
	fi
	case $out in
	*"profile:      $f (valid)"*) ;;
	*) echo "$out" >&2; fail "--check -p $f: no '(valid)' line" ;;
	esac
done

run_make uninstall
left=$(cd "$dest" && find . -type f -o -type l)
[ "$left" = "./etc/capinit/profile.ini" ] ||
	fail "uninstall left '$left', want only ./etc/capinit/profile.ini"
cmp -s "$profile" "$dest.want" || fail "uninstall changed profile.ini"
rm -f "$dest.want"

# A changed PROFILE rebuilds: the binary's default is the path install
# writes the profile to (a build directory of its own, not the tree's).
default_profile() { # PROFILE
	${MAKE:-make} -C "$top" O="$dest/o" BIN="$dest/o/capinit" PROFILE="$1" \
		capinit >"$dest.log" 2>&1 || { cat "$dest.log" >&2; return 1; }
	"$dest/o/capinit" --help | sed -n 's/.*(default \([^;]*\);.*/\1/p'
}
got=$(default_profile /opt/app/capinit.ini):$(default_profile /etc/capinit/profile.ini)
[ "$got" = /opt/app/capinit.ini:/etc/capinit/profile.ini ] ||
	fail "a changed PROFILE did not rebuild: defaults were '$got'"
rm -rf "$dest/o" "$dest.log"

finish "make install twice and uninstall: profile kept, file list exact, profiles accepted; a changed PROFILE rebuilds"
