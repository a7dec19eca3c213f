/* SPDX-License-Identifier: MIT */
/*
 * profile - the INI profile, parsed into a plain struct. Syntax and values
 * only: what the profile means for this process is plan.c's business, and
 * names are resolved by ident.c. See capinit.ini(5).
 */
#ifndef CAPINIT_PROFILE_H
#define CAPINIT_PROFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "diag.h"
#include "opts.h"

#ifndef PROFILE_DEFAULT_PATH
#define PROFILE_DEFAULT_PATH "/etc/capinit/profile.ini"
#endif
#define PROFILE_MAX_SIZE 65536 /* 64 KiB */
#define PROFILE_MAX_GROUPS 64
#define PROFILE_NAME_MAX 64

struct profile_limit {
	bool set;
	rlim_t soft, hard;
	int line;
};

struct profile {
	char path[256]; /* for messages; "built-in profile" if none */
	bool builtin;

	/* [capabilities] */
	bool drop_all; /* drop = ALL */
	uint64_t drop; /* drop = LIST */
	uint64_t add;
	bool have_ambient;
	uint64_t ambient;
	bool strict;
	int line_drop, line_add, line_ambient;

	/* [user] */
	char user[PROFILE_NAME_MAX]; /* "" = stay who we are */
	char group[PROFILE_NAME_MAX];
	bool have_groups; /* supplementary_groups given */
	int ngroups;
	char groups[PROFILE_MAX_GROUPS][PROFILE_NAME_MAX];
	bool have_umask;
	mode_t umask;
	char workdir[256];
	int line_user, line_group, line_groups, line_workdir;

	/* [security] */
	bool no_new_privs; /* default yes */
	bool have_securebits;
	unsigned int securebits;
	int line_nnp, line_securebits;

	/* [limits] */
	struct profile_limit limits[RLIM_NLIMITS];

	/* [init]: same meaning as the command line; have_* says what was set */
	struct init_opts init;
	bool have_group_mode, have_grace, have_stop_signal;
};

/* profile_builtin - the deny-all default: drop ALL, no_new_privs. */
void profile_builtin(struct profile *p);

/*
 * profile_parse_buffer - parse @len bytes of INI text named @name into
 * @p. Every problem is added to @errs as "NAME:LINE: message".
 * Returns 0 if there was none.
 */
int profile_parse_buffer(const char *buf, size_t len, const char *name,
			 struct profile *p, struct diags *errs);

/*
 * profile_load - open @path once (O_NOFOLLOW), check it on the open fd
 * (regular, owned by root, not writable by group or others, nor its
 * directory), read it and parse it. Returns 0, or -1 with @errs filled.
 */
int profile_load(const char *path, struct profile *p, struct diags *errs);

/*
 * profile_select - @path if given (-p), else the default file, else, when
 * that does not exist at all, the built-in profile (@p->builtin is set).
 */
int profile_select(const char *path, struct profile *p, struct diags *errs);

/* profile_limit_name - "nofile" for RLIMIT_NOFILE, as [limits] spells it. */
const char *profile_limit_name(int resource);

/* profile_check_stat - the permission rules, on fabricated stats too. */
int profile_check_stat(const struct stat *file, const struct stat *dir,
		       const char *path, struct diags *errs);

/* profile_securebit_names - "noroot", ... in bit order, for messages. */
extern const char *const profile_securebit_names[8];

#endif
