// SPDX-License-Identifier: MIT
/*
 * privs.c - the only file that changes credentials.
 *
 * privs_apply makes the process match a plan, in PID 1 before it forks, so
 * the supervisor holds no more than the entrypoint. The order is fixed by
 * the kernel's rules (see capabilities(7)):
 *
 *   1. resource limits       raising one may need CAP_SYS_RESOURCE
 *   2. no_new_privs          never gain privileges across execve
 *   3. bounding set          every cap up to cap_last_cap; needs
 *                            CAP_SETPCAP, so before the uid change
 *   4. inheritable, ambient  cleared explicitly: a stale inheritable cap
 *                            would reach a root child's permitted set
 *   5. groups, gid, uid      setgroups, setresgid, setresuid, with
 *                            PR_SET_KEEPCAPS so permitted survives
 *   6. P/E/I                 one capset through libcap-ng
 *   7. ambient               raised after the uid change (it clears them)
 *   8. securebits            needs CAP_SETPCAP, kept until here if asked
 *
 * Every call is checked, and then privs_verify reads everything back, the
 * limits too: the return codes alone are not trusted (Debian's libcap-ng
 * reports success for a bounding-set drop the kernel refused). Any failure: the caller
 * exits 125 and the program never runs.
 */
#include <cap-ng.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "caps.h"
#include "privs.h"

static bool has(uint64_t mask, int cap)
{
	return (mask >> cap) & 1;
}

/* "FILE:LINE: " of the profile line behind a step, or "FILE: ". */
static const char *where(const struct privplan *plan, int line, char *buf,
			 size_t len)
{
	if (line > 0)
		snprintf(buf, len, "%s:%d: ", plan->path, line);
	else
		snprintf(buf, len, "%s: ", plan->path);
	return buf;
}

__attribute__((format(printf, 4, 5))) static int
fail(const struct privplan *plan, int line, struct diag *d, const char *fmt,
     ...)
{
	char at[300], msg[200];
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap); /* may cut */
	va_end(ap);
	return diag_set(d, "%s%s: %s", where(plan, line, at, sizeof(at)), msg,
			strerror(saved));
}

int privs_refuse_secure(struct diag *d)
{
	/* Installed setuid, setgid or with file capabilities: refuse. */
	if (getauxval(AT_SECURE))
		return diag_set(
			d, "refusing to run in secure-execution mode "
			   "(AT_SECURE): capinit must not be setuid, setgid or "
			   "have file capabilities");
	return 0;
}

/* A non-negative decimal number from a /proc/sys file, or -1. */
static long long read_proc_number(const char *path)
{
	char buf[24] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	char *end;
	long long v;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	return errno == 0 && end != buf && v >= 0 ? v : -1;
}

static int read_last_cap(void)
{
	long long v = read_proc_number("/proc/sys/kernel/cap_last_cap");
	int cap;

	/* Above 63 is returned too: the caller refuses it. */
	if (v >= 0 && v <= INT_MAX)
		return (int)v;
	/* No /proc, or no number in it: the highest capability the
	 * bounding set knows. */
	for (cap = 63; cap >= 0; cap--)
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0)
			return cap;
	return -1;
}

int privs_read_sysinfo(struct sysinfo *sys, struct diag *d)
{
	long long nr_open;

	sys->last_cap = read_last_cap();
	if (sys->last_cap < 0 || sys->last_cap > 63)
		return diag_set(d,
				"cannot tell the kernel's last capability "
				"(cap_last_cap %d)",
				sys->last_cap);
	/*
	 * /proc may lie (a forged or filtered procfs): the capabilities above
	 * a too low value would be neither dropped nor read back. The
	 * bounding set must know last_cap and nothing above it.
	 */
	if (prctl(PR_CAPBSET_READ, sys->last_cap, 0, 0, 0) < 0 ||
	    (sys->last_cap < 63 &&
	     prctl(PR_CAPBSET_READ, sys->last_cap + 1, 0, 0, 0) >= 0))
		return diag_set(d,
				"cap_last_cap %d does not match the "
				"kernel's bounding set (refused)",
				sys->last_cap);
	/* EINVAL here: Linux < 4.3 or gVisor. */
	sys->ambient_supported =
		prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 0, 0, 0) >= 0;
	/* Unknown (no /proc) only loses an early message: setrlimit still
	 * refuses, and the run fails closed. */
	nr_open = read_proc_number("/proc/sys/fs/nr_open");
	sys->nr_open = nr_open > 0 ? (rlim_t)nr_open : 0;
	return 0;
}

static int read_caps(struct capstate *st, const struct sysinfo *sys,
		     struct diag *d)
{
	int cap, r;

	if (capng_get_caps_process() != 0)
		return diag_set(d, "reading capabilities: %s", strerror(errno));
	st->prm = st->eff = st->inh = st->bnd = st->amb = 0;
	for (cap = 0; cap <= sys->last_cap; cap++) {
		uint64_t bit = UINT64_C(1) << cap;

		if (capng_have_capability(CAPNG_PERMITTED, (unsigned)cap))
			st->prm |= bit;
		if (capng_have_capability(CAPNG_EFFECTIVE, (unsigned)cap))
			st->eff |= bit;
		if (capng_have_capability(CAPNG_INHERITABLE, (unsigned)cap))
			st->inh |= bit;
		/* Bounding and ambient straight from the kernel. */
		r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
		if (r < 0)
			return diag_set(d, "reading the bounding set: %s",
					strerror(errno));
		if (r)
			st->bnd |= bit;
		if (!sys->ambient_supported)
			continue;
		r = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0);
		if (r < 0)
			return diag_set(d, "reading the ambient set: %s",
					strerror(errno));
		if (r)
			st->amb |= bit;
	}
	return 0;
}

int privs_read_state(struct capstate *st, const struct sysinfo *sys,
		     struct diag *d)
{
	int r;

	memset(st, 0, sizeof(*st));
	if (read_caps(st, sys, d) < 0)
		return -1;
	if (getresuid(&st->ruid, &st->euid, &st->suid) < 0 ||
	    getresgid(&st->rgid, &st->egid, &st->sgid) < 0)
		return diag_set(d, "reading ids: %s", strerror(errno));
	st->ngroups = getgroups(PLAN_MAX_GROUPS, st->groups);
	if (st->ngroups < 0)
		return diag_set(d,
				"reading supplementary groups (more than "
				"%d?): %s",
				PLAN_MAX_GROUPS, strerror(errno));
	r = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	if (r < 0)
		return diag_set(d, "reading securebits: %s", strerror(errno));
	st->securebits = (unsigned int)r;
	r = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	if (r < 0)
		return diag_set(d, "reading no_new_privs: %s", strerror(errno));
	st->nnp = r == 1;
	for (r = 0; r < RLIM_NLIMITS; r++)
		if (getrlimit(r, &st->limits[r]) < 0)
			return diag_set(d, "reading %s limit: %s",
					profile_limit_name(r), strerror(errno));
	return 0;
}

static int apply_limits(const struct privplan *plan, struct diag *d)
{
	struct rlimit rl;
	int i;

	for (i = 0; i < RLIM_NLIMITS; i++) {
		if (!plan->limits[i].set)
			continue;
		rl.rlim_cur = plan->limits[i].soft;
		rl.rlim_max = plan->limits[i].hard;
		if (setrlimit(i, &rl) < 0)
			return fail(plan, plan->limits[i].line, d,
				    "%s: setrlimit", profile_limit_name(i));
	}
	return 0;
}

/* Load the process's sets into libcap-ng's state. */
static int caps_load(const struct privplan *plan, struct diag *d)
{
	if (capng_get_caps_process() != 0)
		return fail(plan, 0, d, "reading capabilities");
	return 0;
}

static int drop_bounding(const struct privplan *plan,
			 const struct capstate *cur, struct diag *d)
{
	char name[32];
	int cap;

	if (!plan->narrow_bounding)
		return 0;
	/* PR_CAPBSET_DROP needs CAP_SETPCAP effective. */
	if (!has(cur->eff, CAP_SETPCAP)) {
		if (caps_load(plan, d) < 0)
			return -1;
		if (capng_update(CAPNG_ADD, CAPNG_EFFECTIVE, CAP_SETPCAP) !=
			    0 ||
		    capng_apply(CAPNG_SELECT_CAPS) != 0)
			return fail(
				plan, plan->line_caps, d,
				"raising CAP_SETPCAP to drop the bounding set");
	}
	for (cap = 0; cap <= plan->last_cap; cap++) {
		if (!has(cur->bnd, cap) || has(plan->want.bnd, cap))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			return fail(plan, plan->line_caps, d,
				    "dropping %s from the bounding set",
				    caps_name(cap, name));
	}
	return 0;
}

static int clear_inherited(const struct privplan *plan,
			   const struct capstate *cur, struct diag *d,
			   bool ambient_supported)
{
	int cap;

	if (cur->inh) {
		if (caps_load(plan, d) < 0)
			return -1;
		for (cap = 0; cap <= plan->last_cap; cap++)
			if (has(cur->inh, cap) &&
			    capng_update(CAPNG_DROP, CAPNG_INHERITABLE,
					 (unsigned)cap) != 0)
				return fail(plan, plan->line_caps, d,
					    "clearing the inheritable set");
		if (capng_apply(CAPNG_SELECT_CAPS) != 0)
			return fail(plan, plan->line_caps, d,
				    "clearing the inheritable set");
	}
	if (ambient_supported &&
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return fail(plan, plan->line_caps, d,
			    "clearing the ambient set");
	return 0;
}

static int switch_ids(const struct privplan *plan, const struct capstate *cur,
		      struct diag *d)
{
	const struct capstate *w = &plan->want;

	if (!plan->set_ids && !plan->set_groups)
		return 0;
	/* Keep the permitted set across the uid change; capset narrows it. */
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return fail(plan, plan->line_user, d, "PR_SET_KEEPCAPS");
	if (plan->set_groups && setgroups((size_t)w->ngroups, w->groups) < 0)
		return fail(plan, plan->line_groups, d,
			    "setgroups (needs CAP_SETGID; with a non-root start, "
			    "set supplementary_groups to the current ones)");
	if (plan->set_ids &&
	    (cur->rgid != w->rgid || cur->egid != w->egid ||
	     cur->sgid != w->sgid) &&
	    setresgid(w->rgid, w->egid, w->sgid) < 0)
		return fail(plan, plan->line_user, d,
			    "setresgid(%u) (needs CAP_SETGID)",
			    (unsigned)w->rgid);
	if (plan->set_ids &&
	    (cur->ruid != w->ruid || cur->euid != w->euid ||
	     cur->suid != w->suid) &&
	    setresuid(w->ruid, w->euid, w->suid) < 0)
		return fail(plan, plan->line_user, d,
			    "setresuid(%u) (needs CAP_SETUID)",
			    (unsigned)w->ruid);
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		return fail(plan, plan->line_user, d, "PR_SET_KEEPCAPS");
	return 0;
}

/* P, E, I in one capset; @extra (CAP_SETPCAP for securebits) on top. */
static int set_caps(const struct privplan *plan, uint64_t extra, struct diag *d)
{
	const struct capstate *w = &plan->want;
	int cap;

	if (caps_load(plan, d) < 0)
		return -1;
	capng_clear(CAPNG_SELECT_CAPS);
	for (cap = 0; cap <= plan->last_cap; cap++) {
		unsigned int c = (unsigned int)cap;

		if (has(w->prm | extra, cap) &&
		    capng_update(CAPNG_ADD, CAPNG_PERMITTED, c) != 0)
			return fail(plan, plan->line_caps, d, "capset");
		if (has(w->eff | extra, cap) &&
		    capng_update(CAPNG_ADD, CAPNG_EFFECTIVE, c) != 0)
			return fail(plan, plan->line_caps, d, "capset");
		if (has(w->inh, cap) &&
		    capng_update(CAPNG_ADD, CAPNG_INHERITABLE, c) != 0)
			return fail(plan, plan->line_caps, d, "capset");
	}
	if (capng_apply(CAPNG_SELECT_CAPS) != 0)
		return fail(
			plan, plan->line_caps, d,
			"setting the permitted, effective and inheritable sets");
	return 0;
}

static int raise_ambient(const struct privplan *plan, struct diag *d)
{
	char name[32];
	int cap;

	for (cap = 0; cap <= plan->last_cap; cap++) {
		if (!has(plan->want.amb, cap))
			continue;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			return fail(plan,
				    plan->line_ambient ? plan->line_ambient
						       : plan->line_user,
				    d, "raising ambient %s",
				    caps_name(cap, name));
	}
	return 0;
}

int privs_apply(const struct privplan *plan, const struct capstate *cur,
		const struct sysinfo *sys, struct diag *d)
{
	/* Keep CAP_SETPCAP until the securebits are set, if we hold it. */
	uint64_t extra = plan->set_securebits && has(cur->prm, CAP_SETPCAP)
				 ? UINT64_C(1) << CAP_SETPCAP
				 : 0;

	if (apply_limits(plan, d) < 0)
		return -1;
	if (plan->want.nnp && !cur->nnp &&
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return fail(plan, plan->line_nnp, d, "PR_SET_NO_NEW_PRIVS");
	if (drop_bounding(plan, cur, d) < 0 ||
	    clear_inherited(plan, cur, d, sys->ambient_supported) < 0 ||
	    switch_ids(plan, cur, d) < 0 || set_caps(plan, extra, d) < 0 ||
	    raise_ambient(plan, d) < 0)
		return -1;
	if (plan->set_securebits &&
	    prctl(PR_SET_SECUREBITS, plan->want.securebits, 0, 0, 0) < 0)
		return fail(plan, plan->line_securebits, d,
			    "PR_SET_SECUREBITS");
	if (extra & ~plan->want.prm && set_caps(plan, 0, d) < 0)
		return -1;
	return 0;
}

static bool same_groups(const struct capstate *a, const struct capstate *b)
{
	int i, j;

	if (a->ngroups != b->ngroups)
		return false;
	for (i = 0; i < a->ngroups; i++) {
		for (j = 0; j < b->ngroups && b->groups[j] != a->groups[i]; j++)
			;
		if (j == b->ngroups)
			return false;
	}
	return true;
}

/* Both masks first and then only the difference: a full set's names
 * would not leave room for the expected value in a message. */
static void mismatch_caps(const char *set, uint64_t got, uint64_t want,
			  struct diags *errs)
{
	char extra[512], missing[512];

	if (got == want)
		return;
	diags_add(errs,
		  "verify: %s set is 0x%llx, expected 0x%llx (extra: "
		  "%s; missing: %s)",
		  set, (unsigned long long)got, (unsigned long long)want,
		  caps_format(got & ~want, extra, sizeof(extra)),
		  caps_format(want & ~got, missing, sizeof(missing)));
}

/* The limits the plan sets, read back like the credentials: a setrlimit
 * that claimed success must have changed something. */
static void verify_limits(const struct privplan *plan,
			  const struct capstate *got, struct diags *errs)
{
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		const struct profile_limit *l = &plan->limits[i];
		const struct rlimit *rl = &got->limits[i];

		if (l->set &&
		    (rl->rlim_cur != l->soft || rl->rlim_max != l->hard))
			diags_add(errs,
				  "verify: limit %s is %llu:%llu, "
				  "expected %llu:%llu",
				  profile_limit_name(i),
				  (unsigned long long)rl->rlim_cur,
				  (unsigned long long)rl->rlim_max,
				  (unsigned long long)l->soft,
				  (unsigned long long)l->hard);
	}
}

int privs_verify(const struct privplan *plan, const struct sysinfo *sys,
		 struct diags *errs)
{
	const struct capstate *w = &plan->want;
	struct capstate got;
	struct diag d;
	int n0 = errs->n + errs->dropped;

	if (privs_read_state(&got, sys, &d) < 0) {
		diags_add(errs, "verify: %s", d.msg);
		return -1;
	}
	mismatch_caps("bounding", got.bnd, w->bnd, errs);
	mismatch_caps("permitted", got.prm, w->prm, errs);
	mismatch_caps("effective", got.eff, w->eff, errs);
	mismatch_caps("inheritable", got.inh, w->inh, errs);
	mismatch_caps("ambient", got.amb, w->amb, errs);
	if (got.ruid != w->ruid || got.euid != w->euid || got.suid != w->suid)
		diags_add(errs, "verify: uids are %u/%u/%u, expected %u",
			  (unsigned)got.ruid, (unsigned)got.euid,
			  (unsigned)got.suid, (unsigned)w->ruid);
	if (got.rgid != w->rgid || got.egid != w->egid || got.sgid != w->sgid)
		diags_add(errs, "verify: gids are %u/%u/%u, expected %u",
			  (unsigned)got.rgid, (unsigned)got.egid,
			  (unsigned)got.sgid, (unsigned)w->rgid);
	if (!same_groups(&got, w))
		diags_add(errs,
			  "verify: supplementary groups differ from the "
			  "plan (%d groups, expected %d)",
			  got.ngroups, w->ngroups);
	if (got.securebits != w->securebits)
		diags_add(errs, "verify: securebits are 0x%x, expected 0x%x",
			  got.securebits, w->securebits);
	if (got.nnp != w->nnp)
		diags_add(errs, "verify: no_new_privs is %d, expected %d",
			  got.nnp, w->nnp);
	verify_limits(plan, &got, errs);
	return errs->n + errs->dropped > n0 ? -1 : 0;
}
