/* SPDX-License-Identifier: MIT */
/*
 * ident - who the entrypoint will be: the profile's [user] section resolved
 * against the image's /etc/passwd and /etc/group into numbers.
 */
#ifndef CAPINIT_IDENT_H
#define CAPINIT_IDENT_H

#include <stdbool.h>
#include <sys/types.h>

#include "diag.h"
#include "profile.h"

struct ident {
	bool set_user; /* [user] user given: switch ids, set HOME/USER/LOGNAME */
	bool set_gid;  /* gid to set (user or group given) */
	bool set_groups; /* supplementary groups to set */
	bool in_passwd;  /* the user has an entry in /etc/passwd */
	uid_t uid;
	gid_t gid;
	int ngroups;
	gid_t groups[PROFILE_MAX_GROUPS];
	char name[PROFILE_NAME_MAX]; /* for USER and LOGNAME */
	char home[256];
};

/*
 * ident_resolve - resolve @p's [user] section with the account files
 * @passwd and @group (normally /etc/passwd and /etc/group). Ids and groups
 * the profile leaves out stay @cur_uid / @cur_gid. Returns 0, or -1 with
 * every problem in @errs as "FILE:LINE: message".
 */
int ident_resolve(const struct profile *p, const char *passwd,
		  const char *group, uid_t cur_uid, gid_t cur_gid,
		  struct ident *id, struct diags *errs);

#endif
