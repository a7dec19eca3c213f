#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# --pdeathsig: when capinit's parent dies, capinit gets the signal and
# forwards it to the child.
# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

if pid1; then
	skip "--pdeathsig" "tested in plain mode (the parent must be killable)"
	done_testing
	exit 0
fi
out=$W/pd
sh -c "'$CAPINIT' --pdeathsig=USR1 -- '$PROBE' signals '$out' 1 10 & sleep 0.3; kill -9 \$\$"
for _ in $(seq 300); do grep -qx 10 "$out" && break; sleep 0.01; done
is "$(grep -v ready "$out")" "10" "parent killed: SIGUSR1 delivered to capinit and forwarded"

out=$W/pd2
sh -c "'$CAPINIT' -- '$PROBE' signals '$out' 1 1 & sleep 0.3; kill -9 \$\$"
sleep 1.5
is "$(grep -vc ready "$out")" "0" "without --pdeathsig nothing is sent"

done_testing
