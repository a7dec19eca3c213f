/* SPDX-License-Identifier: MIT */
/*
 * learn - --learn: trace the capability checks of PROGRAM and its
 * descendants (capability:cap_capable, Linux 6.14+) and write a minimal
 * profile. See learn.c for how real needs are told from the kernel's own
 * checks.
 */
#ifndef CAPINIT_LEARN_H
#define CAPINIT_LEARN_H

#include <limits.h>
#include <stdbool.h>

#include "diag.h"

struct learn {
	char root[PATH_MAX]; /* tracefs */
	bool mounted;        /* we mounted it (and unmount it) */
	char inst[PATH_MAX]; /* our private instance */
};

/* learn_start - set up tracing of capinit and its future descendants. */
int learn_start(struct learn *l, struct diag *d)
	__attribute__((warn_unused_result));

/*
 * learn_finish - stop tracing and write the profile to @out_path (stdout if
 * NULL): drop = ALL, add = what was used, then @base's other sections.
 */
int learn_finish(struct learn *l, const char *out_path, const char *base,
		 char *const argv[], struct diag *d)
	__attribute__((warn_unused_result));

/* learn_cleanup - remove the instance and any tracefs we mounted. */
void learn_cleanup(struct learn *l);

#endif
