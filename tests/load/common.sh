# SPDX-License-Identifier: MIT
# shellcheck shell=bash
# Variables set here are used by the test scripts that source this file.
# shellcheck disable=SC2034
# common.sh - the integration suite's lib.sh (modes, ci, ci_bg, CI_PID, TAP)
# plus the load suite's helpers. Every load test needs capinit as PID 1:
# in plain mode it reports one skip and stops.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../integration/lib.sh"

cp "$helpers/loadkit" "$helpers/forkfail.so" "$T/bin/"
LOADKIT=$T/bin/loadkit
FORKFAIL=$T/bin/forkfail.so

# lib.sh's cleanup kills what a test stopped half-way left running.

# An unused uid of the host's, so that RLIMIT_NPROC counts only this test's
# processes (nobody's count would include other users of nobody).
LOAD_UID=45678

if ! pid1; then
	skip "load tests" "capinit is not PID 1 in this mode"
	done_testing
	exit 0
fi

now_ms() { date +%s%3N; }

# The [user] section that makes capinit's uid one whose RLIMIT_NPROC
# applies: LOAD_UID in root mode (root is exempt); in userns mode root of
# the namespace is already an ordinary user of the host, and no other uid
# is mapped.
user_section() { # UID
	[ "$MODE" = root ] || return 0
	printf '[user]\\nuser = %s\\ngroup = %s\\nsupplementary_groups =\\n' "$1" "$1"
}

status_kib() { # PID FIELD: a field of /proc/PID/status, in KiB
	awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"
}
