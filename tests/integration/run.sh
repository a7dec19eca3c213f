#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - run every test of a suite in every mode it supports; by default
# the integration suite. root mode needs root; userns mode needs
# unprivileged user namespaces; plain mode (capinit not PID 1) always runs.
#   TESTS="t01-exit.sh t03-reap.sh"  only those (make check-static)
#   SUITE_DIR, SUITE, TESTS, NO_PLAIN=1, TEST_TIMEOUT  another suite
#                                    (tests/load/run.sh)
set -u
cd "${SUITE_DIR:-$(dirname "$0")}" || exit 1
suite=${SUITE:-integration}

modes=()
[ -n "${NO_PLAIN:-}" ] || modes+=(plain)
[ "$(id -u)" = 0 ] && modes+=(root)
as_user=()
[ "$(id -u)" = 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
if "${as_user[@]}" unshare --user --map-root-user --pid --fork true 2>/dev/null; then
	modes+=(userns)
else
	echo "# SKIP userns mode: unprivileged user namespaces are not available"
fi
if [ ${#modes[@]} -eq 0 ]; then
	echo "1..0 # SKIP capinit cannot be PID 1 here (no root, no user namespaces)"
	exit 0
fi

start=$(date +%s)
failed=()
for t in ${TESTS:-t[0-9]*.sh}; do
	for m in "${modes[@]}"; do
		echo "# $t ($m)"
		if ! MODE=$m timeout "${TEST_TIMEOUT:-300}" bash "$t"; then
			failed+=("$t:$m")
		fi
	done
done
echo "# $suite suite: $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all $suite tests passed (${modes[*]})"
