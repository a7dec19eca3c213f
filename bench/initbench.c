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
 *       /bin/true): "startup NAME median_ns p10_ns p90_ns"
 *   initbench rss REPS PINGEE CFG...
 *       VmHWM/VmRSS of the init (host pid = unshare's child) once its child
 *       PINGEE is up and asleep: "rss NAME median_hwm_kib min max rss_kib"
 *   initbench idle SECS PINGS GAP_US PINGEE CFG...
 *       all CFGs started side by side, each with PINGEE as its child; the
 *       init's voluntary+nonvoluntary context switches from t=1s to
 *       t=1s+SECS after the child is ready ("ctxt NAME delta vol nonvol"),
 *       then PINGS SIGUSR1 pings per CFG sent to the init's host pid, the
 *       latency being kill() .. the child's handler running ("siglat NAME
 *       median_ns p10_ns p90_ns lost").
 *   initbench reap RUNS ORPHANS MODE N CFG...
 *       runs "ORPHANS MODE N" under each CFG and takes the medians of its
 *       numbers: "reap MODE NAME total_ns drain_ns init_cpu_ns retries".
 *
 * Anything unexpected (an init that fails to start its child, a wrong exit
 * status, a child that never gets ready) is fatal: a benchmark of a broken
 * run would be a lie.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
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

static __attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt,
								   ...)
{
	va_list ap;

	fputs("initbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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

static void parse_cfgs(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		struct cfg *c = &cfgs[ncfg];
		char *tok, *save = NULL;
		int n = 0;

		if (ncfg == MAX_CFG)
			die("too many configurations");
		c->argv[n++] = "unshare";
		c->argv[n++] = "--pid";
		c->argv[n++] = "--fork";
		c->argv[n++] = "--mount-proc";
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
	if (found == 0)
		die("no child of unshare %d found", (int)parent);
	return found;
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
}

/* Wait for the pingee's ready record, then find the init's host pid. */
static void await_ready(const struct cfg *c, struct run *r)
{
	uint64_t v;

	read_full(r->out, &v, sizeof(v), 10000, c->name);
	if (v != 0)
		die("%s: unexpected ready record", c->name);
	r->init_pid = child_of(r->unshare_pid);
}

static void stop(struct run *r)
{
	/* SIGKILL to PID 1 of a namespace takes the whole namespace down. */
	if (kill(r->init_pid, SIGKILL) < 0 && errno != ESRCH)
		die("kill %d: %s", (int)r->init_pid, strerror(errno));
	wait_status(r->unshare_pid);
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
		printf("startup %s %lld %lld %lld\n", cfgs[i].name,
		       (long long)quantile(t[i], runs, 0.5),
		       (long long)quantile(t[i], runs, 0.1),
		       (long long)quantile(t[i], runs, 0.9));
	return 0;
}

static int cmd_rss(int argc, char **argv)
{
	int64_t *hwm[MAX_CFG], *rss[MAX_CFG];
	char *prog[2];
	long reps, r;
	int k, i;

	if (argc < 4)
		die("usage: rss REPS PINGEE CFG...");
	reps = parse_long(argv[1], "REPS");
	prog[0] = argv[2];
	prog[1] = NULL;
	parse_cfgs(argc - 3, argv + 3);
	if (reps < 1)
		die("REPS must be at least 1");
	for (i = 0; i < ncfg; i++) {
		hwm[i] = xcalloc(reps);
		rss[i] = xcalloc(reps);
	}
	for (r = 0; r < reps; r++) {
		for (k = 0; k < ncfg; k++) {
			struct run run;

			i = (int)((k + r) % ncfg);
			start(&cfgs[i], prog, &run);
			await_ready(&cfgs[i], &run);
			hwm[i][r] = status_field(run.init_pid, "VmHWM");
			rss[i][r] = status_field(run.init_pid, "VmRSS");
			stop(&run);
		}
	}
	for (i = 0; i < ncfg; i++)
		printf("rss %s %lld %lld %lld %lld\n", cfgs[i].name,
		       (long long)quantile(hwm[i], reps, 0.5),
		       (long long)quantile(hwm[i], reps, 0.0),
		       (long long)quantile(hwm[i], reps, 1.0),
		       (long long)quantile(rss[i], reps, 0.5));
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
	long v0[MAX_CFG], n0[MAX_CFG], v1, n1, secs, pings, gap_us, p;
	int64_t *lat[MAX_CFG], t_ready;
	long lost[MAX_CFG];
	char *prog[2];
	int i, k;

	if (argc < 6)
		die("usage: idle SECS PINGS GAP_US PINGEE CFG...");
	secs = parse_long(argv[1], "SECS");
	pings = parse_long(argv[2], "PINGS");
	gap_us = parse_long(argv[3], "GAP_US");
	prog[0] = argv[4];
	prog[1] = NULL;
	parse_cfgs(argc - 5, argv + 5);

	for (i = 0; i < ncfg; i++)
		start(&cfgs[i], prog, &runs[i]);
	for (i = 0; i < ncfg; i++)
		await_ready(&cfgs[i], &runs[i]);
	t_ready = now_ns();

	/* Idle wake-ups: nothing but the sleeping children from here on. */
	sleep_until(t_ready + 1000000000);
	for (i = 0; i < ncfg; i++)
		ctxt(runs[i].init_pid, &v0[i], &n0[i]);
	sleep_until(t_ready + (1 + secs) * 1000000000);
	for (i = 0; i < ncfg; i++) {
		ctxt(runs[i].init_pid, &v1, &n1);
		printf("ctxt %s %ld %ld %ld\n", cfgs[i].name,
		       (v1 - v0[i]) + (n1 - n0[i]), v1 - v0[i], n1 - n0[i]);
	}
	fflush(stdout);

	/* Signal forwarding latency, one ping in flight at a time. */
	for (i = 0; i < ncfg; i++) {
		lat[i] = xcalloc(pings);
		lost[i] = 0;
	}
	for (p = 0; p < pings; p++) {
		for (k = 0; k < ncfg; k++) {
			struct pollfd pfd;
			uint64_t t1;
			int64_t t0;

			i = (int)((k + p) % ncfg);
			/* Let the init get back to sleep after the last ping. */
			sleep_until(now_ns() + gap_us * 1000);
			pfd.fd = runs[i].out;
			pfd.events = POLLIN;
			t0 = now_ns();
			if (kill(runs[i].init_pid, SIGUSR1) < 0)
				die("%s: kill: %s", cfgs[i].name,
				    strerror(errno));
			if (poll(&pfd, 1, 2000) <= 0) {
				/* Lost (or very late): count it, resync. */
				lost[i]++;
				if (lost[i] > 10)
					die("%s: more than 10 pings lost",
					    cfgs[i].name);
				lat[i][p] = INT64_MAX;
				continue;
			}
			read_full(runs[i].out, &t1, sizeof(t1), 2000,
				  cfgs[i].name);
			lat[i][p] = (int64_t)t1 - t0;
		}
	}
	for (i = 0; i < ncfg; i++) {
		printf("siglat %s %lld %lld %lld %ld\n", cfgs[i].name,
		       (long long)quantile(lat[i], pings, 0.5),
		       (long long)quantile(lat[i], pings, 0.1),
		       (long long)quantile(lat[i], pings, 0.9), lost[i]);
		stop(&runs[i]);
	}
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
			expect_success(&cfgs[i], wait_status(run.unshare_pid));
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
	for (i = 0; i < ncfg; i++)
		printf("reap %s %s %lld %lld %lld %lld\n", argv[3],
		       cfgs[i].name, (long long)quantile(tot[i], runs, 0.5),
		       (long long)quantile(drain[i], runs, 0.5),
		       (long long)quantile(cpu[i], runs, 0.5),
		       (long long)quantile(retr[i], runs, 1.0));
	return 0;
}

int main(int argc, char **argv)
{
	/* Our own pipes must not stay open in a child that outlives a read. */
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && strcmp(argv[1], "startup") == 0)
		return cmd_startup(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rss") == 0)
		return cmd_rss(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "idle") == 0)
		return cmd_idle(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "reap") == 0)
		return cmd_reap(argc - 1, argv + 1);
	fprintf(stderr, "usage: initbench startup|rss|idle|reap ...\n");
	return 2;
}
