#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Graceful shutdown (-t/--grace): when the main child exits or the stop
# signal arrives, every other process gets SIGTERM; capinit waits up to the
# grace period, then SIGKILLs what is left, and exits with the main child's
# status. Without it, capinit leaves as soon as the main child is gone.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

now_ms() { date +%s%3N; }

# SIGTERM to capinit, then wait for it: R is its status, DT the ms it took.
term_and_time() {
	local t0
	t0=$(now_ms)
	kill -TERM "$CI_PID"
	ci_wait
	R=$?
	DT=$(( $(now_ms) - t0 ))
}

# 1. A child that ignores SIGTERM is killed after the grace period.
ci_bg -t 1 -- "$PROBE" ignore-term 30 2>"$W/err1"
child=$(child_of "$CI_PID")
sleep 0.2
term_and_time
is "$R" 137 "child ignoring SIGTERM: SIGKILLed after the grace period (128+9)"
ok "$(( DT >= 900 && DT < 3000 ? 0 : 1 ))" "... after about 1 s (took ${DT} ms)"
is "$(proc_state "$child"):$(grep -c 'survived SIGKILL' "$W/err1")" ":0" \
	"... by a SIGKILL that really went out: the child is gone"

# 2. Without a grace period, nothing is killed: capinit keeps forwarding.
ci_bg -- "$PROBE" ignore-term 30
sleep 0.2
kill -TERM "$CI_PID"
sleep 1.2
is "$(proc_state "$CI_PID")" S "no grace period: capinit and the child keep running"
kill -USR1 "$CI_PID"
ci_wait
is "$?" 138 "... until a signal the child does not ignore"

# 3. Main child exits first: the others get SIGTERM and capinit waits for them.
rm -f "$W/slow"
ci -t 5 -- sh -c "'$PROBE' term-slow '$W/slow' 400 & sleep 0.3; exit 7"
r=$?
is "$r:$(cat "$W/slow" 2>/dev/null)" "7:done" \
	"main child exits 7: a grandchild gets SIGTERM, finishes its 400 ms, capinit exits 7"

# ... and without -t, as PID 1 the grandchild dies with the namespace at once.
if pid1; then
	rm -f "$W/slow"
	ci -- sh -c "'$PROBE' term-slow '$W/slow' 400 & sleep 0.3; exit 7"
	r=$?
	sleep 0.6
	is "$r:$(cat "$W/slow" 2>/dev/null)" "7:" "no grace: capinit exits at once, nothing waited for"
else
	skip "no grace as PID 1" "the orphan would outlive capinit in plain mode"
fi

# 4. The stop signal: the main child gets the (rewritten) signal, every
#    other process SIGTERM; capinit exits when all are gone.
rm -f "$W/a" "$W/b"
ci_bg -t 5 -r TERM:USR1 -- sh -c \
	"'$PROBE' term-slow '$W/a' 300 & exec '$PROBE' signals '$W/b' 1 10"
wait_for_file_line "$W/b" ready
sleep 0.2
kill -TERM "$CI_PID"
ci_wait
r=$?
is "$r:$(grep -v ready "$W/b"):$(cat "$W/a")" "0:10:done" \
	"stop signal: main child gets TERM rewritten to USR1, the other SIGTERM, both waited for"

# 5. --stop-signal chooses which signal starts the shutdown. (Not INT: a
#    background job of a script inherits SIGINT ignored, and so the child.)
ci_bg -t 0.5 --stop-signal=USR1 -- "$PROBE" ignore-term 30
sleep 0.2
kill -TERM "$CI_PID"
sleep 0.8
is "$(proc_state "$CI_PID")" S "--stop-signal=USR1: SIGTERM alone starts no shutdown"
kill -USR1 "$CI_PID"
ci_wait
is "$?" 138 "... SIGUSR1 does (the child dies of it: 138)"

# 6. With -g, SIGKILL at the end of the grace period reaches the whole group.
ci_bg -g -t 1 -- sh -c "'$PROBE' ignore-term 30 & exec '$PROBE' ignore-term 30"
sleep 0.3
term_and_time
is "$R" 137 "-g -t 1: the group ignores SIGTERM, all SIGKILLed"
ok "$(( DT < 3000 ? 0 : 1 ))" "... without waiting longer than the grace period (${DT} ms)"

done_testing
