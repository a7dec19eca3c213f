/* SPDX-License-Identifier: MIT */
/*
 * spawn - fork and exec PROGRAM. Everything between fork and exec lives here.
 */
#ifndef CAPINIT_SPAWN_H
#define CAPINIT_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

#include "diag.h"
#include "sigstate.h"

struct spawn_result {
	pid_t pid;      /* the child, when it runs PROGRAM */
	int exec_errno; /* non-zero: exec failed with this errno (child reaped) */
	bool took_tty; /* the child is the terminal's foreground group */
};

/*
 * spawn_program - start @argv[0] (looked up in PATH) as capinit's child, in
 * its own process group, with the signal state of @sig restored. If capinit
 * is the terminal's foreground group, the child takes the foreground.
 * Returns 0 with @r filled (check @r->exec_errno), or -1 if fork failed.
 */
int spawn_program(char *const argv[], const struct sigstate *sig,
		  struct spawn_result *r, struct diag *d)
	__attribute__((warn_unused_result));

#endif
