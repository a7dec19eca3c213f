/* SPDX-License-Identifier: MIT */
/*
 * proctree - find and signal "every other process" for the graceful
 * shutdown: as PID 1, every process of the namespace; otherwise capinit's
 * descendants (it is their subreaper). Read from /proc.
 */
#ifndef CAPINIT_PROCTREE_H
#define CAPINIT_PROCTREE_H

#include <sys/types.h>

struct proctree_skip {
	pid_t pid;  /* skip this process (0: none) */
	pid_t pgid; /* and every member of this process group (0: none) */
};

/*
 * proctree_signal - send @signo to the processes described above, except
 * capinit itself and @skip. Returns how many were signalled, or -1 if
 * /proc cannot be read.
 */
int proctree_signal(int signo, const struct proctree_skip *skip);

#endif
