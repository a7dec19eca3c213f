// SPDX-License-Identifier: MIT
/*
 * log.c - the logger. Owns the only global of capinit (the level).
 * It formats into one buffer and writes it with a single write(2), so lines
 * from capinit and its child never interleave mid-line, and it keeps errno.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "log.h"

static int log_level = LOG_LEVEL_WARN;

void log_set_level(int level)
{
	log_level = level;
}

int log_get_level(void)
{
	return log_level;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char buf[1024];
	int saved_errno = errno;
	int n;
	va_list ap;

	if ((int)level > log_level)
		return;
	if (level >= LOG_LEVEL_DEBUG)
		n = snprintf(buf, sizeof(buf), "capinit[%d]: ", (int)getpid());
	else
		n = snprintf(buf, sizeof(buf), "capinit: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	/* Nothing useful can be done if stderr is gone. */
	if (write(STDERR_FILENO, buf, (size_t)n) < 0)
		errno = saved_errno;
	errno = saved_errno;
}

void log_diags(const struct diags *l, enum log_level level)
{
	int i;

	for (i = 0; i < l->n; i++)
		log_msg(level, "%s", l->msg[i]);
	if (l->dropped)
		log_msg(level, "... and %d more", l->dropped);
}
