// SPDX-License-Identifier: MIT
/*
 * proctree.c - a snapshot of /proc as (pid, ppid, pgid) triples, and the
 * signalling of a subset of it. Used only on the shutdown path.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctree.h"

struct proc {
	pid_t pid, ppid, pgid;
	bool target;
};

/* Parse "pid (comm) S ppid pgrp ..."; comm may hold spaces and ')'. */
static int read_stat(pid_t pid, struct proc *p)
{
	char path[64], buf[512];
	const char *rp;
	ssize_t n;
	int fd, ppid, pgid;
	char state;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	rp = strrchr(buf, ')');
	/* The kernel writes these fields: pids always fit an int. */
	/* NOLINTBEGIN(cert-err34-c) */
	if (rp == NULL ||
	    sscanf(rp + 1, " %c %d %d", &state, &ppid, &pgid) != 3)
		return -1;
	/* NOLINTEND(cert-err34-c) */
	p->pid = pid;
	p->ppid = ppid;
	p->pgid = pgid;
	p->target = false;
	return 0;
}

static struct proc *snapshot(size_t *count)
{
	DIR *dir = opendir("/proc");
	struct proc *v = NULL, *nv;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (dir == NULL)
		return NULL;
	while ((e = readdir(dir)) != NULL) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);

		if (*end != '\0' || pid <= 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			nv = realloc(v, cap * sizeof(*v));
			if (nv == NULL) {
				free(v);
				closedir(dir);
				return NULL;
			}
			v = nv;
		}
		if (read_stat((pid_t)pid, &v[n]) == 0)
			n++;
	}
	closedir(dir);
	*count = n;
	return v ? v : calloc(1, sizeof(*v));
}

static int cmp_pid(const void *a, const void *b)
{
	const struct proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static struct proc *find(struct proc *v, size_t n, pid_t pid)
{
	struct proc key = { .pid = pid };

	return bsearch(&key, v, n, sizeof(*v), cmp_pid);
}

/*
 * Mark the descendants of @self. Each process is resolved once by walking
 * up its ancestors (v is sorted by pid); the walk is bounded by @n so a
 * snapshot taken mid-reparenting cannot loop.
 */
static void mark_descendants(struct proc *v, size_t n, pid_t self)
{
	size_t i, steps;
	struct proc *a;

	qsort(v, n, sizeof(*v), cmp_pid);
	for (i = 0; i < n; i++) {
		a = &v[i];
		for (steps = 0; a != NULL && steps < n; steps++) {
			if (a->ppid == self || a->target) {
				v[i].target = true;
				break;
			}
			if (a->ppid <= 1)
				break;
			a = find(v, n, a->ppid);
		}
	}
}

int proctree_signal(int signo, const struct proctree_skip *skip)
{
	pid_t self = getpid();
	struct proc *v;
	size_t n = 0, i;
	int sent = 0;

	v = snapshot(&n);
	if (v == NULL)
		return -1;
	if (self == 1) {
		for (i = 0; i < n; i++)
			v[i].target = v[i].pid != self;
	} else {
		mark_descendants(v, n, self);
	}
	for (i = 0; i < n; i++) {
		if (!v[i].target || v[i].pid == skip->pid ||
		    (skip->pgid && v[i].pgid == skip->pgid))
			continue;
		if (kill(v[i].pid, signo) == 0)
			sent++;
	}
	free(v);
	return sent;
}
