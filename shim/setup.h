/* SPDX-License-Identifier: MIT */
/*
 * setup - what capinit does to itself around the spawn: become the reaper
 * of orphans when it is not PID 1, arm the parent-death signal, and let go
 * of the caller's working directory and file descriptors.
 */
#ifndef CAPINIT_SETUP_H
#define CAPINIT_SETUP_H

#include <sys/types.h>

#include "diag.h"
#include "ident.h"
#include "profile.h"

/*
 * setup_process - what the profile asks of the process besides
 * credentials: umask, working directory (inherited by the child), and
 * HOME, USER and LOGNAME for the target user.
 */
int setup_process(const struct profile *p, const struct ident *id,
		  struct diag *d) __attribute__((warn_unused_result));

/* setup_subreaper - PR_SET_CHILD_SUBREAPER unless PID 1; -1 on failure. */
int setup_subreaper(struct diag *d) __attribute__((warn_unused_result));

/*
 * setup_pdeathsig - deliver @signo to capinit when its parent dies.
 * @orig_ppid is getppid() from the very start: if the parent died before
 * the prctl, the signal is raised now (it is blocked, so it is forwarded).
 */
int setup_pdeathsig(int signo, pid_t orig_ppid, struct diag *d)
	__attribute__((warn_unused_result));

/*
 * setup_detach - after the spawn: chdir("/") so capinit pins no mount, and
 * close every inherited fd >= 3 except @keep_fd (they stay in the child).
 */
int setup_detach(int keep_fd, struct diag *d)
	__attribute__((warn_unused_result));

#endif
