#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# capinit cannot fork PROGRAM: one line on stderr that names PROGRAM, the
# fork and, for EAGAIN, the RLIMIT_NPROC in force and its uid; exit 125,
# and PROGRAM never runs. EAGAIN is real (RLIMIT_NPROC already reached by
# capinit's uid); ENOMEM is injected by forkfail.so, since no limit makes
# fork(2) fail with ENOMEM (see forkfail.c).
# shellcheck source=tests/load/common.sh
. "$(dirname "$0")/common.sh"

# The uid the limit counts: the profiles' user in root mode; in userns mode
# capinit stays root of the namespace (see user_section).
if [ "$MODE" = root ]; then NPROC_UID=$((LOAD_UID + 1)); else NPROC_UID=0; fi
EAGAIN_LINE="capinit: cannot start touch: fork: Resource temporarily unavailable (RLIMIT_NPROC is 1 for uid $NPROC_UID; a pids cgroup or kernel.threads-max can also refuse)"
ENOMEM_LINE="capinit: cannot start touch: fork: Cannot allocate memory"

# RESULT: "status:stderr:ran?" of the last run_and_check.
run_and_check() { # COMMAND...
	rm -f "$W/ran"
	"$@" -- touch "$W/ran" 2>"$W/err"
	RESULT="$?:$(cat "$W/err"):$([ -e "$W/ran" ] && echo ran)"
}

# 1. The profile's [limits] nproc = 1: capinit itself is that one process.
profile nproc1 "[capabilities]\ndrop = ALL\n$(user_section $((LOAD_UID + 1)))[limits]\nnproc = 1\n"
run_and_check ci -p "$P/nproc1.ini"
is "$RESULT" "125:$EAGAIN_LINE:" "RLIMIT_NPROC reached (profile nproc = 1): fork fails with EAGAIN, exit 125, program not run"

# 2. The same limit inherited from whoever started capinit (ulimit -u).
profile plain "[capabilities]\ndrop = ALL\n$(user_section $((LOAD_UID + 1)))"
run_and_check "${WRAP[@]}" prlimit --nproc=1 "$CAPINIT" -p "$P/plain.ini"
is "$RESULT" "125:$EAGAIN_LINE:" "RLIMIT_NPROC inherited at the current count: the same"

# 3. Out of memory (simulated).
run_and_check "${WRAP[@]}" env LD_PRELOAD="$FORKFAIL" FORKFAIL_ERRNO=12 \
	"$CAPINIT" -p "$P/plain.ini"
is "$RESULT" "125:$ENOMEM_LINE:" "fork fails with ENOMEM (injected): exit 125, program not run"

# 4. EAGAIN without an RLIMIT_NPROC, as a pids cgroup gives (injected,
#    with getrlimit saying "unlimited": see forkfail.c).
run_and_check "${WRAP[@]}" env LD_PRELOAD="$FORKFAIL" FORKFAIL_ERRNO=11 FORKFAIL_NPROC_UNLIMITED=1 \
	"$CAPINIT" -p "$P/plain.ini"
is "$RESULT" "125:capinit: cannot start touch: fork: Resource temporarily unavailable (RLIMIT_NPROC is unlimited: a pids cgroup or kernel.threads-max refused):" \
	"EAGAIN with RLIMIT_NPROC unlimited (injected): the message points at the pids cgroup"

done_testing
