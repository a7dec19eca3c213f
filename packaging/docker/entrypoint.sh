#!/bin/sh
# SPDX-License-Identifier: MIT
# The example image's program: capinit (PID 1) runs it with the profile's
# privileges. It prints what it holds, then waits until it is stopped;
# docker stop's SIGTERM reaches it through capinit.
set -eu

echo "entrypoint: running as $(id)"
grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp):' /proc/self/status

trap 'echo "entrypoint: SIGTERM, exiting"; exit 0' TERM
echo "entrypoint: waiting for docker stop"
# sleep in the background so that the shell handles the signal at once
while :; do
	sleep 3600 &
	wait $! || true
done
