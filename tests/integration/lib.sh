# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Variables set here are used by the test scripts that source this file.
# shellcheck disable=SC2034
# lib.sh - TAP helpers and the ways of running capinit that every
# integration test repeats itself in (MODE):
#   root    capinit is PID 1 of a fresh PID namespace (unshare -pf), as root
#   userns  PID 1 of fresh user+PID namespaces (unshare -U -r -pf), started
#           by an unprivileged user (nobody when the suite runs as root)
#   plain   not PID 1: capinit registers itself as a child subreaper
set -u

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MODE=${MODE:-root}
# shellcheck source=tests/tap.sh
. "$TOP/tests/tap.sh"
TAP_PREFIX="[$MODE] "

# A private copy of the binaries, readable by the unprivileged user, and a
# world-writable work directory for the probes' output files.
T=$(mktemp -d /tmp/capinit-test.XXXXXX)
chmod 755 "$T"
mkdir -p "$T/bin" "$T/w"
chmod 1777 "$T/w"
# For an ASan build (make check-asan): no leak report from a PID 1 killed
# with its namespace, and let the tests LD_PRELOAD their helper into it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:verify_asan_link_order=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# CAPINIT_BIN and HELPER_DIR (relative to the top) select another build,
# e.g. the ASan one of make check-asan.
bin=$TOP/${CAPINIT_BIN:-capinit}
helpers=$TOP/${HELPER_DIR:-build}
cp "$bin" "$T/bin/capinit"
cp "$helpers/probe" "$helpers/ptyrun" "$helpers/early.so" "$T/bin/"
CAPINIT=$T/bin/capinit
PROBE=$T/bin/probe
PTYRUN=$T/bin/ptyrun
EARLY=$T/bin/early.so
W=$T/w
# On any way out, a timeout's SIGTERM included, nothing a background capinit
# started outlives the test: SIGKILL to each job's children and their
# process groups (PROGRAM leads its own, in plain mode) and to the job; a
# PID 1 killed takes its whole namespace with it.
cleanup() {
	local j k kids=()
	for j in $(jobs -p); do
		read -ra kids 2>/dev/null <"/proc/$j/task/$j/children"
		for k in "${kids[@]}"; do
			kill -KILL -- "-$k" "$k" 2>/dev/null
		done
		kill -KILL "$j" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

case $MODE in
root) WRAP=(unshare --pid --fork --mount-proc) ;;
userns)
	if [ "$(id -u)" = 0 ]; then
		WRAP=(setpriv --reuid=65534 --regid=65534 --clear-groups --
		      unshare --user --map-root-user --pid --fork --mount-proc)
	else
		WRAP=(unshare --user --map-root-user --pid --fork --mount-proc)
	fi ;;
plain) WRAP=() ;;
*) echo "Bail out! unknown MODE $MODE"; exit 1 ;;
esac

pid1() { [ "$MODE" != plain ]; }

# Run capinit in the foreground; its exit status becomes $?.
ci() { "${WRAP[@]}" "$CAPINIT" "$@"; }

# Start capinit in the background; CI_PID is capinit's pid as seen from here
# (the child of unshare in the namespace modes).
ci_bg() {
	"${WRAP[@]}" "$CAPINIT" "$@" &
	BG=$!
	CI_PID=$BG
	if pid1; then
		local i kids
		for _ in $(seq 500); do
			kids=$(cat "/proc/$BG/task/$BG/children" 2>/dev/null)
			[ -n "$kids" ] && break
			sleep 0.01
		done
		CI_PID=${kids%% *}
	fi
}

# Wait for the background capinit; its status becomes $?.
ci_wait() { wait "$BG"; }

# The first child of a process (e.g. PROGRAM under capinit).
child_of() {
	local i kids
	for _ in $(seq 500); do
		kids=$(cat "/proc/$1/task/$1/children" 2>/dev/null)
		[ -n "$kids" ] && { echo "${kids%% *}"; return 0; }
		sleep 0.01
	done
	return 1
}

wait_for_file_line() { # FILE LINE [TRIES]
	local i
	for _ in $(seq "${3:-500}"); do
		grep -qx "$2" "$1" 2>/dev/null && return 0
		sleep 0.01
	done
	return 1
}

proc_state() { awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

# A process reaches a state within ~5 s (or never).
wait_state() { # PID STATE
	local i
	for _ in $(seq 500); do
		[ "$(proc_state "$1")" = "$2" ] && return 0
		sleep 0.01
	done
	return 1
}

# Run the rest of the script only in root mode (for tests that need real
# root and run once); otherwise report one skip and stop.
only_in_root_mode() { # WHAT
	[ "$MODE" = root ] && return 0
	skip "$1" "runs once, in root mode"
	done_testing
	exit 0
}

# Profiles live in $P, a 0755 directory owned by "root", as the permission
# check wants. In userns mode "root" is the unprivileged user that made the
# namespace (nobody): files must belong to it to be root-owned inside.
P=$T/profiles
mkdir -p "$P"
chmod 755 "$P"
P_OWNER=0
[ "$MODE" = userns ] && P_OWNER=65534
chown "$P_OWNER:$P_OWNER" "$P"

profile() { # NAME CONTENT: write $P/NAME.ini (printf %b escapes)
	printf '%b' "$2" >"$P/$1.ini"
	chmod 644 "$P/$1.ini"
	chown "$P_OWNER:$P_OWNER" "$P/$1.ini"
}
