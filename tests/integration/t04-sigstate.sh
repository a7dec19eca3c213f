#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The child gets back exactly the signal mask and ignored signals capinit
# inherited: a plain run of the probe is the reference.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

ref=$("$PROBE" status)
out=$(ci -- "$PROBE" status)
is "$out" "$ref" "default: SigBlk/SigIgn as inherited"

# Block HUP, USR2, TTIN, SEGV, RTMIN+2; ignore INT, QUIT, PIPE, TTOU, TERM.
blk=$(printf '%016x' $(( (1<<0) | (1<<11) | (1<<20) | (1<<10) | (1<<35) )))
ign=$(printf '%016x' $(( (1<<1) | (1<<2) | (1<<12) | (1<<21) | (1<<14) )))
ref=$("${WRAP[@]}" "$PROBE" mask "$blk" "$ign" -- "$PROBE" status)
# Signals 32 and 33 belong to the C library: whatever the caller had.
libc=$(( 0x$(echo "$ref" | awk '/SigIgn/ {print $2}') & 0x180000000 ))
want=$(printf 'SigBlk:\t%s\nSigIgn:\t%016x' "$blk" $(( 0x$ign | libc )))
is "$ref" "$want" "reference: the probe sets the mask it is asked for"
out=$("${WRAP[@]}" "$PROBE" mask "$blk" "$ign" -- "$CAPINIT" -- "$PROBE" status)
is "$out" "$want" "custom mask and ignored set restored exactly in the child"

# Signals capinit inherited as ignored are still forwarded (the child gets
# them back ignored, so the probe catches them only after it re-arms).
out=$W/ign
if pid1; then
	"${WRAP[@]}" "$PROBE" mask 0 "$(printf '%x' $((1<<9)))" -- "$CAPINIT" -- \
		"$PROBE" signals "$out" 1 5 kill1 USR1 2>/dev/null
	is "$?:$(grep -v ready "$out")" "0:10" "a signal ignored at start is still forwarded"
else
	# Not PID 1, "kill 1" would reach the host's init: do not send it.
	skip "inherited-ignored forwarding" "needs capinit as PID 1 for kill 1"
fi

# An inherited SIG_IGN for SIGCHLD must not let the kernel reap PROGRAM
# behind capinit's back (its status would be lost, capinit would hang).
timeout -k 1 5 "${WRAP[@]}" "$PROBE" mask 0 "$(printf '%x' $((1<<16)))" -- "$CAPINIT" -- "$PROBE" exit 7
is "$?" 7 "SIGCHLD ignored at start: the exit status still comes through"

done_testing
