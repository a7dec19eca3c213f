// SPDX-License-Identifier: MIT
/*
 * early.so - LD_PRELOAD into capinit only (e.g. through env(1)): the first
 * time capinit parses its command line, send it EARLY_SIGNAL (a number).
 * A signal that arrives during start-up must be queued and forwarded,
 * which holds only if capinit blocked signals before anything else.
 */
#include <dlfcn.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

typedef int getopt_long_fn(int, char *const[], const char *,
			   const struct option *, int *);

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex)
{
	static getopt_long_fn *real;
	static int sent;
	const char *s = getenv("EARLY_SIGNAL");

	if (real == NULL)
		real = (getopt_long_fn *)dlsym(RTLD_NEXT, "getopt_long");
	if (!sent && s != NULL) {
		sent = 1;
		kill(getpid(), atoi(s));
	}
	return real(argc, argv, optstring, longopts, longindex);
}
