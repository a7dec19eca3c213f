// SPDX-License-Identifier: MIT
/*
 * sigstate.c - block, read and restore signals. Owns no global state.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigstate.h"

/* The kernel's signal mask is the first 64 bits of a sigset_t, bit N-1
 * for signal N, with glibc and with musl. */
static void add_reserved(sigset_t *set, int signo)
{
	uint64_t mask;

	memcpy(&mask, set, sizeof(mask));
	mask |= UINT64_C(1) << (signo - 1);
	memcpy(set, &mask, sizeof(mask));
}

static int kernel_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	return (int)syscall(SYS_rt_sigprocmask, how, set, old,
			    sizeof(uint64_t));
}

/*
 * An inherited SIG_IGN for SIGCHLD would make the kernel reap capinit's
 * children itself: waitpid would never see PROGRAM's exit status. Blocked
 * signals are queued even when ignored, so for the others this is not
 * needed, but one rule for all is simpler to reason about: every inherited
 * SIG_IGN becomes SIG_DFL here (harmless, all are blocked) and is given
 * back to the child.
 */
static int reset_ignored(struct sigstate *s, struct diag *d)
{
	struct sigaction sa;
	int signo;

	sigemptyset(&s->orig_ignored);
	for (signo = 1; signo < NSIG; signo++) {
		if (!sigismember(&s->handled, signo) || signo == SIGKILL ||
		    signo == SIGSTOP)
			continue;
		if (sigaction(signo, NULL, &sa) < 0)
			continue; /* reserved by the C library: not ours */
		if (sa.sa_handler != SIG_IGN)
			continue;
		sigaddset(&s->orig_ignored, signo);
		sa.sa_handler = SIG_DFL;
		if (sigaction(signo, &sa, NULL) < 0)
			return diag_set(d, "sigaction(%d): %s", signo,
					strerror(errno));
	}
	return 0;
}

/*
 * Everything is blocked, the fault signals too, so that `kill -SEGV 1` is
 * forwarded like any other. A real fault in capinit still kills it: the
 * kernel unblocks a synchronous fault signal it forces (force_sig_fault),
 * and abort() unblocks SIGABRT. Signals 32 and 33 (the C library's own)
 * are left out and never forwarded. musl reserves 34 as well, for calls
 * that must reach every thread; capinit has one thread, so it takes 34
 * too (sigaddset refuses it there, hence add_reserved) and both builds
 * forward the same signals. The mask goes to the kernel directly: the C
 * library's wrappers hide the signals they reserve from the old mask,
 * which the child must get back exactly.
 */
int sigstate_block(struct sigstate *s, struct diag *d)
{
	sigfillset(&s->handled);
	for (int signo = 34; signo < SIGRTMIN; signo++)
		add_reserved(&s->handled, signo);
	sigemptyset(&s->orig_mask);
	if (kernel_sigmask(SIG_BLOCK, &s->handled, &s->orig_mask) < 0)
		return diag_set(d, "sigprocmask: %s", strerror(errno));
	return reset_ignored(s, d);
}

int sigstate_signalfd(const struct sigstate *s, struct diag *d)
{
	int fd = signalfd(-1, &s->handled, SFD_CLOEXEC);

	if (fd < 0)
		return diag_set(d, "signalfd: %s", strerror(errno));
	return fd;
}

int sigstate_restore(const struct sigstate *s)
{
	struct sigaction sa;
	int signo;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	for (signo = 1; signo < NSIG; signo++)
		if (sigismember(&s->orig_ignored, signo) &&
		    sigaction(signo, &sa, NULL) < 0)
			return -1;
	return kernel_sigmask(SIG_SETMASK, &s->orig_mask, NULL);
}
