/* SPDX-License-Identifier: MIT */
/*
 * supervise - the PID-1 loop: forward signals, reap zombies, optionally
 * shut down gracefully, and compute capinit's exit status.
 */
#ifndef CAPINIT_SUPERVISE_H
#define CAPINIT_SUPERVISE_H

#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "opts.h"

struct supervisor {
	const struct init_opts *opts;
	int sfd; /* signalfd */
	pid_t self;
	pid_t child; /* the main child, running PROGRAM */
	bool child_done;
	int child_status;   /* wait status, once child_done */
	bool children_left; /* false once waitpid says ECHILD */
	bool draining;      /* graceful shutdown under way */
	bool killed;        /* SIGKILL sent at the end of the grace period */
	bool abandoned;     /* some process survived SIGKILL: leave anyway */
	struct timespec deadline;
};

void sup_init(struct supervisor *s, const struct init_opts *o, int sfd,
	      pid_t child);

/*
 * sup_run - supervise until the main child is gone (and, with a grace
 * period, every other process too). Never exits; errors are logged and the
 * loop goes on, because the death of PID 1 takes the container down.
 * Returns capinit's exit status.
 */
int sup_run(struct supervisor *s);

/* sup_exit_status - the wait status of PROGRAM as an exit status, mapped. */
int sup_exit_status(const struct init_opts *o, int wstatus);

#endif
