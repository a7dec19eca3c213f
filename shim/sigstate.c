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
 * and abort() unblocks SIGABRT. The C library's two internal real-time
 * signals are left out by sigfillset and are never forwarded.
 */
int sigstate_block(struct sigstate *s, struct diag *d)
{
	sigfillset(&s->handled);
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
