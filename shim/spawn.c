// SPDX-License-Identifier: MIT
/*
 * spawn.c - fork/exec with an exec-status pipe.
 *
 * The child reports a failed execvp through a close-on-exec pipe, so the
 * parent can tell "PROGRAM not found" (127) or "cannot run" (126) from a
 * program that ran and exited with that status. Between fork and exec the
 * child makes only system calls: no logging, no allocation.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"

/*
 * Only hand the terminal over if capinit is in its foreground group: a
 * capinit started in the background must not steal the terminal from the
 * user's shell. Under `unshare --pid` that group may lie outside capinit's
 * PID namespace, where tcgetpgrp() and getpgrp() both say 0; then ask the
 * terminal itself: a zero-byte read fails with EIO in a background group
 * (SIGTTIN is blocked here) and consumes nothing in the foreground.
 */
static bool should_take_tty(void)
{
	char byte;
	pid_t fg;

	if (!isatty(STDIN_FILENO))
		return false;
	fg = tcgetpgrp(STDIN_FILENO);
	if (fg > 0)
		return fg == getpgrp();
	return fg == 0 && read(STDIN_FILENO, &byte, 0) == 0;
}

static __attribute__((noreturn)) void exec_child(char *const argv[],
						 const struct sigstate *sig,
						 bool take_tty, int status_fd)
{
	int err;

	/* Its own group: group forwarding and job control address it. */
	setpgid(0, 0);
	/* SIGTTOU is still blocked here, so tcsetpgrp cannot stop us. */
	if (take_tty)
		(void)tcsetpgrp(STDIN_FILENO, getpid());
	if (sigstate_restore(sig) < 0) {
		err = errno;
	} else {
		execvp(argv[0], argv);
		err = errno;
	}
	if (write(status_fd, &err, sizeof(err)) < 0)
		_exit(126);
	_exit(err == ENOENT ? 127 : 126);
}

/* Wait for exec: EOF on the pipe means it succeeded. */
static int read_exec_status(int fd)
{
	int err = 0;
	ssize_t n;

	do {
		n = read(fd, &err, sizeof(err));
	} while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(err) ? err : 0;
}

/*
 * EAGAIN is RLIMIT_NPROC (the profile's [limits] nproc, or inherited),
 * which counts every process of the uid, not capinit's own; or, in a
 * container, more often its pids cgroup: say which limit was in force,
 * since the caller cannot see it.
 */
static int fork_failed(const char *prog, int err, struct diag *d)
{
	struct rlimit rl;

	if (err != EAGAIN || getrlimit(RLIMIT_NPROC, &rl) < 0)
		return diag_set(d, "cannot start %s: fork: %s", prog,
				strerror(err));
	if (rl.rlim_cur == RLIM_INFINITY)
		return diag_set(d,
				"cannot start %s: fork: %s (RLIMIT_NPROC is "
				"unlimited: a pids cgroup or kernel.threads-max "
				"refused)",
				prog, strerror(err));
	return diag_set(d,
			"cannot start %s: fork: %s (RLIMIT_NPROC is %llu for "
			"uid %u; a pids cgroup or kernel.threads-max can "
			"also refuse)",
			prog, strerror(err), (unsigned long long)rl.rlim_cur,
			(unsigned)getuid());
}

int spawn_program(char *const argv[], const struct sigstate *sig,
		  struct spawn_result *r, struct diag *d)
{
	int fds[2];
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->took_tty = should_take_tty();
	if (pipe2(fds, O_CLOEXEC) < 0)
		return diag_set(d, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		int err = errno;

		close(fds[0]);
		close(fds[1]);
		return fork_failed(argv[0], err, d);
	}
	if (pid == 0) {
		close(fds[0]);
		exec_child(argv, sig, r->took_tty, fds[1]);
	}
	close(fds[1]);
	/* Both sides set the group, so no signal can race the child's own call. */
	(void)setpgid(pid, pid);
	r->pid = pid;
	r->exec_errno = read_exec_status(fds[0]);
	close(fds[0]);
	if (r->exec_errno) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	return 0;
}
