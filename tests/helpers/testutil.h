/* SPDX-License-Identifier: MIT */
/*
 * testutil.h - the few helpers every test program needs (probe, loadkit).
 * Header-only so each helper stays one file to build.
 */
#ifndef CAPINIT_TESTUTIL_H
#define CAPINIT_TESTUTIL_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "PROGRAM: WHAT: strerror", exit 99: a broken test set-up, not a result. */
static inline void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		strerror(errno));
	exit(99);
}

/* Sleep the whole time, across signal handlers. */
static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

#endif
