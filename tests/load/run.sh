#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - the load and fault suite (make check-load): every test in every
# mode where capinit can be PID 1 (root needs root; userns needs
# unprivileged user namespaces). TAP from each test, a summary at the end.
set -u
cd "$(dirname "$0")" || exit 1

modes=()
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
for t in l[0-9]*.sh; do
	for m in "${modes[@]}"; do
		echo "# $t ($m)"
		if ! MODE=$m timeout 150 bash "$t"; then
			failed+=("$t:$m")
		fi
	done
done
echo "# load suite: $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
echo "all load tests passed (${modes[*]})"
