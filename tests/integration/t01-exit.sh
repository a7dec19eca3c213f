#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Exit status: passthrough, 128+N, 126/127 with their message, 125 on usage
# errors, --map-exit; command-line parsing stops at PROGRAM.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

# Every status in plain mode; a sample as PID 1 (each run is a namespace).
if pid1; then codes="0 1 2 3 42 100 124 125 126 127 128 129 143 200 254 255"
else codes=$(seq 0 255); fi
bad=""
for c in $codes; do
	ci -- "$PROBE" exit "$c"
	r=$?
	[ "$r" = "$c" ] || bad="$bad $c->$r"
done
is "$bad" "" "exit status passes through unchanged ($(echo "$codes" | wc -w) codes)"

for s in HUP INT QUIT USR1 USR2 ALRM TERM KILL; do
	ci -- "$PROBE" raise "$s"
	r=$?
	is "$r" "$((128 + $(kill -l "$s")))" "child killed by SIG$s -> 128+N"
done

err=$(ci -- /nonexistent/prog 2>&1)
r=$?
is "$r:$err" "127:capinit: /nonexistent/prog: not found" "missing program: 127 and one message"
err=$(PATH=/usr/bin:/bin ci -- no-such-program-anywhere 2>&1)
r=$?
is "$r:$err" "127:capinit: no-such-program-anywhere: not found" "program not in PATH: 127"
err=$(ci -- /etc 2>&1)
r=$?
is "$r:$err" "126:capinit: /etc: cannot execute: Permission denied" "directory as program: 126"
printf 'not an executable\n' >"$W/noexec"
chmod 644 "$W/noexec"
err=$(ci -- "$W/noexec" 2>&1)
is "$?" 126 "file without exec permission: 126"
err=$(ci -e 127:0 -- /nonexistent/prog 2>&1)
is "$?" 127 "--map-exit does not hide a failed exec"

ci -e 143 -- "$PROBE" raise TERM
is "$?" 0 "-e 143 maps 143 to 0"
ci -e TERM -- "$PROBE" raise TERM
is "$?" 0 "-e TERM maps 128+15 to 0"
ci --map-exit=3:4 --map-exit SIGKILL:9 -- "$PROBE" exit 3
is "$?" 4 "--map-exit 3:4"
ci --map-exit=3:4 --map-exit SIGKILL:9 -- "$PROBE" raise KILL
is "$?" 9 "--map-exit SIGKILL:9"
ci -e 3:4 -- "$PROBE" exit 5
is "$?" 5 "unmapped status unchanged"

out=$(ci "$PROBE" args -v --help -g -- x 2>&1)
is "$out" "$(printf -- '-v\n--help\n-g\n--\nx')" "options after PROGRAM belong to PROGRAM"
out=$(ci -- "$PROBE" args -e 1 2>&1)
is "$out" "$(printf -- '-e\n1')" "'--' ends capinit's options"

# Usage errors: 125, one line on stderr, nothing on stdout.
for args in "" "-x" "--grace" "--grace=abc" "-r TERM" "-r KILL:TERM" \
	"-r TERM:QUIT -r TERM:INT" "-e 256" "-e FOO:1" "--stop-signal=NOPE" \
	"--pdeathsig=0" "--bogus"; do
	# shellcheck disable=SC2086
	out=$("$CAPINIT" $args "$PROBE" exit 0 2>/dev/null)
	r=$?
	# shellcheck disable=SC2086
	n=$("$CAPINIT" $args "$PROBE" exit 0 2>&1 >/dev/null | wc -l)
	[ -z "$args" ] && { out=$("$CAPINIT" 2>/dev/null); r=$?; n=$("$CAPINIT" 2>&1 | wc -l); }
	is "$r:$n:$out" "125:1:" "usage error '$args': exit 125, one line on stderr"
done
is "$("$CAPINIT" -r KILL:TERM true 2>&1)" \
	"capinit: rewrite 'KILL:TERM': SIGKILL never reaches the child and cannot be rewritten" \
	"usage error message is exact"
is "$("$CAPINIT" --version)" "capinit 0.1.0" "--version on stdout"
"$CAPINIT" --help | grep -q '^Usage: capinit \[OPTIONS\] \[--\] PROGRAM \[ARG...\]$'
ok $? "--help on stdout, exit 0"

done_testing
