/* SPDX-License-Identifier: MIT */
/*
 * passwd - read the image's own /etc/passwd and /etc/group, without NSS,
 * so static builds and distroless images resolve names the same way.
 * First match wins; malformed lines are skipped, as the C library does.
 */
#ifndef CAPINIT_PASSWD_H
#define CAPINIT_PASSWD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct passwd_entry {
	char name[64];
	uid_t uid;
	gid_t gid;
	char home[256];
};

/* passwd_parse_id - a decimal uid/gid 0..4294967294 into @id; -1 if not. */
int passwd_parse_id(const char *s, unsigned int *id);

/*
 * passwd_find - look @key (a name, or a number) up in the passwd file
 * @path. Returns 1 and fills @e if found, 0 if not, -1 if unreadable.
 */
int passwd_find(const char *path, const char *key, struct passwd_entry *e);

/* passwd_group_find - the gid of group @key (name or number) in @path. */
int passwd_group_find(const char *path, const char *key, gid_t *gid);

/*
 * passwd_user_groups - @primary plus every group of @path that lists
 * @user as a member (what initgroups(3) computes). Returns the count, -1
 * if unreadable, or PASSWD_TOO_MANY if there are more than @max.
 */
#define PASSWD_TOO_MANY (-2)
int passwd_user_groups(const char *path, const char *user, gid_t primary,
		       gid_t *out, size_t max);

#endif
