// SPDX-License-Identifier: MIT
/*
 * sigstate.c - block, read and restore signals. Owns no global state.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>

#include "sigstate.h"

/*
 * Signals the kernel raises synchronously on a fault stay unblocked: if
 * capinit itself crashes it must die visibly, not spin on a blocked fault.
 */
static const int synchronous_signals[] = {
	SIGFPE, SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGTRAP, SIGSYS,
};

int sigstate_is_synchronous(int signo)
{
	size_t i;

	for (i = 0; i < sizeof(synchronous_signals) / sizeof(int); i++)
		if (synchronous_signals[i] == signo)
			return 1;
	return 0;
}

/*
 * An inherited SIG_IGN would make the kernel discard that signal before it
 * reaches the signalfd, so capinit could not forward it. Reset such signals
 * to SIG_DFL (harmless: they are blocked) and remember them for the child.
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

int sigstate_block(struct sigstate *s, struct diag *d)
{
	size_t i;

	sigfillset(&s->handled);
	for (i = 0; i < sizeof(synchronous_signals) / sizeof(int); i++)
		sigdelset(&s->handled, synchronous_signals[i]);
	if (sigprocmask(SIG_BLOCK, &s->handled, &s->orig_mask) < 0)
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
	return sigprocmask(SIG_SETMASK, &s->orig_mask, NULL);
}
