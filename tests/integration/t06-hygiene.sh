#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hygiene of the supervisor: chdir("/"), inherited fds >= 3 closed in capinit
# but kept by the child, capinit's own fds close-on-exec, and an idle capinit
# makes zero context switches.
. "$(dirname "$0")/lib.sh"

cd "$W" || exit 1
out=$(ci -- "$PROBE" parent-info 5</dev/null 7>/dev/null)
is "$out" "cwd=/
fds=0:file 1:file 2:file 3:[signalfd] " "capinit: cwd is /, only stdio and its signalfd open"

list='pwd; ls /proc/$$/fd | sort -n | tr "\n" " "'
ref=$("${WRAP[@]}" sh -c "$list" 5</dev/null 7>/dev/null)
out=$(ci -- sh -c "$list" 5</dev/null 7>/dev/null)
is "$out" "$ref" "the child keeps the caller's cwd and inherited fds, and no fd of capinit's"

# Idle: no wake-ups at all, measured over 3 seconds.
ci_bg -- "$PROBE" sleep 6
sleep 1
ctx() { awk '/ctxt_switches/ {n += $2} END {print n}' "/proc/$CI_PID/status"; }
before=$(ctx)
sleep 3
after=$(ctx)
is "$((after - before))" 0 "idle capinit: 0 context switches in 3 s ($before -> $after)"
kill -TERM "$CI_PID"
ci_wait
is "$?" 143 "SIGTERM after the idle period: forwarded, 128+15"

done_testing
