/* SPDX-License-Identifier: MIT */
/*
 * opts - the validated init options: a plain struct, filled from the command
 * line (cli.c) and, later, from the profile's [init] section. Parsing helpers
 * here are shared by both, so a rule reads the same wherever it is written.
 */
#ifndef CAPINIT_OPTS_H
#define CAPINIT_OPTS_H

#include <signal.h>
#include <stdbool.h>

#include "diag.h"

#define OPTS_GRACE_MAX_MS (24L * 3600 * 1000)

/* What capinit is asked to do: run PROGRAM (the default) or a tool mode. */
enum opts_mode {
	OPTS_RUN,
	OPTS_CHECK, /* --check: validate the profile, print the plan */
	OPTS_SHOW,  /* --show: decode what processes hold */
	OPTS_EMIT,  /* --emit=TARGET: the runtime settings that match */
	OPTS_LEARN, /* --learn[=OUT]: run PROGRAM, record what it needs */
};

struct init_opts {
	enum opts_mode mode;
	bool json;        /* --format=json */
	bool have_format; /* --format given: only --check and --show take it */
	const char *emit; /* --emit target */
	const char *learn_out; /* --learn=OUT; NULL: stdout */
	int verbosity;         /* enum log_level */
	bool kill_group; /* forward signals to the child's process group */
	long grace_ms;   /* graceful shutdown period; 0 = off */
	int stop_signal; /* signal that starts the graceful shutdown */
	int pdeathsig; /* signal capinit gets when its parent dies; 0 = none */
	int rewrite[NSIG]; /* received signal -> signal forwarded; 0 = drop */
	bool rewrite_set[NSIG];
	int exitmap[256]; /* program's exit status -> capinit's exit status */
	bool exitmap_set[256];
	char *const *argv;   /* PROGRAM [ARG...], NULL-terminated */
	const char *profile; /* -p FILE; NULL: the default profile */
	/* which of the above were given (so the profile fills only the rest) */
	bool have_group, have_grace, have_stop_signal;
};

void opts_init(struct init_opts *o);

/* Each parser returns 0, or -1 with @d filled; @o is unchanged on error. */
int opts_add_rewrite(struct init_opts *o, const char *spec, struct diag *d)
	__attribute__((warn_unused_result));
int opts_add_exitmap(struct init_opts *o, const char *spec, struct diag *d)
	__attribute__((warn_unused_result));
int opts_set_grace(struct init_opts *o, const char *s, struct diag *d)
	__attribute__((warn_unused_result));
int opts_parse_signal(const char *s, int *signo, struct diag *d)
	__attribute__((warn_unused_result));

/*
 * opts_merge - fill in @dst what it does not set itself from @src: the
 * command line (dst) wins over the profile's [init] section (src).
 */
void opts_merge(struct init_opts *dst, const struct init_opts *src);

/* What capinit sends when it receives @signo (0: nothing). */
int opts_rewrite_signal(const struct init_opts *o, int signo);
/* capinit's exit status for the program's status @status (0..255). */
int opts_map_exit(const struct init_opts *o, int status);

#endif
