// SPDX-License-Identifier: MIT
/*
 * initbench.c - the measuring side of bench/run.sh. Every init under test
 * runs as PID 1 of a fresh PID namespace:
 *
 *   unshare --pid --fork --mount-proc [INIT ARGS...] PROGRAM...
 *
 * A configuration ("CFG") is one argument NAME or NAME|ARG0|ARG1...: the
 * init's command line, split on '|'. NAME alone is the bare program with no
 * init. Configurations are measured round-robin, the starting one rotating
 * each round, so a slow drift of the machine hits all of them alike.
 *
 *   initbench startup RUNS WARMUP PROGRAM CFG...
 *       wall time of the whole unshare command running PROGRAM (e.g.
 *       /bin/true): "startup NAME ..." (see summary() for the numbers)
 *   initbench rss REPS PINGEE CFG...
 *       memory of the init (host pid = unshare's child) once its child
 *       PINGEE is up and asleep, from /proc/PID/status, medians in KiB:
 *       "rss NAME VmHWM min_VmHWM max_VmHWM VmRSS RssAnon RssFile"
 *   initbench idle SECS PINGEE CFG...
 *       all CFGs started side by side, each with PINGEE as its child; the
 *       init's voluntary+nonvoluntary context switches from t=1s to
 *       t=1s+SECS after the child is ready: "ctxt NAME delta vol nonvol"
 *   initbench siglat SESSIONS PINGS GAP_US PINGEE CFG...
 *       SESSIONS times: start all CFGs side by side, then PINGS rounds of
 *       one SIGUSR1 per CFG sent to the init's host pid, one at a time,
 *       GAP_US apart; the latency is kill() .. the child's handler running.
 *       "siglat NAME ..." over all pings, in ns.
 *   initbench reap RUNS ORPHANS MODE N CFG...
 *       runs "ORPHANS MODE N" under each CFG: "reap_MODE_total NAME ...",
 *       "reap_MODE_drain NAME ...", "reap_MODE_cpu NAME ..." (ns; no cpu
 *       line for the bare program) and "reap_retries NAME max_retries".
 *
 * Anything unexpected (an init that fails to start its child, a wrong exit
 * status, a child that never gets ready) is fatal: a benchmark of a broken
 * run would be a lie.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_CFG 16
#define MAX_ARGS 32

struct cfg {
	char *name;
	char *argv[MAX_ARGS]; /* unshare ... INIT ARGS..., then the program */
	int nprefix;          /* argv entries before the program */
};

/* One running "unshare ... INIT PROGRAM" with its stdout on a pipe. */
struct run {
	pid_t unshare_pid;
	pid_t init_pid; /* host pid of PID 1 of the namespace */
	int out;        /* read end of the program's stdout */
};

static struct cfg cfgs[MAX_CFG];
static int ncfg;

/* Runs still going, so that an error or ^C leaves no namespace behind. */
static struct run *live[MAX_CFG];
static pid_t child_of(pid_t parent);
static void kill_live(void);

static __attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt,
								   ...)
{
	va_list ap;

	fputs("initbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	kill_live();
	exit(1);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until(int64_t t)
{
	struct timespec ts = { t / 1000000000, t % 1000000000 };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
}

static long parse_long(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0)
		die("bad %s: '%s'", what, s);
	return v;
}

/* execvp wants char *const[]: writable copies of the fixed words. */
static char a_unshare[] = "unshare", a_pid[] = "--pid", a_fork[] = "--fork",
	    a_mount_proc[] = "--mount-proc";

static void parse_cfgs(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		struct cfg *c = &cfgs[ncfg];
		char *tok, *save = NULL;
		int n = 0;

		if (ncfg == MAX_CFG)
			die("too many configurations");
		c->argv[n++] = a_unshare;
		c->argv[n++] = a_pid;
		c->argv[n++] = a_fork;
		c->argv[n++] = a_mount_proc;
		c->name = strtok_r(argv[i], "|", &save);
		if (c->name == NULL)
			die("empty configuration");
		while ((tok = strtok_r(NULL, "|", &save)) != NULL) {
			if (n >= MAX_ARGS - 8)
				die("%s: too many arguments", c->name);
			c->argv[n++] = tok;
		}
		c->nprefix = n;
		ncfg++;
	}
	if (ncfg == 0)
		die("no configuration given");
}

/* Fill in the program's argv after the prefix; @prog is NULL-terminated. */
static void set_program(struct cfg *c, char *const prog[])
{
	int i, n = c->nprefix;

	for (i = 0; prog[i] != NULL; i++) {
		if (n >= MAX_ARGS - 1)
			die("%s: too many arguments", c->name);
		c->argv[n++] = prog[i];
	}
	c->argv[n] = NULL;
}

/* posix_spawn (a vfork underneath), stdin from /dev/null, stdout as given. */
static pid_t spawn(struct cfg *c, int out_fd)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (out_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY,
						 0);
	err = posix_spawnp(&pid, c->argv[0], &fa, NULL, c->argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		die("spawn %s: %s", c->argv[0], strerror(err));
	return pid;
}

static int wait_status(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid %d: %s", (int)pid, strerror(errno));
	return st;
}

static void expect_success(const struct cfg *c, int st)
{
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return;
	if (WIFEXITED(st))
		die("%s: exited with status %d", c->name, WEXITSTATUS(st));
	die("%s: killed by signal %d", c->name,
	    WIFSIGNALED(st) ? WTERMSIG(st) : -1);
}

/* The host pid of the only child of @parent (scan of /proc/PID/stat). */
static pid_t child_of(pid_t parent)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = 0;

	if (d == NULL)
		die("/proc: %s", strerror(errno));
	while (found == 0 && (e = readdir(d)) != NULL) {
		char path[300], buf[512], *rp;
		int fd, ppid;
		ssize_t n;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		rp = strrchr(buf, ')');
		if (rp && sscanf(rp + 1, " %*c %d", &ppid) == 1 &&
		    ppid == (int)parent)
			found = (pid_t)atoi(e->d_name);
	}
	closedir(d);
	return found;
}

/* SIGKILL to PID 1 of a namespace takes the whole namespace down. */
static void kill_live(void)
{
	pid_t pid;
	int i;

	for (i = 0; i < MAX_CFG; i++) {
		if (live[i] == NULL)
			continue;
		pid = live[i]->init_pid ? live[i]->init_pid
					: child_of(live[i]->unshare_pid);
		if (pid > 0)
			kill(pid, SIGKILL);
		kill(live[i]->unshare_pid, SIGKILL); /* ours, not reaped yet */
		waitpid(live[i]->unshare_pid, NULL, 0);
		live[i] = NULL;
	}
}

static void on_fatal_signal(int signo)
{
	(void)signo;
	kill_live();
	_exit(130);
}

static void track(struct run *r, bool on)
{
	int i;

	for (i = 0; i < MAX_CFG; i++) {
		if (on && live[i] == NULL) {
			live[i] = r;
			return;
		}
		if (!on && live[i] == r) {
			live[i] = NULL;
			return;
		}
	}
	if (on)
		die("too many runs at once");
}

/* Read exactly @len bytes within @timeout_ms, or die. */
static void read_full(int fd, void *buf, size_t len, int timeout_ms,
		      const char *who)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		int r = poll(&p, 1, timeout_ms);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			die("%s: no answer within %d ms", who, timeout_ms);
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("%s: its output closed early", who);
		got += (size_t)n;
	}
}

static void start(struct cfg *c, char *const prog[], struct run *r)
{
	int fds[2];

	if (pipe2(fds, O_CLOEXEC) < 0)
		die("pipe: %s", strerror(errno));
	set_program(c, prog);
	r->unshare_pid = spawn(c, fds[1]);
	close(fds[1]);
	r->out = fds[0];
	r->init_pid = 0;
	track(r, true);
}

/* Wait for the pingee's ready record, then find the init's host pid. */
static void await_ready(const struct cfg *c, struct run *r)
{
	uint64_t v;

	read_full(r->out, &v, sizeof(v), 10000, c->name);
	if (v != 0)
		die("%s: unexpected ready record", c->name);
	r->init_pid = child_of(r->unshare_pid);
	if (r->init_pid == 0)
		die("%s: no child of unshare %d found", c->name,
		    (int)r->unshare_pid);
}

/*
 * End a run cleanly: SIGUSR2 to the init, forwarded to the pingee, which
 * exits 0, and so must the init and unshare. If that takes more than 5 s,
 * SIGKILL PID 1 (which takes the whole namespace down) and give up.
 */
static void stop(const struct cfg *c, struct run *r)
{
	int64_t deadline = now_ns() + 5000000000LL;
	pid_t got;
	int st;

	if (kill(r->init_pid, SIGUSR2) < 0)
		die("%s: kill %d: %s", c->name, (int)r->init_pid,
		    strerror(errno));
	while ((got = waitpid(r->unshare_pid, &st, WNOHANG)) == 0 &&
	       now_ns() < deadline)
		sleep_until(now_ns() + 1000000);
	if (got == 0) {
		kill(r->init_pid, SIGKILL);
		wait_status(r->unshare_pid);
		track(r, false);
		die("%s: did not exit within 5 s of SIGUSR2", c->name);
	}
	if (got < 0)
		die("waitpid: %s", strerror(errno));
	track(r, false);
	expect_success(c, st);
	close(r->out);
}

/* A "Key:  value" number from /proc/PID/status, or die. */
static long status_field(pid_t pid, const char *key)
{
	char path[64], line[256];
	size_t klen = strlen(key);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			v = strtol(line + klen + 1, NULL, 10);
			break;
		}
	fclose(f);
	if (v < 0)
		die("%s: no %s", path, key);
	return v;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Sorts @v; the q-quantile by the nearest-rank method, median averaged. */
static int64_t quantile(int64_t *v, long n, double q)
{
	long k;

	qsort(v, (size_t)n, sizeof(*v), cmp_i64);
	if (q == 0.5)
		return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	k = (long)(q * (double)n + 0.5) - 1;
	if (k < 0)
		k = 0;
	if (k >= n)
		k = n - 1;
	return v[k];
}

/*
 * "KEY NAME median lo hi p10 p90": lo..hi is a distribution-free 95%
 * confidence interval of the median, the order statistics of ranks
 * n/2 - 0.98 sqrt(n) and n/2 + 1 + 0.98 sqrt(n) (1-based, clamped). With
 * fewer than 6 samples that is simply min..max.
 */
static void summary(const char *key, const char *name, int64_t *v, long n)
{
	double h = 0.98 * sqrt((double)n);
	long j = (long)floor((double)n / 2 - h);
	long k = (long)ceil((double)n / 2 + 1 + h);
	int64_t med = quantile(v, n, 0.5); /* sorts v */

	if (j < 1)
		j = 1;
	if (k > n)
		k = n;
	printf("%s %s %lld %lld %lld %lld %lld\n", key, name, (long long)med,
	       (long long)v[j - 1], (long long)v[k - 1],
	       (long long)quantile(v, n, 0.1), (long long)quantile(v, n, 0.9));
}

static int64_t *xcalloc(long n)
{
	int64_t *p = calloc((size_t)(n > 0 ? n : 1), sizeof(int64_t));

	if (p == NULL)
		die("out of memory");
	return p;
}

static int cmd_startup(int argc, char **argv)
{
	long runs, warmup, r;
	int64_t *t[MAX_CFG];
	char *prog[2];
	int k, i;

	if (argc < 5)
		die("usage: startup RUNS WARMUP PROGRAM CFG...");
	runs = parse_long(argv[1], "RUNS");
	warmup = parse_long(argv[2], "WARMUP");
	prog[0] = argv[3];
	prog[1] = NULL;
	parse_cfgs(argc - 4, argv + 4);
	if (runs < 1)
		die("RUNS must be at least 1");
	for (i = 0; i < ncfg; i++) {
		t[i] = xcalloc(runs);
		set_program(&cfgs[i], prog);
	}
	for (r = -warmup; r < runs; r++) {
		for (k = 0; k < ncfg; k++) {
			struct cfg *c;
			int64_t t0, t1;
			int st;

			i = (int)((k + (r < 0 ? -r : r)) % ncfg);
			c = &cfgs[i];
			t0 = now_ns();
			st = wait_status(spawn(c, -1));
			t1 = now_ns();
			expect_success(c, st);
			if (r >= 0)
				t[i][r] = t1 - t0;
		}
	}
	for (i = 0; i < ncfg; i++)
		summary("startup", cfgs[i].name, t[i], runs);
	return 0;
}

static int cmd_rss(int argc, char **argv)
{
	static const char *const keys[] = { "VmHWM", "VmRSS", "RssAnon",
					    "RssFile" };
	int64_t *v[MAX_CFG][4];
	char *prog[2];
	long reps, r;
	int k, i, j;

	if (argc < 4)
		die("usage: rss REPS PINGEE CFG...");
	reps = parse_long(argv[1], "REPS");
	prog[0] = argv[2];
	prog[1] = NULL;
	parse_cfgs(argc - 3, argv + 3);
	if (reps < 1)
		die("REPS must be at least 1");
	for (i = 0; i < ncfg; i++)
		for (j = 0; j < 4; j++)
			v[i][j] = xcalloc(reps);
	for (r = 0; r < reps; r++) {
		for (k = 0; k < ncfg; k++) {
			struct run run;

			i = (int)((k + r) % ncfg);
			start(&cfgs[i], prog, &run);
			await_ready(&cfgs[i], &run);
			for (j = 0; j < 4; j++)
				v[i][j][r] = status_field(run.init_pid, keys[j]);
			stop(&cfgs[i], &run);
		}
	}
	for (i = 0; i < ncfg; i++)
		printf("rss %s %lld %lld %lld %lld %lld %lld\n", cfgs[i].name,
		       (long long)quantile(v[i][0], reps, 0.5),
		       (long long)quantile(v[i][0], reps, 0.0),
		       (long long)quantile(v[i][0], reps, 1.0),
		       (long long)quantile(v[i][1], reps, 0.5),
		       (long long)quantile(v[i][2], reps, 0.5),
		       (long long)quantile(v[i][3], reps, 0.5));
	return 0;
}

static long ctxt(pid_t pid, long *vol, long *nonvol)
{
	*vol = status_field(pid, "voluntary_ctxt_switches");
	*nonvol = status_field(pid, "nonvoluntary_ctxt_switches");
	return *vol + *nonvol;
}

static int cmd_idle(int argc, char **argv)
{
	struct run runs[MAX_CFG];
	long v0[MAX_CFG], n0[MAX_CFG], v1, n1, secs;
	char *prog[2];
	int64_t t_ready;
	int i;

	if (argc < 4)
		die("usage: idle SECS PINGEE CFG...");
	secs = parse_long(argv[1], "SECS");
	prog[0] = argv[2];
	prog[1] = NULL;
	parse_cfgs(argc - 3, argv + 3);

	for (i = 0; i < ncfg; i++)
		start(&cfgs[i], prog, &runs[i]);
	for (i = 0; i < ncfg; i++)
		await_ready(&cfgs[i], &runs[i]);
	t_ready = now_ns();

	/* Nothing but the sleeping children from here on. */
	sleep_until(t_ready + 1000000000);
	for (i = 0; i < ncfg; i++)
		ctxt(runs[i].init_pid, &v0[i], &n0[i]);
	sleep_until(t_ready + (1 + secs) * 1000000000);
	for (i = 0; i < ncfg; i++) {
		ctxt(runs[i].init_pid, &v1, &n1);
		printf("ctxt %s %ld %ld %ld\n", cfgs[i].name,
		       (v1 - v0[i]) + (n1 - n0[i]), v1 - v0[i], n1 - n0[i]);
	}
	for (i = 0; i < ncfg; i++)
		stop(&cfgs[i], &runs[i]);
	return 0;
}

static int cmd_siglat(int argc, char **argv)
{
	struct run runs[MAX_CFG];
	long sessions, pings, gap_us, s, p, n;
	int64_t *lat[MAX_CFG];
	char *prog[2];
	int i, k;

	if (argc < 6)
		die("usage: siglat SESSIONS PINGS GAP_US PINGEE CFG...");
	sessions = parse_long(argv[1], "SESSIONS");
	pings = parse_long(argv[2], "PINGS");
	gap_us = parse_long(argv[3], "GAP_US");
	prog[0] = argv[4];
	prog[1] = NULL;
	parse_cfgs(argc - 5, argv + 5);
	if (sessions < 1 || pings < 1)
		die("SESSIONS and PINGS must be at least 1");
	n = sessions * pings;
	for (i = 0; i < ncfg; i++)
		lat[i] = xcalloc(n);

	for (s = 0; s < sessions; s++) {
		for (i = 0; i < ncfg; i++)
			start(&cfgs[i], prog, &runs[i]);
		for (i = 0; i < ncfg; i++)
			await_ready(&cfgs[i], &runs[i]);
		/* One ping in flight at a time, round-robin over the CFGs. */
		for (p = 0; p < pings; p++) {
			for (k = 0; k < ncfg; k++) {
				struct pollfd pfd;
				uint64_t t1;
				int64_t t0;

				i = (int)((k + p + s) % ncfg);
				/* Let the init get back to sleep first. */
				sleep_until(now_ns() + gap_us * 1000);
				pfd.fd = runs[i].out;
				pfd.events = POLLIN;
				t0 = now_ns();
				if (kill(runs[i].init_pid, SIGUSR1) < 0)
					die("%s: kill: %s", cfgs[i].name,
					    strerror(errno));
				if (poll(&pfd, 1, 2000) <= 0)
					die("%s: ping lost (no SIGUSR1 in the "
					    "child within 2 s)", cfgs[i].name);
				read_full(runs[i].out, &t1, sizeof(t1), 2000,
					  cfgs[i].name);
				lat[i][s * pings + p] = (int64_t)t1 - t0;
			}
		}
		for (i = 0; i < ncfg; i++)
			stop(&cfgs[i], &runs[i]);
	}
	for (i = 0; i < ncfg; i++)
		summary("siglat", cfgs[i].name, lat[i], n);
	return 0;
}

static int cmd_reap(int argc, char **argv)
{
	int64_t *tot[MAX_CFG], *drain[MAX_CFG], *cpu[MAX_CFG], *retr[MAX_CFG];
	char *prog[4], line[256];
	long runs, r;
	int i, k;

	if (argc < 6)
		die("usage: reap RUNS ORPHANS MODE N CFG...");
	runs = parse_long(argv[1], "RUNS");
	prog[0] = argv[2];
	prog[1] = argv[3];
	prog[2] = argv[4];
	prog[3] = NULL;
	parse_cfgs(argc - 5, argv + 5);
	if (runs < 1)
		die("RUNS must be at least 1");
	for (i = 0; i < ncfg; i++) {
		tot[i] = xcalloc(runs);
		drain[i] = xcalloc(runs);
		cpu[i] = xcalloc(runs);
		retr[i] = xcalloc(runs);
	}
	for (r = 0; r < runs; r++) {
		for (k = 0; k < ncfg; k++) {
			long long a, b, c;
			long d;
			struct run run;
			int st;
			size_t len = 0;
			ssize_t n;

			i = (int)((k + r) % ncfg);
			start(&cfgs[i], prog, &run);
			/* One line, then EOF when the namespace is gone. */
			while (len < sizeof(line) - 1 &&
			       (n = read(run.out, line + len,
					 sizeof(line) - 1 - len)) != 0) {
				if (n < 0) {
					if (errno == EINTR)
						continue;
					die("read: %s", strerror(errno));
				}
				len += (size_t)n;
			}
			line[len] = '\0';
			close(run.out);
			st = wait_status(run.unshare_pid);
			track(&run, false);
			expect_success(&cfgs[i], st);
			if (sscanf(line,
				   "total_ns=%lld drain_ns=%lld init_cpu_ns=%lld retries=%ld",
				   &a, &b, &c, &d) != 4)
				die("%s: bad workload output '%s'",
				    cfgs[i].name, line);
			tot[i][r] = a;
			drain[i][r] = b;
			cpu[i][r] = c;
			retr[i][r] = d;
		}
	}
	for (i = 0; i < ncfg; i++) {
		char key[64];

		snprintf(key, sizeof(key), "reap_%s_total", argv[3]);
		summary(key, cfgs[i].name, tot[i], runs);
		snprintf(key, sizeof(key), "reap_%s_drain", argv[3]);
		summary(key, cfgs[i].name, drain[i], runs);
		if (cpu[i][0] >= 0) {
			snprintf(key, sizeof(key), "reap_%s_cpu", argv[3]);
			summary(key, cfgs[i].name, cpu[i], runs);
		}
		printf("reap_retries %s %lld\n", cfgs[i].name,
		       (long long)quantile(retr[i], runs, 1.0));
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && strcmp(argv[1], "startup") == 0)
		return cmd_startup(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rss") == 0)
		return cmd_rss(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "idle") == 0)
		return cmd_idle(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "siglat") == 0)
		return cmd_siglat(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "reap") == 0)
		return cmd_reap(argc - 1, argv + 1);
	fprintf(stderr, "usage: initbench startup|rss|idle|siglat|reap ...\n");
	return 2;
}
