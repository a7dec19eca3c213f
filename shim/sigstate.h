/* SPDX-License-Identifier: MIT */
/*
 * sigstate - capinit's signal set-up, and the exact state the child gets back.
 *
 * capinit blocks every signal it can as its first act, so a signal
 * that arrives during start-up is queued and forwarded later, never lost.
 * It reads them through a signalfd: no handlers, no wake-ups when idle.
 * The child gets back exactly the mask and the ignored signals capinit
 * inherited.
 */
#ifndef CAPINIT_SIGSTATE_H
#define CAPINIT_SIGSTATE_H

#include <signal.h>

#include "diag.h"

struct sigstate {
	sigset_t orig_mask;    /* the mask capinit inherited */
	sigset_t orig_ignored; /* signals that were SIG_IGN at start */
	sigset_t handled;      /* what capinit blocks and reads */
};

/* sigstate_block - block @s->handled, saving what the child must get back. */
int sigstate_block(struct sigstate *s, struct diag *d)
	__attribute__((warn_unused_result));

/* sigstate_signalfd - a close-on-exec signalfd for @s->handled, or -1. */
int sigstate_signalfd(const struct sigstate *s, struct diag *d)
	__attribute__((warn_unused_result));

/* sigstate_restore - in the child before exec: undo sigstate_block. */
int sigstate_restore(const struct sigstate *s)
	__attribute__((warn_unused_result));

#endif
