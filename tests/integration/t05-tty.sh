#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Terminal and job control: with a terminal, the child is the foreground
# process group (so Ctrl-C reaches it, as under `docker run -it`); a
# capinit started in the background does not steal the terminal; SIGTSTP,
# SIGTTIN, SIGTTOU are forwarded and never stop capinit; SIGCONT resumes.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

# ptyrun starts capinit as runc does: leading a session on a new terminal,
# as PID 1 of a new PID namespace in the namespace modes.
case $MODE in
root) PTY=("$PTYRUN" -P) ;;
userns)
	if [ "$(id -u)" = 0 ]; then
		PTY=(setpriv --reuid=65534 --regid=65534 --clear-groups -- "$PTYRUN" -U -P)
	else
		PTY=("$PTYRUN" -U -P)
	fi ;;
plain) PTY=("$PTYRUN") ;;
esac

"${PTY[@]}" -- "$CAPINIT" -- "$PROBE" tty >"$W/o"
is "$?:$(tr -d '\r' <"$W/o")" "0:tty-foreground=yes" "the child is the terminal's foreground group"

"${PTY[@]}" -w ready -i '\003' -- "$CAPINIT" -- sh -c \
	"echo ready; exec '$PROBE' sleep 10" >"$W/o"
is "$?:$(tr -d '\r' <"$W/o")" "130:ready
^C" "Ctrl-C on the terminal kills the child (SIGINT), capinit exits 130"

"${PTY[@]}" -w ready -i '\032' -t 2 -- "$CAPINIT" -- sh -c \
	"echo ready; exec '$PROBE' sleep 4" >"$W/o" 2>&1
is "$?" 124 "Ctrl-Z stops the child (capinit keeps waiting: ptyrun times out)"

"$PTYRUN" -- sh -c "set -m; '$CAPINIT' -- '$PROBE' tty & wait" >"$W/o"
is "$?:$(tr -d '\r' <"$W/o")" "0:tty-foreground=no" "a background capinit does not take the terminal"

# Under a plain `unshare --pid --fork` the terminal's foreground group lies
# outside capinit's namespace: capinit must still tell foreground from
# background.
if pid1; then
	"$PTYRUN" -- "${WRAP[@]}" "$CAPINIT" -- "$PROBE" tty >"$W/o"
	is "$?:$(tr -d '\r' <"$W/o")" "0:tty-foreground=yes" \
		"unshare in the foreground: the child gets the terminal"
	"$PTYRUN" -- sh -c 'set -m; "$@" & wait' sh "${WRAP[@]}" "$CAPINIT" -- \
		"$PROBE" tty >"$W/o"
	is "$?:$(tr -d '\r' <"$W/o")" "0:tty-foreground=no" \
		"unshare in the background: the terminal is not taken"
fi

# Job-control signals sent to capinit: forwarded, capinit never stops.
ci_bg -- "$PROBE" sleep 20
child=$(child_of "$CI_PID")
for s in TSTP TTIN TTOU; do
	kill -s "$s" "$CI_PID"
	wait_state "$child" T
	is "$(proc_state "$child"):$(proc_state "$CI_PID")" "T:S" \
		"SIG$s to capinit stops the child, not capinit"
	kill -CONT "$CI_PID"
	wait_state "$child" S
	is "$(proc_state "$child")" "S" "SIGCONT to capinit resumes the child"
done
kill -TERM "$CI_PID"
ci_wait
is "$?" 143 "child still answers SIGTERM after the round trips"

done_testing
