// SPDX-License-Identifier: MIT
/*
 * supervise.c - capinit's main loop, after the spawn.
 *
 * One blocking read of the signalfd: an idle capinit makes no system call
 * and no context switch. Only while a grace period runs does a poll with a
 * timeout come first.
 * From here on capinit must not die (catatonit's rule): every failure is a
 * warning and the loop goes on.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exitcodes.h"
#include "log.h"
#include "proctree.h"
#include "signame.h"
#include "supervise.h"

void sup_init(struct supervisor *s, const struct init_opts *o, int sfd,
	      pid_t child)
{
	memset(s, 0, sizeof(*s));
	s->opts = o;
	s->sfd = sfd;
	s->self = getpid();
	s->child = child;
	s->children_left = true;
}

int sup_exit_status(const struct init_opts *o, int wstatus)
{
	int status;

	if (WIFSIGNALED(wstatus))
		status = CAPINIT_EX_SIGBASE + WTERMSIG(wstatus);
	else
		status = WEXITSTATUS(wstatus);
	return opts_map_exit(o, status & 0xff);
}

/* Reap every zombie; note the main child and whether any child is left. */
static void reap(struct supervisor *s)
{
	int wstatus;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &wstatus, WNOHANG);
		if (pid == 0)
			return;
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno != ECHILD)
				log_warn("waitpid: %s", strerror(errno));
			s->children_left = false;
			return;
		}
		if (pid == s->child) {
			s->child_done = true;
			s->child_status = wstatus;
			log_info("main child %d exited, status %d", (int)pid,
				 sup_exit_status(s->opts, wstatus));
		} else {
			log_debug("reaped zombie %d", (int)pid);
		}
	}
}

/*
 * Every other process. With @spare_main, the main child (and with -g its
 * group), which got the forwarded signal already, is left out.
 */
static void signal_others(struct supervisor *s, int signo, bool spare_main)
{
	struct proctree_skip skip = { 0, 0 };
	char name[SIGNAME_MAX];
	int n;

	if (spare_main && !s->child_done) {
		skip.pid = s->child;
		skip.pgid = s->opts->kill_group ? s->child : 0;
	}
	n = proctree_signal(signo, &skip);
	if (n < 0 && s->self == 1) {
		/* No /proc: every process but PID 1 itself. */
		n = kill(-1, signo) == 0 ? -2 : -1;
	}
	if (n == -1)
		log_warn("cannot send %s to the remaining processes: %s",
			 signame_format(signo, name), strerror(errno));
	else
		log_info("sent %s to the remaining processes",
			 signame_format(signo, name));
}

/*
 * How long to wait for SIGKILLed processes. They die at once unless they
 * cannot be signalled at all (another user's process, once capinit has
 * dropped to a non-root user); capinit must not wait for those forever.
 */
#define SUP_KILL_WAIT_MS 1000

static void set_deadline(struct supervisor *s, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, &s->deadline);
	s->deadline.tv_sec += ms / 1000;
	s->deadline.tv_nsec += (ms % 1000) * 1000000L;
	if (s->deadline.tv_nsec >= 1000000000L) {
		s->deadline.tv_sec++;
		s->deadline.tv_nsec -= 1000000000L;
	}
}

static void start_drain(struct supervisor *s)
{
	if (s->draining || s->opts->grace_ms <= 0)
		return;
	s->draining = true;
	set_deadline(s, s->opts->grace_ms);
	log_info("graceful shutdown: %ld ms before SIGKILL", s->opts->grace_ms);
	signal_others(s, SIGTERM, true);
}

static void kill_everything(struct supervisor *s)
{
	s->killed = true;
	set_deadline(s, SUP_KILL_WAIT_MS);
	log_warn("grace period over: sending SIGKILL");
	if (!s->child_done && kill(s->child, SIGKILL) < 0 && errno != ESRCH)
		log_warn("kill %d: %s", (int)s->child, strerror(errno));
	signal_others(s, SIGKILL, false);
}

static void forward(struct supervisor *s, const struct signalfd_siginfo *si)
{
	int signo = (int)si->ssi_signo;
	int to = opts_rewrite_signal(s->opts, signo);
	pid_t target = s->opts->kill_group ? -s->child : s->child;
	char a[SIGNAME_MAX], b[SIGNAME_MAX];

	/* A SIGPIPE from capinit's own write to a closed stderr is ours. */
	if (signo == SIGPIPE && si->ssi_code == SI_USER &&
	    (pid_t)si->ssi_pid == s->self)
		return;
	/* Names are formatted only when logged: this is the hot path. */
	bool say = log_get_level() >= LOG_LEVEL_INFO;

	if (to == 0 || s->child_done) {
		if (say)
			log_info("%s not forwarded", signame_format(signo, a));
	} else {
		if (say)
			log_info("forwarding %s as %s to %d",
				 signame_format(signo, a),
				 signame_format(to, b), (int)target);
		if (kill(target, to) < 0 && errno != ESRCH)
			log_warn("kill %d: %s", (int)target, strerror(errno));
	}
	if (signo == s->opts->stop_signal)
		start_drain(s);
}

static int ms_until(const struct timespec *t)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(t->tv_sec - now.tv_sec) * 1000 +
	     (t->tv_nsec - now.tv_nsec) / 1000000;
	if (ms < 0)
		return 0;
	/* Rounded up, so the timer has expired when the wait ends. */
	return ms >= 0x7fffffff ? 0x7fffffff : (int)ms + 1;
}

static bool finished(struct supervisor *s)
{
	if (!s->child_done)
		return false;
	if (!s->draining) {
		/* Main child gone: start the grace period or leave now. */
		start_drain(s);
		if (!s->draining)
			return true;
	}
	return !s->children_left || s->abandoned;
}

static void read_signals(struct supervisor *s)
{
	struct signalfd_siginfo si[16];
	ssize_t n, i;

	n = read(s->sfd, si, sizeof(si));
	if (n < 0) {
		if (errno != EINTR && errno != EAGAIN)
			log_warn("reading signals: %s", strerror(errno));
		return;
	}
	for (i = 0; i < n / (ssize_t)sizeof(si[0]); i++) {
		if (si[i].ssi_signo == SIGCHLD)
			reap(s);
		else
			forward(s, &si[i]);
	}
}

int sup_run(struct supervisor *s)
{
	struct pollfd pfd = { .fd = s->sfd, .events = POLLIN };
	int timeout, r;

	/* The child may already be gone, its SIGCHLD queued: reap first. */
	reap(s);
	while (!finished(s)) {
		/* No timer running: one blocking read, no poll (hot path). */
		if (!s->draining || s->abandoned) {
			read_signals(s);
			continue;
		}
		timeout = ms_until(&s->deadline);
		r = poll(&pfd, 1, timeout);
		if (r < 0) {
			if (errno != EINTR)
				log_warn("poll: %s", strerror(errno));
			continue;
		}
		if (r == 0 && !s->killed) {
			kill_everything(s);
			reap(s);
			continue;
		}
		if (r == 0) {
			log_warn("processes survived SIGKILL (not capinit's to "
				 "signal?): exiting without them");
			s->abandoned = true;
			if (!s->child_done) { /* the main child among them */
				s->child_done = true;
				s->child_status =
					SIGKILL; /* wait status: killed */
			}
			continue;
		}
		read_signals(s);
	}
	return sup_exit_status(s->opts, s->child_status);
}
