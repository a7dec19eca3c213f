#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hygiene of the supervisor: chdir("/"), inherited fds >= 3 closed in capinit
# but kept by the child, capinit's own fds close-on-exec, and an idle capinit
# makes zero context switches.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$W" || exit 1
out=$(ci -- "$PROBE" parent-info 5</dev/null 7>/dev/null)
is "$out" "cwd=/
fds=0:file 1:file 2:file 3:[signalfd] " "capinit: cwd is /, only stdio and its signalfd open"

# The child's fds, as "N:target". (unshare itself may or may not leave an
# fd of its own open, so only the test's own fds are compared.)
ci -- sh -c "pwd; exec '$PROBE' fds" 5</dev/null 7>/dev/null >"$W/fds"
out=$(cat "$W/fds")
is "$(echo "$out" | head -1)" "$W" "the child keeps the caller's working directory"
is "$(echo "$out" | grep -E '^(5|7):' | tr '\n' ' ')" "5:/dev/null 7:/dev/null " \
	"the child keeps the fds it inherited"
# Any pipe the child holds must be one this shell holds too (inherited).
ours=$(for f in "/proc/$BASHPID"/fd/*; do readlink "$f"; done | grep '^pipe:' | sort -u)
theirs=$(echo "$out" | cut -d: -f2- | grep '^pipe:' | sort -u)
is "$(echo "$out" | grep -c signalfd):$(comm -13 <(echo "$ours") <(echo "$theirs") | grep -c .)" "0:0" \
	"the child gets no fd of capinit's (no signalfd, no new pipe)"

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
