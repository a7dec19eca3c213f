// SPDX-License-Identifier: MIT
/*
 * ident.c - names to numbers. Never falls back to gid 0: a numeric user
 * without a passwd entry needs an explicit group (Docker, gosu and su-exec
 * silently keep gid 0 there).
 */
#include <stdio.h>
#include <string.h>

#include "ident.h"
#include "passwd.h"

static int resolve_group(const char *file, const char *key, gid_t *gid)
{
	unsigned int id;
	int r = passwd_group_find(file, key, gid);

	if (r != 0)
		return r;
	/* A number need not be in /etc/group. */
	if (passwd_parse_id(key, &id) == 0) {
		*gid = id;
		return 1;
	}
	return 0;
}

static void resolve_user(const struct profile *p, const char *passwd,
			 struct ident *id, struct diags *errs)
{
	struct passwd_entry e;
	unsigned int num;
	int r = passwd_find(passwd, p->user, &e);

	if (r < 0) {
		diags_add(errs, "%s:%d: user = %s: cannot read %s", p->path,
			  p->line_user, p->user, passwd);
		return;
	}
	if (r == 1) {
		id->in_passwd = true;
		id->uid = e.uid;
		id->gid = e.gid;
		snprintf(id->name, sizeof(id->name), "%s", e.name);
		snprintf(id->home, sizeof(id->home), "%s", e.home);
		return;
	}
	if (passwd_parse_id(p->user, &num) < 0) {
		diags_add(errs, "%s:%d: user '%s' is not in %s", p->path,
			  p->line_user, p->user, passwd);
		return;
	}
	if (p->group[0] == '\0')
		diags_add(errs,
			  "%s:%d: user %s is not in %s: set 'group' too "
			  "(capinit never falls back to gid 0)",
			  p->path, p->line_user, p->user, passwd);
	id->uid = num;
	snprintf(id->name, sizeof(id->name), "%s", p->user);
	snprintf(id->home, sizeof(id->home), "/");
}

static void resolve_groups(const struct profile *p, const char *group,
			   struct ident *id, struct diags *errs)
{
	gid_t g;
	int i, j, r;

	id->ngroups = 0;
	for (i = 0; i < p->ngroups; i++) {
		r = resolve_group(group, p->groups[i], &g);
		if (r <= 0) {
			diags_add(errs,
				  "%s:%d: supplementary_groups: group '%s' "
				  "is not in %s",
				  p->path, p->line_groups, p->groups[i], group);
			continue;
		}
		/* "4, adm" names one group twice: keep it once. */
		for (j = 0; j < id->ngroups && id->groups[j] != g; j++)
			;
		if (j == id->ngroups)
			id->groups[id->ngroups++] = g;
	}
}

int ident_resolve(const struct profile *p, const char *passwd,
		  const char *group, uid_t cur_uid, gid_t cur_gid,
		  struct ident *id, struct diags *errs)
{
	int n0 = errs->n + errs->dropped, r;

	memset(id, 0, sizeof(*id));
	id->uid = cur_uid;
	id->gid = cur_gid;
	if (p->user[0]) {
		id->set_user = id->set_gid = true;
		resolve_user(p, passwd, id, errs);
	}
	if (p->group[0]) {
		id->set_gid = true;
		r = resolve_group(group, p->group, &id->gid);
		if (r <= 0)
			diags_add(errs, "%s:%d: group '%s' is not in %s",
				  p->path, p->line_group, p->group, group);
	}
	if (p->have_groups) {
		id->set_groups = true;
		resolve_groups(p, group, id, errs);
	} else if (p->user[0] && id->in_passwd) {
		/* The user's own groups, as initgroups(3) would set them. */
		r = passwd_user_groups(group, id->name, id->gid, id->groups,
				       PROFILE_MAX_GROUPS);
		if (r == PASSWD_TOO_MANY)
			diags_add(errs,
				  "%s:%d: user = %s: '%s' is in more than %d "
				  "groups in %s; list the ones the program "
				  "needs in supplementary_groups",
				  p->path, p->line_user, p->user, id->name,
				  PROFILE_MAX_GROUPS, group);
		else if (r < 0)
			diags_add(errs,
				  "%s:%d: user = %s: cannot read the "
				  "groups from %s",
				  p->path, p->line_user, p->user, group);
		id->ngroups = r < 0 ? 0 : r;
		id->set_groups = true;
	} else if (p->user[0]) {
		id->set_groups = true; /* numeric user without entry: none */
	}
	return errs->n + errs->dropped > n0 ? -1 : 0;
}
