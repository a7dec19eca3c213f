// SPDX-License-Identifier: MIT
/*
 * signame.c - signal name tables. Pure functions, no state.
 * Real-time signals are named from 34, as kill(1), Docker and glibc
 * number them, whatever the C library: musl's own SIGRTMIN is 35, and a
 * profile must mean the same signal in the glibc and the musl build.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "signame.h"

/* The first real-time signal users name RTMIN (glibc's SIGRTMIN). */
#define CAPINIT_RTMIN 34

struct signame {
	const char *name; /* without the SIG prefix */
	int signo;
};

/* Canonical names first: signame_format picks the first match. */
/* clang-format off */
static const struct signame signames[] = {
	{ "HUP", SIGHUP },	 { "INT", SIGINT },	  { "QUIT", SIGQUIT },
	{ "ILL", SIGILL },	 { "TRAP", SIGTRAP },	  { "ABRT", SIGABRT },
	{ "BUS", SIGBUS },	 { "FPE", SIGFPE },	  { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 },	 { "SEGV", SIGSEGV },	  { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE },	 { "ALRM", SIGALRM },	  { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },	  { "CONT", SIGCONT },
	{ "STOP", SIGSTOP },	 { "TSTP", SIGTSTP },	  { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU },	 { "URG", SIGURG },	  { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ },	 { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH },	 { "IO", SIGIO },	  { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
	/* aliases */
	{ "IOT", SIGABRT },	 { "CLD", SIGCHLD },	  { "POLL", SIGIO },
};
/* clang-format on */

#define N_SIGNAMES (sizeof(signames) / sizeof(signames[0]))

/* A decimal number with nothing else around it, or -1. */
static long parse_decimal(const char *s)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v > INT_MAX)
		return -1;
	return v;
}

/* "RTMIN", "RTMIN+N", "RTMAX", "RTMAX-N" (prefix already stripped). */
static int parse_realtime(const char *s)
{
	long off = 0;
	int base, sign;

	if (strncasecmp(s, "RTMIN", 5) == 0) {
		base = CAPINIT_RTMIN;
		sign = 1;
	} else if (strncasecmp(s, "RTMAX", 5) == 0) {
		base = SIGRTMAX;
		sign = -1;
	} else {
		return -1;
	}
	s += 5;
	if (*s != '\0') {
		if (*s != (sign > 0 ? '+' : '-'))
			return -1;
		off = parse_decimal(s + 1);
		if (off < 0 || off > SIGRTMAX - CAPINIT_RTMIN)
			return -1;
	}
	return base + sign * (int)off;
}

int signame_parse(const char *s)
{
	long num;
	size_t i;

	if (s == NULL || *s == '\0')
		return -1;
	num = parse_decimal(s);
	if (num >= 0)
		return num >= 1 && num <= SIGRTMAX ? (int)num : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < N_SIGNAMES; i++)
		if (strcasecmp(s, signames[i].name) == 0)
			return signames[i].signo;
	return parse_realtime(s);
}

const char *signame_format(int signo, char buf[SIGNAME_MAX])
{
	size_t i;

	for (i = 0; i < N_SIGNAMES; i++) {
		if (signames[i].signo == signo) {
			snprintf(buf, SIGNAME_MAX, "SIG%s", signames[i].name);
			return buf;
		}
	}
	if (signo == CAPINIT_RTMIN)
		snprintf(buf, SIGNAME_MAX, "SIGRTMIN");
	else if (signo == SIGRTMAX)
		snprintf(buf, SIGNAME_MAX, "SIGRTMAX");
	else if (signo > CAPINIT_RTMIN && signo < SIGRTMAX && signo < _NSIG)
		snprintf(buf, SIGNAME_MAX, "SIGRTMIN+%d",
			 signo - CAPINIT_RTMIN);
	else
		snprintf(buf, SIGNAME_MAX, "SIG%d", signo);
	return buf;
}
