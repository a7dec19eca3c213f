// SPDX-License-Identifier: MIT
/* passwd.c - colon-separated account files, read line by line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "passwd.h"

#define MAX_FIELDS 8

int passwd_parse_id(const char *s, unsigned int *id)
{
	unsigned long long v = 0;
	const char *p = s;

	if (*p == '\0' || (p[0] == '0' && p[1] != '\0'))
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (unsigned)(*p - '0');
		if (v > 4294967294ULL) /* (uid_t)-1 means "unchanged" */
			return -1;
	}
	*id = (unsigned int)v;
	return 0;
}

/* Split @line in place at ':'; returns the field count. */
static int split(char *line, char *f[MAX_FIELDS])
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	f[n++] = p;
	while ((p = strchr(p, ':')) != NULL && n < MAX_FIELDS) {
		*p++ = '\0';
		f[n++] = p;
	}
	return n;
}

/* Calls @fn for each well-formed line; stops when it returns non-zero. */
static int each_line(const char *path, int min_fields,
		     int (*fn)(char **f, int n, void *arg), void *arg)
{
	FILE *fp = fopen(path, "re");
	char line[4096];
	/* fn reads only f[0..n-1]; zeroed as -fanalyzer cannot tell. */
	char *f[MAX_FIELDS] = { 0 };
	int n, r = 0;

	if (fp == NULL)
		return errno == ENOENT ? 0 : -1;
	while (r == 0 && fgets(line, sizeof(line), fp)) {
		if (line[0] == '#' || line[0] == '+' || line[0] == '-')
			continue;
		n = split(line, f);
		if (n >= min_fields && f[0][0] != '\0')
			r = fn(f, n, arg);
	}
	(void)fclose(fp); /* read-only: nothing is lost */
	return r;
}

struct find {
	const char *key;
	bool numeric;
	unsigned int id;
	struct passwd_entry *e;
	gid_t gid;
};

static int match_passwd(char **f, int n, void *arg)
{
	struct find *q = arg;
	unsigned int uid, gid;

	(void)n;
	if (passwd_parse_id(f[2], &uid) < 0 || passwd_parse_id(f[3], &gid) < 0)
		return 0;
	if (q->numeric ? uid != q->id : strcmp(f[0], q->key) != 0)
		return 0;
	snprintf(q->e->name, sizeof(q->e->name), "%s", f[0]);
	snprintf(q->e->home, sizeof(q->e->home), "%s", f[5]);
	q->e->uid = uid;
	q->e->gid = gid;
	return 1;
}

int passwd_find(const char *path, const char *key, struct passwd_entry *e)
{
	struct find q = { .key = key, .e = e };

	q.numeric = passwd_parse_id(key, &q.id) == 0;
	return each_line(path, 7, match_passwd, &q);
}

static int match_group(char **f, int n, void *arg)
{
	struct find *q = arg;
	unsigned int gid;

	(void)n;
	if (passwd_parse_id(f[2], &gid) < 0)
		return 0;
	if (q->numeric ? gid != q->id : strcmp(f[0], q->key) != 0)
		return 0;
	q->gid = gid;
	return 1;
}

int passwd_group_find(const char *path, const char *key, gid_t *gid)
{
	struct find q = { .key = key };
	int r;

	q.numeric = passwd_parse_id(key, &q.id) == 0;
	r = each_line(path, 4, match_group, &q);
	if (r == 1)
		*gid = q.gid;
	return r;
}

struct members {
	const char *user;
	gid_t *out;
	size_t max, n;
	bool overflow;
};

static bool have(const struct members *m, gid_t g)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->out[i] == g)
			return true;
	return false;
}

static int add_if_member(char **f, int n, void *arg)
{
	struct members *m = arg;
	unsigned int gid;
	char *name, *save = NULL;

	(void)n;
	if (passwd_parse_id(f[2], &gid) < 0)
		return 0;
	for (name = strtok_r(f[3], ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		if (strcmp(name, m->user) != 0 || have(m, gid))
			continue;
		if (m->n == m->max) {
			m->overflow = true;
			return 1;
		}
		m->out[m->n++] = gid;
	}
	return 0;
}

int passwd_user_groups(const char *path, const char *user, gid_t primary,
		       gid_t *out, size_t max)
{
	struct members m = { user, out, max, 0, false };

	if (max == 0)
		return -1;
	out[m.n++] = primary;
	if (each_line(path, 4, add_if_member, &m) < 0)
		return -1;
	return m.overflow ? PASSWD_TOO_MANY : (int)m.n;
}
