// SPDX-License-Identifier: MIT
/*
 * forkfail.so - LD_PRELOAD into capinit only (through env(1), which does
 * not fork): every fork() fails with the errno FORKFAIL_ERRNO (a number).
 *
 * A simulation: no resource limit makes fork(2) itself fail with ENOMEM
 * on Linux (RLIMIT_AS is not checked when an address space is copied;
 * only a memory cgroup at its limit with nothing left to kill, or an
 * exhausted kernel, do that), so the load suite injects the error to check
 * what capinit says and does about it. The real EAGAIN of RLIMIT_NPROC is
 * tested without this.
 *
 * FORKFAIL_NPROC_UNLIMITED=1 also makes getrlimit(RLIMIT_NPROC) say
 * "unlimited": the case of a container whose pids cgroup refuses the fork,
 * which this machine cannot set up (it refuses to raise any limit).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

pid_t fork(void)
{
	const char *e = getenv("FORKFAIL_ERRNO");

	errno = e ? atoi(e) : ENOMEM;
	return -1;
}

int getrlimit(__rlimit_resource_t resource, struct rlimit *rl)
{
	typedef int getrlimit_fn(__rlimit_resource_t, struct rlimit *);
	getrlimit_fn *real = (getrlimit_fn *)dlsym(RTLD_NEXT, "getrlimit");

	if (resource == RLIMIT_NPROC && getenv("FORKFAIL_NPROC_UNLIMITED")) {
		rl->rlim_cur = rl->rlim_max = RLIM_INFINITY;
		return 0;
	}
	return real(resource, rl);
}
