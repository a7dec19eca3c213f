#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The grace period at scale: 300 processes that ignore SIGTERM are all
# SIGKILLed when it ends (-t 1), whether the stop signal started it or the
# main child's exit did. capinit leaves only once it has reaped every one;
# had any survived SIGKILL it would say so and wait 1 s more.
# shellcheck source=tests/load/common.sh
. "$(dirname "$0")/common.sh"

N=300
KILL_LINE="capinit: grace period over: sending SIGKILL"

# 1. SIGTERM to capinit: the main child and its 300 children ignore it.
ci_bg -t 1 -- "$LOADKIT" ignore-term "$N" >"$W/out1" 2>"$W/err1"
wait_for_file_line "$W/out1" ready 3000
main=$(child_of "$CI_PID")
is "$(wc -w <"/proc/$CI_PID/task/$CI_PID/children"):$(wc -w <"/proc/$main/task/$main/children")" \
	"1:$N" "the main child and its $N children run"
t0=$(now_ms)
kill -TERM "$CI_PID"
ci_wait
r=$?
dt=$(( $(now_ms) - t0 ))
is "$r:$(cat "$W/err1")" "137:$KILL_LINE" \
	"SIGTERM, $N+1 processes ignore it: all SIGKILLed after the grace period, status 137"
ok "$(( dt >= 950 && dt < 5000 ? 0 : 1 ))" "... after about 1 s (took ${dt} ms; 1,000 expected)"

# 2. The main child exits 7 once its 300 children run; they ignore the
#    SIGTERM that follows, and are SIGKILLed 1 s later.
t0=$(now_ms)
ci -t 1 -- "$LOADKIT" ignore-term "$N" 7 >"$W/out2" 2>"$W/err2"
r=$?
dt=$(( $(now_ms) - t0 ))
is "$r:$(cat "$W/out2"):$(cat "$W/err2")" "7:ready:$KILL_LINE" \
	"main child exits 7: its $N orphans SIGKILLed after the grace period, status 7"
ok "$(( dt >= 950 && dt < 8000 ? 0 : 1 ))" "... after about 1 s (took ${dt} ms including the start)"

done_testing
