/* SPDX-License-Identifier: MIT */
/*
 * plan - the privilege plan: from a profile, the resolved identity and the
 * state capinit started in, the exact state the process must end in. Pure:
 * no system calls, so every rule is unit-tested with fabricated states.
 */
#ifndef CAPINIT_PLAN_H
#define CAPINIT_PLAN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "diag.h"
#include "ident.h"
#include "profile.h"

#define PLAN_MAX_GROUPS PROFILE_MAX_GROUPS

/* A process's privileges: what privs_read_state reads, and what is planned. */
struct capstate {
	uint64_t bnd, prm, eff, inh, amb;
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;
	int ngroups;
	gid_t groups[PLAN_MAX_GROUPS];
	unsigned int securebits;
	bool nnp;
	struct rlimit limits[RLIM_NLIMITS]; /* read only: privplan.limits */
};

/* What the kernel offers, read once at start. */
struct sysinfo {
	int last_cap;           /* /proc/sys/kernel/cap_last_cap */
	bool ambient_supported; /* PR_CAP_AMBIENT works (Linux >= 4.3) */
	rlim_t nr_open;         /* /proc/sys/fs/nr_open; 0: unknown */
};

struct privplan {
	struct capstate want; /* the end state, read back after apply */
	uint64_t keep;        /* the kept set (drop/add applied) */
	bool narrow_bounding; /* false: no CAP_SETPCAP, B stays as is */
	bool set_ids, set_groups, set_securebits;
	struct profile_limit limits[RLIM_NLIMITS];
	int last_cap;
	/* profile lines, for "FILE:LINE:" in messages about each step */
	const char *path;
	int line_caps, line_ambient, line_user, line_groups, line_nnp,
		line_securebits;
};

/*
 * plan_build - compute the plan. Problems that make the profile unusable
 * here go to @errs ("FILE:LINE: message"), things worth knowing to @warns.
 * Returns 0, or -1 if @errs got anything.
 */
int plan_build(const struct profile *p, const struct ident *id,
	       const struct capstate *cur, const struct sysinfo *sys,
	       struct privplan *plan, struct diags *errs, struct diags *warns);

/* plan_full_mask - every capability 0..@last_cap. */
uint64_t plan_full_mask(int last_cap);

#endif
