// SPDX-License-Identifier: MIT
/*
 * plan.c - what the process must end up with. Pure: no system calls.
 *
 * The kept set follows Docker's rule: with "drop = ALL" it is "add";
 * otherwise the runtime's set minus "drop", plus "add". It is never more
 * than the runtime granted (permitted and bounding), whatever "add" says.
 *
 *   target root:      B = kept, P = E = kept, I = A = ambient (default none)
 *   target non-root:  B = kept, P = E = I = A = ambient (default kept)
 *   (root with the noroot securebit counts as non-root)
 *
 * Inheritable is always set explicitly: a stale inheritable capability
 * would otherwise reach a root child's permitted set at exec.
 */
#include <linux/capability.h>
#include <linux/securebits.h>
#include <stdio.h>
#include <string.h>

#include "caps.h"
#include "plan.h"

uint64_t plan_full_mask(int last_cap)
{
	if (last_cap >= 63)
		return ~UINT64_C(0);
	return (UINT64_C(1) << (last_cap + 1)) - 1;
}

static bool has(uint64_t mask, int cap)
{
	return (mask >> cap) & 1;
}

/* Capabilities the kernel does not have: an error in any list. */
static void check_known(const struct profile *p, const char *key, uint64_t mask,
			int line, int last_cap, struct diags *errs)
{
	char name[32];
	int cap;

	if (mask == ~UINT64_C(0))
		return; /* ALL */
	for (cap = last_cap + 1; cap < CAPS_MAX; cap++)
		if (has(mask, cap))
			diags_add(errs,
				  "%s:%d: %s: %s does not exist on this "
				  "kernel (last capability: %d)",
				  p->path, line, key, caps_name(cap, name),
				  last_cap);
}

static uint64_t kept_set(const struct profile *p, const struct capstate *cur,
			 uint64_t full, struct diags *errs, struct diags *warns)
{
	uint64_t granted = cur->prm & cur->bnd & full;
	uint64_t add = p->add & full;
	uint64_t keep, missing;
	char names[512];

	keep = p->drop_all ? add : ((granted & ~p->drop) | add);
	missing = add & ~granted;
	if (missing && p->add != ~UINT64_C(0)) {
		caps_format(missing, names, sizeof(names));
		if (p->strict)
			diags_add(errs,
				  "%s:%d: add: %s not granted by the "
				  "runtime (strict = yes)",
				  p->path, p->line_add, names);
		else
			diags_add(warns,
				  "%s:%d: add: %s not granted by the "
				  "runtime, left out",
				  p->path, p->line_add, names);
	}
	return keep & granted;
}

/*
 * Root gets the kept set at exec from the kernel's root rules, unless the
 * noroot securebit turns them off: then, as for any other user, only the
 * ambient set carries capabilities across exec.
 */
static bool root_is_special(const struct profile *p, const struct ident *id)
{
	return id->uid == 0 &&
	       !(p->have_securebits && (p->securebits & SECBIT_NOROOT));
}

static uint64_t ambient_set(const struct profile *p, const struct ident *id,
			    uint64_t keep, const struct sysinfo *sys,
			    struct diags *errs)
{
	uint64_t amb, full = plan_full_mask(sys->last_cap);
	char names[512];

	if (p->have_ambient) {
		amb = p->ambient == ~UINT64_C(0) ? keep : p->ambient;
		/* those the kernel lacks are check_known's to report */
		if (amb & ~keep & full) {
			caps_format(amb & ~keep & full, names, sizeof(names));
			diags_add(errs,
				  "%s:%d: ambient: %s not in the kept set",
				  p->path, p->line_ambient, names);
		}
		amb &= keep;
	} else {
		amb = root_is_special(p, id) ? 0 : keep;
	}
	if (amb && !sys->ambient_supported) {
		caps_format(amb, names, sizeof(names));
		diags_add(errs,
			  "%s:%d: ambient capabilities (%s) are not "
			  "supported by this kernel (Linux < 4.3, or gVisor)",
			  p->path,
			  p->have_ambient ? p->line_ambient : p->line_user,
			  names);
	}
	return amb;
}

static bool same_groups(const gid_t *a, int na, const gid_t *b, int nb)
{
	int i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && b[j] != a[i]; j++)
			;
		if (j == nb)
			return false;
	}
	return true;
}

static void plan_bounding(const struct profile *p, const struct capstate *cur,
			  struct privplan *plan, struct diags *errs,
			  struct diags *warns)
{
	bool need = (cur->bnd & ~plan->keep) != 0;
	bool can = has(cur->prm, CAP_SETPCAP);

	plan->want.bnd = cur->bnd & plan->keep;
	plan->narrow_bounding = need;
	if (!need || can)
		return;
	/*
	 * Without CAP_SETPCAP (a non-root start, a restricted pod) the
	 * bounding set cannot shrink. That is still safe when nothing can be
	 * gained at exec: no_new_privs blocks setuid and file capabilities,
	 * and every other set is narrowed below.
	 */
	plan->narrow_bounding = false;
	plan->want.bnd = cur->bnd;
	if (!plan->want.nnp)
		diags_add(errs,
			  "%s:%d: the bounding set cannot be narrowed "
			  "without CAP_SETPCAP, which is only safe with "
			  "no_new_privs = yes",
			  p->path, p->line_nnp);
	else
		diags_add(warns,
			  "%s: bounding set not narrowed (no "
			  "CAP_SETPCAP); safe: no_new_privs is set and no other "
			  "set holds more than the profile allows",
			  p->path);
}

/*
 * Without @cap, a process may only move among its current real, effective
 * and saved ids (@ids); refuse any other @want.
 */
static void check_switch(const struct profile *p, int line, const char *kind,
			 unsigned int want, const unsigned int ids[3],
			 const char *cap, bool capable, struct diags *errs)
{
	if (capable || want == ids[0] || want == ids[1] || want == ids[2])
		return;
	diags_add(errs,
		  "%s:%d: switching to %s %u needs %s, which capinit "
		  "does not have",
		  p->path, line, kind, want, cap);
}

/*
 * Without CAP_SETUID/CAP_SETGID in the effective set (a non-root start)
 * the kernel only lets a process move among the ids it already has, and
 * never change its groups: refuse here, before anything is applied, so that
 * --check says so too.
 */
static void plan_ids_allowed(const struct profile *p,
			     const struct capstate *cur,
			     const struct privplan *plan, struct diags *errs)
{
	const struct capstate *w = &plan->want;

	if (plan->set_groups && !has(cur->eff, CAP_SETGID))
		diags_add(errs,
			  "%s:%d: changing the supplementary groups needs "
			  "CAP_SETGID, which capinit does not have (set "
			  "supplementary_groups to the current ones)",
			  p->path, plan->line_groups);
	if (!plan->set_ids)
		return;
	check_switch(p, plan->line_user, "gid", w->rgid,
		     (const unsigned int[3]){ cur->rgid, cur->egid, cur->sgid },
		     "CAP_SETGID", has(cur->eff, CAP_SETGID), errs);
	check_switch(p, plan->line_user, "uid", w->ruid,
		     (const unsigned int[3]){ cur->ruid, cur->euid, cur->suid },
		     "CAP_SETUID", has(cur->eff, CAP_SETUID), errs);
}

static const char *rlim_text(rlim_t v, char *buf, size_t len)
{
	if (v == RLIM_INFINITY)
		return "unlimited";
	snprintf(buf, len, "%llu", (unsigned long long)v);
	return buf;
}

/*
 * setrlimit refuses a hard limit above the current one without
 * CAP_SYS_RESOURCE, and a nofile above fs.nr_open even to root, both as a
 * bare EPERM: say which and why, with the profile's line, before anything
 * is applied.
 */
static void plan_limits_allowed(const struct profile *p,
				const struct capstate *cur,
				const struct sysinfo *sys, struct diags *errs)
{
	char from[24], to[24];
	int i;

	for (i = 0; i < RLIM_NLIMITS; i++) {
		const struct profile_limit *l = &p->limits[i];

		if (!l->set)
			continue;
		if (i == RLIMIT_NOFILE && sys->nr_open &&
		    l->hard > sys->nr_open)
			diags_add(errs,
				  "%s:%d: nofile: %s is above the kernel's "
				  "fs.nr_open (%llu)",
				  p->path, l->line,
				  rlim_text(l->hard, to, sizeof(to)),
				  (unsigned long long)sys->nr_open);
		else if (l->hard > cur->limits[i].rlim_max &&
			 !has(cur->eff, CAP_SYS_RESOURCE))
			diags_add(errs,
				  "%s:%d: %s: raising the hard limit from %s "
				  "to %s needs CAP_SYS_RESOURCE, which capinit "
				  "does not have",
				  p->path, l->line, profile_limit_name(i),
				  rlim_text(cur->limits[i].rlim_max, from,
					    sizeof(from)),
				  rlim_text(l->hard, to, sizeof(to)));
	}
}

int plan_build(const struct profile *p, const struct ident *id,
	       const struct capstate *cur, const struct sysinfo *sys,
	       struct privplan *plan, struct diags *errs, struct diags *warns)
{
	uint64_t full = plan_full_mask(sys->last_cap);
	int n0 = errs->n + errs->dropped;
	struct capstate *w = &plan->want;

	memset(plan, 0, sizeof(*plan));
	plan->path = p->path;
	plan->last_cap = sys->last_cap;
	plan->line_caps = p->line_drop ? p->line_drop : p->line_add;
	plan->line_ambient = p->line_ambient;
	plan->line_user = p->line_user ? p->line_user : p->line_group;
	plan->line_groups = p->line_groups ? p->line_groups : plan->line_user;
	plan->line_nnp = p->line_nnp;
	plan->line_securebits = p->line_securebits;
	memcpy(plan->limits, p->limits, sizeof(plan->limits));
	plan_limits_allowed(p, cur, sys, errs);

	/* "drop" may name capabilities this kernel lacks: they are gone. */
	check_known(p, "add", p->add, p->line_add, sys->last_cap, errs);
	check_known(p, "ambient", p->ambient, p->line_ambient, sys->last_cap,
		    errs);

	plan->keep = kept_set(p, cur, full, errs, warns);
	w->amb = ambient_set(p, id, plan->keep, sys, errs);
	w->inh = w->amb;
	w->prm = w->eff = root_is_special(p, id) ? plan->keep : w->amb;
	w->nnp = p->no_new_privs || cur->nnp;
	if (!p->no_new_privs && cur->nnp)
		diags_add(warns,
			  "%s:%d: no_new_privs = no, but the runtime set "
			  "it already (it cannot be unset)",
			  p->path, p->line_nnp);
	plan_bounding(p, cur, plan, errs, warns);

	w->ruid = w->euid = w->suid = id->uid;
	w->rgid = w->egid = w->sgid = id->gid;
	plan->set_ids = id->set_user || id->set_gid;
	if (id->set_groups) {
		w->ngroups = id->ngroups;
		memcpy(w->groups, id->groups,
		       sizeof(gid_t) * (size_t)id->ngroups);
	} else {
		w->ngroups = cur->ngroups;
		memcpy(w->groups, cur->groups,
		       sizeof(gid_t) * (size_t)cur->ngroups);
	}
	plan->set_groups =
		!same_groups(w->groups, w->ngroups, cur->groups, cur->ngroups);
	plan_ids_allowed(p, cur, plan, errs);

	w->securebits = cur->securebits;
	if (p->have_securebits) {
		w->securebits = p->securebits;
		plan->set_securebits = p->securebits != cur->securebits;
		if (plan->set_securebits && !has(cur->prm, CAP_SETPCAP))
			diags_add(errs,
				  "%s:%d: securebits: setting them needs "
				  "CAP_SETPCAP, which the runtime did not grant",
				  p->path, p->line_securebits);
	}
	return errs->n + errs->dropped > n0 ? -1 : 0;
}
