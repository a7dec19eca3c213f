#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - the bad-input profile corpus, end to end. For each case NAME:
#   capinit -p NAME.ini -- touch MARKER
#   capinit --check -p NAME.ini
# must both exit 125 within a second, print exactly NAME.err on stderr
# (nothing on stdout), and never run the program (MARKER absent).
#
# A case is NAME.err plus NAME.ini (the profile as committed), NAME.gen (a
# recipe for the profile, or for a file that git cannot hold), or both:
#   text STRING          append STRING (printf %b escapes; \x20 for a
#                        space at its end)
#   repeat N STRING      append STRING N times, @N@ replaced by 0..N-1
#   fill N CHAR          append N copies of CHAR
#   mode MODE            chmod the profile
#   owner UID            chown the profile (root only)
#   dirmode MODE         the profile is d/NAME.ini, d having MODE
#   dirowner UID         the same, d owned by UID (root only)
#   fifo | socket | device | directory | missing   no regular file but
#                        that (device: root only)
#   symlink              NAME.ini links to a valid profile
#   args WORD...         options before -p (both runs)
# NAME.err may say @LAST_CAP@ for /proc/sys/kernel/cap_last_cap. BLESS=1
# rewrites every NAME.err from what capinit prints (review the diff).
# Each case runs in a directory of its own, named by a relative path, so
# messages do not depend on where the suite runs. Not root: everything runs
# in a user namespace where the caller is root (unshare -U -r), and the
# cases that need real root (chown, mknod) are skipped.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
CAPINIT=${CAPINIT_BIN:-capinit}
[ "${CAPINIT#/}" != "$CAPINIT" ] || CAPINIT=$TOP/$CAPINIT
LIMIT_MS=${LIMIT_MS:-1000}
LAST_CAP=$(cat /proc/sys/kernel/cap_last_cap)

umask 022
T=$(mktemp -d /tmp/capinit-bad.XXXXXX)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
# A private copy: a rebuild of the tree's binary must not change it mid-run.
cp "$CAPINIT" "$T/capinit" || exit 1
CAPINIT=$T/capinit

WRAP=()
ROOT=yes
if [ "$(id -u)" != 0 ]; then
	WRAP=(unshare --user --map-root-user)
	ROOT=
	if ! "${WRAP[@]}" true 2>/dev/null; then
		echo "1..0 # SKIP not root, and no unprivileged user namespaces"
		exit 0
	fi
fi

# shellcheck source=tests/tap.sh
. "$TOP/tests/tap.sh"
slowest_ms=0
slowest=
summary=()

# The profile and its surroundings, from NAME.ini and NAME.gen, in $dir.
# Sets path (relative to $dir) and args; returns 1 to skip (reason in
# $why), 2 for a broken recipe.
build_case() { # NAME
	local name=$1 gen=$HERE/$1.gen kind rest n s line sub=
	local -a post=()
	path=$name.ini
	args=()
	why=
	if [ ! -f "$gen" ]; then
		cp "$HERE/$name.ini" "$dir/$path" && return 0
		why="neither $name.ini nor $name.gen"
		return 2
	fi
	if [ -f "$HERE/$name.ini" ]; then
		cp "$HERE/$name.ini" "$dir/content"
	else
		: >"$dir/content"
	fi
	while read -r kind rest; do
		case $kind in
		'' | '#'*) ;;
		text) printf '%b' "$rest" >>"$dir/content" ;;
		repeat)
			read -r n s <<<"$rest"
			# index/substr: mawk's gsub takes seconds for this
			awk -v n="$n" -v s="$s" 'BEGIN {
				k = index(s, "@N@")
				for (i = 0; i < n; i++)
					if (k) printf "%s%d%s", substr(s, 1, k - 1), i, substr(s, k + 3)
					else printf "%s", s
			}' >>"$dir/content" ;;
		fill)
			read -r n s <<<"$rest"
			head -c "$n" /dev/zero | tr '\0' "$s" >>"$dir/content" ;;
		args) read -r -a args <<<"$rest" ;;
		owner | dirowner | device)
			[ -n "$ROOT" ] || { why="needs root ($kind)"; return 1; }
			post+=("$kind $rest") ;;
		dirmode | mode | fifo | socket | directory | missing | symlink)
			post+=("$kind $rest") ;;
		*) why="unknown recipe line '$kind' in $name.gen"; return 2 ;;
		esac
	done <"$gen"
	for line in "${post[@]}"; do
		case $line in dirmode* | dirowner*) sub=d ;; esac
	done
	if [ -n "$sub" ]; then
		mkdir "$dir/$sub"
		path=$sub/$name.ini
	fi
	mv "$dir/content" "$dir/$path"
	for line in "${post[@]}"; do
		read -r kind rest <<<"$line"
		case $kind in
		mode) chmod "$rest" "$dir/$path" ;;
		owner) chown "$rest" "$dir/$path" ;;
		dirmode) chmod "$rest" "$dir/$sub" ;;
		dirowner) chown "$rest" "$dir/$sub" ;;
		fifo) rm "$dir/$path" && mkfifo "$dir/$path" ;;
		device) rm "$dir/$path" && mknod "$dir/$path" c 1 3 ;;
		socket)
			rm "$dir/$path" && python3 -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$dir/$path" ;;
		directory) rm "$dir/$path" && mkdir "$dir/$path" ;;
		missing) rm "$dir/$path" ;;
		symlink)
			printf '[capabilities]\ndrop = ALL\n' >"$dir/target.ini"
			rm "$dir/$path" && ln -s target.ini "$dir/$path" ;;
		esac
	done
	return 0
}

# Run capinit in $dir; sets rc, ms, and the files $dir/out and $dir/err.
# Few forks per case: the suite runs some 180 of these.
run_capinit() { # LABEL ARGS...
	local t0=${EPOCHREALTIME/./} t1 label=$1
	shift
	cd "$dir" || return 1
	timeout 10 "${WRAP[@]}" "$CAPINIT" "$@" </dev/null >out 2>err
	rc=$?
	t1=${EPOCHREALTIME/./}
	cd / || return 1
	ms=$(((t1 - t0) / 1000))
	if [ "$ms" -gt "$slowest_ms" ]; then
		slowest_ms=$ms
		slowest="$name ($label)"
	fi
}

slurp() { # VAR FILE: the file's text (no NUL bytes expected) into VAR
	IFS= read -r -d '' "$1" <"$2"
}

# The checks of one run; $1 names it.
judge() { # WHAT
	local what=$1 got problems=()
	slurp got "$dir/err"
	[ "$rc" -eq 125 ] || problems+=("exit status $rc, want 125")
	[ "$got" = "$want" ] ||
		problems+=("stderr differs (want, got):" "$(printf '%s' "$want" | diff - "$dir/err" | cat -v | head -20)")
	[ ! -s "$dir/out" ] || problems+=("stdout not empty: $(head -c 200 "$dir/out" | cat -v)")
	[ ! -e "$marker" ] || problems+=("PROGRAM ran")
	[ "$ms" -lt "$LIMIT_MS" ] || problems+=("took $ms ms (limit $LIMIT_MS)")
	ok "${#problems[@]}" "$name: $what: 125, exact stderr, not started, $ms ms" "${problems[@]}"
	[ "${#problems[@]}" -eq 0 ]
}

echo "# capinit: $CAPINIT; cap_last_cap $LAST_CAP; root: ${ROOT:-no (user namespace)}"
for errfile in "$HERE"/*.err; do
	name=${errfile##*/}
	name=${name%.err}
	dir=$T/$name
	marker=$T/ran-$name
	mkdir "$dir"
	build_case "$name"
	built=$?
	if [ "$built" -ne 0 ]; then
		if [ "$built" -eq 1 ]; then
			skip "$name" "$why"
			printf -v line '%-28s SKIP (%s)' "$name" "$why"
			summary+=("$line")
		else
			ok 1 "$name: recipe" "$why"
			summary+=("$name FAIL (recipe)")
		fi
		continue
	fi
	slurp want "$errfile"
	want=${want//@LAST_CAP@/$LAST_CAP}

	run_capinit run "${args[@]}" -p "$path" -- touch "$marker"
	# BLESS=1: take what capinit says as the new golden (review the diff).
	if [ -n "${BLESS:-}" ]; then
		slurp want "$dir/err"
		printf '%s' "${want//capability: $LAST_CAP)/capability: @LAST_CAP@)}" >"$errfile"
	fi
	run_ms=$ms
	judge run
	ok_run=$?
	[ ! -e "$marker" ] || rm -f "$marker"
	run_capinit --check --check "${args[@]}" -p "$path"
	judge check
	ok_check=$?
	verdict=pass
	[ $ok_run -eq 0 ] && [ $ok_check -eq 0 ] || verdict=FAIL
	printf -v line '%-28s %-4s run %4d ms, --check %4d ms' "$name" "$verdict" "$run_ms" "$ms"
	summary+=("$line")
done

echo "# case                         result"
printf '#   %s\n' "${summary[@]}"
echo "# slowest: $slowest, $slowest_ms ms"
done_testing
