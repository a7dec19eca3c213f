#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - run every integration test in every mode it supports.
# root mode needs root; userns mode needs unprivileged user namespaces.
set -u
cd "$(dirname "$0")" || exit 1

modes=(plain)
if [ "$(id -u)" = 0 ]; then
	modes+=(root)
fi
as_user=()
[ "$(id -u)" = 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
if "${as_user[@]}" unshare --user --map-root-user --pid --fork true 2>/dev/null; then
	modes+=(userns)
else
	echo "# SKIP userns mode: unprivileged user namespaces are not available"
fi

failed=()
# TESTS="t01-exit.sh t03-reap.sh" runs only those (make check-static).
for t in ${TESTS:-t[0-9]*.sh}; do
	for m in "${modes[@]}"; do
		echo "# $t ($m)"
		if ! MODE=$m timeout 300 bash "$t"; then
			failed+=("$t:$m")
		fi
	done
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all integration tests passed (${modes[*]})"
