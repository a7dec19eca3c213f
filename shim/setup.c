// SPDX-License-Identifier: MIT
/*
 * setup.c - process-level set-up of the supervisor itself. Changes no
 * credentials (that is privs.c's job alone).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "setup.h"

int setup_process(const struct profile *p, const struct ident *id,
		  struct diag *d)
{
	if (p->have_umask)
		umask(p->umask);
	if (p->workdir[0] && chdir(p->workdir) < 0)
		return diag_set(d, "%s:%d: workdir %s: %s", p->path,
				p->line_workdir, p->workdir, strerror(errno));
	if (id->set_user && (setenv("HOME", id->home, 1) < 0 ||
			     setenv("USER", id->name, 1) < 0 ||
			     setenv("LOGNAME", id->name, 1) < 0))
		return diag_set(d, "setenv: %s", strerror(errno));
	return 0;
}

int setup_subreaper(struct diag *d)
{
	if (getpid() == 1)
		return 0;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		return diag_set(
			d,
			"cannot become a child subreaper (%s): "
			"orphaned processes will not be reaped by capinit",
			strerror(errno));
	return 0;
}

int setup_pdeathsig(int signo, pid_t orig_ppid, struct diag *d)
{
	if (prctl(PR_SET_PDEATHSIG, signo, 0, 0, 0) < 0)
		return diag_set(d, "PR_SET_PDEATHSIG: %s", strerror(errno));
	/* As PID 1 of a namespace getppid() is 0 and never changes. */
	if (getppid() != orig_ppid && raise(signo) != 0)
		return diag_set(d, "raise: %s", strerror(errno));
	return 0;
}

/* Slow path for kernels without close_range(2) (before 5.9). */
static int close_via_proc(int keep_fd)
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *e;
	int dfd;

	if (dir == NULL)
		return -1;
	dfd = dirfd(dir);
	while ((e = readdir(dir)) != NULL) {
		char *end;
		long fd = strtol(e->d_name, &end, 10);

		if (*end != '\0' || e->d_name[0] == '.' || fd < 3 ||
		    fd == keep_fd || fd == dfd)
			continue;
		close((int)fd);
	}
	closedir(dir);
	return 0;
}

/* close_range(2) through syscall(2): musl (make musl) has no wrapper. */
static int close_fds(unsigned int first, unsigned int last)
{
	return (int)syscall(SYS_close_range, first, last, 0);
}

static int close_inherited(int keep_fd)
{
	unsigned int keep = (unsigned int)keep_fd;

	if (keep_fd < 3)
		return close_fds(3, ~0U);
	if (keep > 3 && close_fds(3, keep - 1) < 0)
		return errno == ENOSYS ? close_via_proc(keep_fd) : -1;
	if (close_fds(keep + 1, ~0U) < 0)
		return errno == ENOSYS ? close_via_proc(keep_fd) : -1;
	return 0;
}

int setup_detach(int keep_fd, struct diag *d)
{
	if (chdir("/") < 0)
		return diag_set(d, "chdir /: %s", strerror(errno));
	if (close_inherited(keep_fd) < 0)
		return diag_set(d, "closing inherited fds: %s",
				strerror(errno));
	return 0;
}
