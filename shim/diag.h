/* SPDX-License-Identifier: MIT */
/*
 * struct diag - the one way library modules report an error.
 * Modules below main never print and never exit: they fill a diag and
 * return -1, and main decides what to say and how to exit.
 */
#ifndef CAPINIT_DIAG_H
#define CAPINIT_DIAG_H

#include <stdarg.h>
#include <stdio.h>

struct diag {
	char msg[256];
};

__attribute__((format(printf, 2, 3))) static inline int
diag_set(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* A message cut to the buffer still names the problem. */
	(void)vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * struct diags - every problem found in one pass (a profile can have many),
 * each already formatted as "FILE:LINE: message".
 */
#define DIAGS_MAX 32

struct diags {
	int n;       /* stored messages */
	int dropped; /* further messages not stored */
	char msg[DIAGS_MAX][256];
};

__attribute__((format(printf, 2, 3))) static inline void
diags_add(struct diags *l, const char *fmt, ...)
{
	va_list ap;

	if (l->n >= DIAGS_MAX) {
		l->dropped++;
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(l->msg[l->n], sizeof(l->msg[0]), fmt, ap); /* may cut */
	va_end(ap);
	l->n++;
}

#endif
