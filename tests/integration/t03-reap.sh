#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Reaping: 1,000 orphaned grandchildren leave no zombie; orphans are adopted
# by capinit when it is not PID 1 (subreaper); a main child and a grandchild
# exiting together never hang capinit.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

out=$(ci -- "$PROBE" orphans 1000)
is "$?:$out" "0:orphans=1000 zombies=0" "1,000 orphaned grandchildren reaped, no zombie left"

out=$(ci -- "$PROBE" reparent)
is "$?:$out" "0:adopted-by-parent=yes" "orphans are adopted by capinit"

bad=0
for i in $(seq 50); do
	timeout 5 "${WRAP[@]}" "$CAPINIT" -- "$PROBE" together 7
	r=$?
	[ "$r" = 7 ] || { bad=$((bad + 1)); echo "# run $i: status $r"; }
done
is "$bad" 0 "main child and grandchild exiting together: 50 runs, no hang, status kept"

# Not PID 1 and no subreaper possible is only a warning (not testable
# without a kernel that refuses PR_SET_CHILD_SUBREAPER); a quiet start is:
err=$(ci -- "$PROBE" exit 0 2>&1)
is "$err" "" "nothing on stderr in normal operation (no subreaper warning)"

done_testing
