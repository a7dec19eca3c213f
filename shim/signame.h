/* SPDX-License-Identifier: MIT */
/*
 * signame - signal names and numbers, wherever a user types a signal:
 * "15", "TERM", "SIGTERM", "term", "RTMIN", "RTMIN+3", "SIGRTMAX-1".
 */
#ifndef CAPINIT_SIGNAME_H
#define CAPINIT_SIGNAME_H

#include <stddef.h>

#define SIGNAME_MAX 16 /* "SIGRTMAX-30" and the NUL fit */

/* signame_parse - the signal number for @s (1..SIGRTMAX), or -1. */
int signame_parse(const char *s);

/* signame_format - "SIGTERM", "SIGRTMIN+3" or "SIG99" into @buf; returns @buf. */
const char *signame_format(int signo, char buf[SIGNAME_MAX]);

#endif
