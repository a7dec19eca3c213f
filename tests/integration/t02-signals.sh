#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Signal forwarding: every catchable signal but SIGCHLD, real-time ones
# included; `kill 1` from inside; process-group mode; rewriting; signals
# that arrive before the child exists.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

# 1..64 without KILL, STOP (uncatchable), CHLD (capinit's own) and 32, 33
# (reserved by the C library). The musl build forwards 34 as well, though
# musl reserves it, and names it RTMIN like glibc, kill -l and Docker.
rtmin=34 # RTMIN+N counts from here in every build
sigs=()
for s in $(seq 1 64); do
	case $s in 9 | 17 | 19 | 32 | 33) ;; *) sigs+=("$s") ;; esac
done

out=$W/all
ci_bg -- "$PROBE" signals "$out" "${#sigs[@]}" 20
wait_for_file_line "$out" ready
for s in "${sigs[@]}"; do
	kill -s "$s" "$CI_PID"
	# One at a time: equal standard signals would merge while pending.
	for _ in $(seq 200); do
		grep -qx "$s" "$out" && break
		sleep 0.005
	done
done
ci_wait
r=$?
got=$(grep -v ready "$out" | sort -n | tr '\n' ' ')
is "$r:$got" "0:${sigs[*]} " "all ${#sigs[@]} catchable signals forwarded, RT included"
is "$(proc_state "$CI_PID")" "" "capinit exited after the child"

# Queued real-time signals are each forwarded: five of RTMIN+3 give five.
out=$W/rt
ci_bg -- "$PROBE" signals "$out" 5 10
wait_for_file_line "$out" ready
rt=$(( $(kill -l RTMIN) + 3 ))
for _ in 1 2 3 4 5; do kill -s "$rt" "$CI_PID"; done
ci_wait
is "$?:$(grep -c "^$rt\$" "$out")" "0:5" "five queued SIGRTMIN+3 reach the child five times"

if pid1; then
	out=$W/kill1
	ci -- "$PROBE" signals "$out" 3 10 kill1 USR1 USR2 HUP
	r=$?
	is "$r:$(grep -v ready "$out" | sort -n | tr '\n' ' ')" "0:1 10 12 " \
		"signals sent to PID 1 from inside the namespace are forwarded"
else
	skip "kill 1 from inside" "capinit is not PID 1 in this mode"
fi

# Group mode reaches the whole process group; default mode only the child.
for g in "" -g; do
	rm -f "$W/a" "$W/b"
	# shellcheck disable=SC2086
	ci_bg $g -- sh -c "'$PROBE' signals '$W/a' 1 2 & exec '$PROBE' signals '$W/b' 1 2"
	wait_for_file_line "$W/a" ready
	wait_for_file_line "$W/b" ready
	kill -USR1 "$CI_PID"
	ci_wait
	r=$?
	a=$(grep -c '^10$' "$W/a")
	if [ -n "$g" ]; then
		is "$r:$a" "0:1" "-g: SIGUSR1 reaches the child and its group"
	else
		is "$r:$a" "0:0" "default: SIGUSR1 reaches only the child"
	fi
	wait
done

# Rewriting.
out=$W/rw
ci_bg -r USR1:USR2 --rewrite=SIGHUP:RTMIN+2 -- "$PROBE" signals "$out" 2 10
wait_for_file_line "$out" ready
kill -USR1 "$CI_PID"
wait_for_file_line "$out" 12
kill -HUP "$CI_PID"
ci_wait
is "$?:$(grep -v ready "$out" | tr '\n' ' ')" "0:12 $((rtmin + 2)) " \
	"-r USR1:USR2 and -r SIGHUP:RTMIN+2 rewrite before forwarding"
out=$W/drop
ci_bg -r USR1:none -- "$PROBE" signals "$out" 1 1.5
wait_for_file_line "$out" ready
kill -USR1 "$CI_PID"
ci_wait
is "$?:$(grep -vc ready "$out")" "3:0" "-r USR1:none drops the signal"

# A signal pending before capinit even starts is forwarded once the child runs.
out=$W/early
"${WRAP[@]}" "$PROBE" mask 200 0 -- sh -c \
	"kill -USR1 \$\$; exec '$CAPINIT' -- '$PROBE' signals '$out' 1 5"
is "$?:$(grep -v ready "$out")" "0:10" "a signal that arrived before the fork is forwarded"

# A signal that arrives while capinit is still parsing its command line
# (PROGRAM does not exist yet) is queued, then forwarded: capinit blocks
# signals before anything else. early.so sends SIGUSR1 from inside
# getopt_long; -r USR1:WINCH keeps PROGRAM alive whenever it gets it.
# A static capinit (make static, make musl) loads no LD_PRELOAD.
if readelf -l "$CAPINIT" | grep -q 'program interpreter'; then
	err=$("${WRAP[@]}" env LD_PRELOAD="$EARLY" EARLY_SIGNAL="$(kill -l USR1)" \
		"$CAPINIT" -v -r USR1:WINCH -- "$PROBE" sleep 1 2>&1 >/dev/null)
	r=$?
	echo "$err" | grep -q '^capinit: forwarding SIGUSR1 as SIGWINCH to '
	is "$r:$?" "0:0" "a signal that arrives during option parsing is forwarded"
else
	skip "a signal during option parsing" "static capinit: no LD_PRELOAD"
fi

# SIGCHLD is capinit's own: sent to capinit, it is not forwarded.
out=$W/chld
ci_bg -- "$PROBE" no-sigchld "$out" 1
wait_for_file_line "$out" ready
kill -CHLD "$CI_PID"
ci_wait
is "$?:$(grep -vc ready "$out")" "0:0" "SIGCHLD sent to capinit is not forwarded"

done_testing
