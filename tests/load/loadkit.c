// SPDX-License-Identifier: MIT
/*
 * loadkit - the program the load suite (tests/load/run.sh) runs under
 * capinit, and the tools that drive it from outside. Built without
 * sanitizers, like the integration probe: it is what the tests measure with.
 *
 *   loadkit soak SHM             the main child of the soak run: block every
 *                                signal, then run the commands posted in
 *                                SHM (a 4 KiB file) one after the other
 *   loadkit send SHM PID B SIZE  post "count B" and send B bursts of SIZE
 *                                mixed signals to PID, each burst
 *                                acknowledged by the soak child before the
 *                                next; print what was sent and received
 *   loadkit cmd SHM WORD [N...]  post a command, wait for its result, print
 *                                it; exit 0 if it starts with "ok"
 *   loadkit ignore-term N [CODE] fork N children; all ignore SIGTERM; write
 *                                "ready" on stdout; with CODE exit CODE, else
 *                                sleep until killed
 *
 * Soak commands: "inside B SIZE" (a process inside the namespace sends the
 * bursts to PID 1), "orphans N", "bomb MS FORKS [SIGS]" (a fork bomb until
 * FORKS forks succeeded and SIGS signals arrived, MS ms at most, then wait
 * until all of it is reaped; SHM.limit is created once the bomb has reached
 * RLIMIT_NPROC), "quit CODE".
 *
 * Why bursts with acknowledgement. capinit forwards with kill(2), as tini
 * does, so the si_value of a queued real-time signal does not reach the
 * child, and instances of one real-time signal are indistinguishable there:
 * "in order per signal number" can only be observed as "each instance is
 * delivered within its own burst". The sender writes the burst's exact
 * real-time counts into SHM, sends it, and waits until the child has
 * received exactly those counts before sending the next. A lost instance
 * stalls the burst (timeout), a duplicate exceeds the count, a late one
 * lands in the next burst and exceeds it. Across signal numbers the kernel
 * itself delivers the lowest pending number first, so no order is promised.
 * Standard signals coalesce while pending; each burst sends every kind and
 * ends with a real-time signal. Both capinit and the child dequeue the
 * lowest pending number first, so once the child has all of a burst's
 * real-time signals, every standard one sent before the last of them has
 * reached it too: at least one of each kind per burst is exact.
 * Every signal must come from PID 1 with SI_USER: forwarded by capinit, not
 * sent to the child directly. A burst (200) queues at most that many
 * real-time signals, far below RLIMIT_SIGPENDING; they are sent with
 * sigqueue(3), so an overflow would fail loudly (EAGAIN), not drop one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../helpers/testutil.h"

/* The kinds a burst is made of: four standard, four real-time. */
#define N_STD 4
#define N_KIND 8
#define BURST_TIMEOUT_MS 10000
#define CMD_TIMEOUT_MS 120000

struct shm {
	uint32_t cmd_seq;  /* bumped by the poster of a command */
	uint32_t done_seq; /* set to cmd_seq when its result is ready */
	uint32_t counting; /* cmd_seq of the count phase that is listening */
	uint32_t acked;    /* bursts of that phase received in full */
	uint32_t failed;
	int32_t expect[N_KIND]; /* the burst in flight, as sent */
	char cmd[128];
	char result[1024];
};

static int kinds[N_KIND];

static void init_kinds(void)
{
	const int k[N_KIND] = { SIGUSR1, SIGUSR2, SIGHUP, SIGWINCH,
				SIGRTMIN, SIGRTMIN + 1, SIGRTMIN + 7,
				SIGRTMAX };

	memcpy(kinds, k, sizeof(kinds));
}

static int kind_of(int signo)
{
	int i;

	for (i = 0; i < N_KIND; i++)
		if (kinds[i] == signo)
			return i;
	return -1;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the shared page: futexes on a MAP_SHARED file work across processes */

static struct shm *shm_map(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	void *p;

	if (fd < 0)
		die(path);
	if (ftruncate(fd, 4096) < 0)
		die("ftruncate");
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	close(fd);
	return p;
}

static uint32_t ld(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void st(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, p, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

/* Wait until *p != old, at most until @deadline; false on timeout. */
static bool wait_change(const uint32_t *p, uint32_t old, long long deadline)
{
	while (ld(p) == old) {
		long long left = deadline - now_ms();
		struct timespec ts;

		if (left <= 0)
			return false;
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (left % 1000) * 1000000L;
		syscall(SYS_futex, p, FUTEX_WAIT, old, &ts, NULL, 0);
	}
	return true;
}

/* Wait until *p == want, at most until @deadline; false on timeout. */
static bool wait_equal(const uint32_t *p, uint32_t want, long long deadline)
{
	uint32_t v;

	while ((v = ld(p)) != want)
		if (!wait_change(p, v, deadline))
			return false;
	return true;
}

static void finish(struct shm *m, uint32_t seq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void finish(struct shm *m, uint32_t seq, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->result, sizeof(m->result), fmt, ap);
	va_end(ap);
	st(&m->done_seq, seq);
}

/* ---- sending ------------------------------------------------------------ */

static uint32_t rng_state = 2463534242u;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/*
 * One burst of @size signals: a fifth standard (every kind at least once),
 * the rest real-time, shuffled, and a real-time signal last.
 */
static void compose_burst(int *sig, int size, int32_t *count)
{
	int n_std = size / 5 < N_STD ? N_STD : size / 5;
	int i, j, t;

	memset(count, 0, sizeof(int32_t) * N_KIND);
	for (i = 0; i < size; i++) {
		int k;

		if (i < N_STD)
			k = i;
		else if (i < n_std)
			k = (int)(rng() % N_STD);
		else
			k = N_STD + (int)(rng() % (N_KIND - N_STD));
		sig[i] = k;
		count[k]++;
	}
	for (i = size - 2; i > 0; i--) { /* the last one stays real-time */
		j = (int)(rng() % (uint32_t)(i + 1));
		t = sig[i];
		sig[i] = sig[j];
		sig[j] = t;
	}
}

/* Standard kinds with kill(2), real-time ones with sigqueue(3): a queue
 * overflow is then an error (EAGAIN), not a silent loss. */
static int send_one(pid_t pid, int kind, int seq)
{
	union sigval v = { .sival_int = seq };

	if (kind < N_STD)
		return kill(pid, kinds[kind]);
	return sigqueue(pid, kinds[kind], v);
}

struct sent {
	long rt, std;
};

/* Send @bursts bursts to @pid; 0, or -1 with a reason on stderr. */
static int send_bursts(struct shm *m, pid_t pid, int bursts, int size,
		       struct sent *s)
{
	int sig[4096];
	int32_t count[N_KIND];
	int b, i, k;

	if (size < N_STD + 1 || size > 4096)
		return fprintf(stderr, "loadkit: bad burst size %d\n", size), -1;
	memset(s, 0, sizeof(*s));
	for (b = 0; b < bursts; b++) {
		compose_burst(sig, size, count);
		for (k = 0; k < N_KIND; k++)
			__atomic_store_n(&m->expect[k], count[k], __ATOMIC_SEQ_CST);
		for (i = 0; i < size; i++) {
			if (send_one(pid, sig[i], b * size + i) < 0) {
				fprintf(stderr, "loadkit: burst %d: signal %d "
					"to %d: %s\n", b, kinds[sig[i]],
					(int)pid, strerror(errno));
				return -1;
			}
			if (sig[i] < N_STD)
				s->std++;
			else
				s->rt++;
		}
		if (!wait_change(&m->acked, (uint32_t)b,
				 now_ms() + BURST_TIMEOUT_MS) ||
		    ld(&m->failed)) {
			fprintf(stderr, "loadkit: burst %d not acknowledged%s\n",
				b, ld(&m->failed) ? " (the child failed)" : "");
			return -1;
		}
	}
	return 0;
}

/* Post a command; returns its sequence number. */
static uint32_t post(struct shm *m, const char *cmd)
{
	uint32_t seq = ld(&m->cmd_seq) + 1;

	snprintf(m->cmd, sizeof(m->cmd), "%s", cmd);
	st(&m->cmd_seq, seq);
	return seq;
}

static int print_result(struct shm *m, uint32_t seq)
{
	if (!wait_equal(&m->done_seq, seq, now_ms() + CMD_TIMEOUT_MS)) {
		printf("fail no result for '%s'\n", m->cmd);
		return 1;
	}
	printf("%s\n", m->result);
	return strncmp(m->result, "ok", 2) == 0 ? 0 : 1;
}

static int tool_send(int argc, char **argv)
{
	struct shm *m;
	struct sent s;
	uint32_t seq;
	char cmd[64];
	int r;

	if (argc != 6)
		return 2;
	m = shm_map(argv[2]);
	rng_state ^= (uint32_t)getpid();
	snprintf(cmd, sizeof(cmd), "count %d", atoi(argv[4]));
	seq = post(m, cmd);
	if (!wait_equal(&m->counting, seq, now_ms() + CMD_TIMEOUT_MS)) {
		printf("fail the soak child did not start counting\n");
		return 1;
	}
	r = send_bursts(m, (pid_t)atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
			&s);
	printf("sent rt=%ld std=%ld; ", s.rt, s.std);
	return print_result(m, seq) || r < 0;
}

static int tool_cmd(int argc, char **argv)
{
	struct shm *m;
	char cmd[128] = "";
	int i;

	if (argc < 4)
		return 2;
	m = shm_map(argv[2]);
	for (i = 3; i < argc; i++) {
		strncat(cmd, argv[i], sizeof(cmd) - strlen(cmd) - 2);
		if (i + 1 < argc)
			strcat(cmd, " ");
	}
	return print_result(m, post(m, cmd));
}

/* ---- the soak child ----------------------------------------------------- */

struct soak {
	struct shm *m;
	const char *path;
	int sfd;
	long rt_total, std_total, strays;
};

/* Read what is pending on the signalfd; returns the number read, or -1. */
static int read_sigs(int sfd, struct signalfd_siginfo *si, int max, int ms)
{
	struct pollfd p = { .fd = sfd, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	n = read(sfd, si, sizeof(*si) * (size_t)max);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	return (int)(n / (ssize_t)sizeof(*si));
}

static bool burst_complete(const struct shm *m, const long *cnt)
{
	int k;

	for (k = 0; k < N_KIND; k++) {
		int32_t want = __atomic_load_n(&m->expect[k], __ATOMIC_SEQ_CST);

		if (k < N_STD ? cnt[k] < 1 : cnt[k] != want)
			return false;
	}
	return true;
}

/* One signal of a count phase; a reason in @why when it is wrong. */
static bool take_signal(const struct soak *s, const struct signalfd_siginfo *si,
			long *cnt, char *why, size_t n)
{
	int k = kind_of((int)si->ssi_signo);

	if (k < 0) {
		snprintf(why, n, "unexpected signal %u", si->ssi_signo);
		return false;
	}
	/* Forwarded by capinit (PID 1, kill), not sent here directly. */
	if (si->ssi_pid != 1 || si->ssi_code != SI_USER) {
		snprintf(why, n, "signal %u from pid %u code %d, not from "
			 "capinit", si->ssi_signo, si->ssi_pid, si->ssi_code);
		return false;
	}
	cnt[k]++;
	if (k >= N_STD &&
	    cnt[k] > __atomic_load_n(&s->m->expect[k], __ATOMIC_SEQ_CST)) {
		snprintf(why, n, "signal %u arrived %ld times, sent %d",
			 si->ssi_signo, cnt[k], s->m->expect[k]);
		return false;
	}
	return true;
}

/* Receive @bursts acknowledged bursts; 0 or -1 with the reason in @why. */
static int count_bursts(struct soak *s, int bursts, char *why, size_t n)
{
	struct signalfd_siginfo si[64];
	long cnt[N_KIND];
	int b, i, got;

	for (b = 0; b < bursts; b++) {
		long long deadline = now_ms() + BURST_TIMEOUT_MS;

		memset(cnt, 0, sizeof(cnt));
		while (!burst_complete(s->m, cnt)) {
			if (now_ms() > deadline) {
				snprintf(why, n, "burst %d incomplete: RT "
					 "%ld %ld %ld %ld of %d %d %d %d", b,
					 cnt[4], cnt[5], cnt[6], cnt[7],
					 s->m->expect[4], s->m->expect[5],
					 s->m->expect[6], s->m->expect[7]);
				return -1;
			}
			got = read_sigs(s->sfd, si, 64, 100);
			if (got < 0)
				return snprintf(why, n, "signalfd: %s",
						strerror(errno)), -1;
			for (i = 0; i < got; i++) {
				if (si[i].ssi_signo == SIGCHLD)
					continue;
				if (!take_signal(s, &si[i], cnt, why, n))
					return -1;
			}
		}
		for (i = 0; i < N_KIND; i++)
			*(i < N_STD ? &s->std_total : &s->rt_total) += cnt[i];
		st(&s->m->acked, (uint32_t)b + 1);
	}
	return 0;
}

static void start_counting(struct soak *s, uint32_t seq)
{
	s->rt_total = s->std_total = 0;
	__atomic_store_n(&s->m->acked, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&s->m->failed, 0, __ATOMIC_SEQ_CST);
	st(&s->m->counting, seq);
}

/* Stop the sender at once instead of at its timeout. */
static void fail_sender(struct soak *s)
{
	st(&s->m->failed, 1);
	st(&s->m->acked, UINT32_MAX);
}

static void end_counting(struct soak *s, uint32_t seq, int r, const char *why)
{
	if (r < 0) {
		fail_sender(s);
		finish(s->m, seq, "fail %s", why);
	} else {
		finish(s->m, seq, "ok got rt=%ld std=%ld strays=%ld",
		       s->rt_total, s->std_total, s->strays);
	}
}

static pid_t fork_retry(void)
{
	pid_t pid;

	/* A fork bomb or capinit's pending reaps may hold RLIMIT_NPROC. */
	while ((pid = fork()) < 0 && errno == EAGAIN)
		sleep_ms(1);
	return pid;
}

static void cmd_count(struct soak *s, uint32_t seq, int bursts)
{
	char why[256] = "";
	int r;

	start_counting(s, seq);
	r = count_bursts(s, bursts, why, sizeof(why));
	end_counting(s, seq, r, why);
}

/* The sender is a process in the namespace, sending to PID 1. */
static void cmd_inside(struct soak *s, uint32_t seq, int bursts, int size)
{
	char why[256] = "";
	struct sent sent;
	int r, ws = 0;
	pid_t pid;

	start_counting(s, seq);
	pid = fork_retry();
	if (pid == 0) {
		rng_state ^= (uint32_t)getpid();
		_exit(send_bursts(s->m, 1, bursts, size, &sent) < 0 ? 1 : 0);
	}
	if (pid < 0) {
		snprintf(why, sizeof(why), "fork: %s", strerror(errno));
		end_counting(s, seq, -1, why);
		return;
	}
	r = count_bursts(s, bursts, why, sizeof(why));
	if (r < 0)
		fail_sender(s);
	if (waitpid(pid, &ws, 0) != pid || ws != 0) {
		if (r == 0)
			snprintf(why, sizeof(why), "sender status 0x%x", ws);
		r = -1;
	}
	end_counting(s, seq, r, why);
}

/* Processes of this namespace other than PID 1 and the caller. */
static void scan_proc(int *zombies, int *others)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t self = getpid();

	*zombies = *others = 0;
	if (d == NULL)
		die("/proc");
	while ((e = readdir(d)) != NULL) {
		char path[300], buf[512], *rp, state;
		long pid = strtol(e->d_name, &rp, 10);
		ssize_t len;
		int fd;

		if (*rp != '\0' || pid <= 1 || pid == self)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue; /* gone meanwhile */
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		rp = strrchr(buf, ')');
		if (rp == NULL || sscanf(rp + 1, " %c", &state) != 1)
			continue;
		if (state == 'Z')
			++*zombies;
		else
			++*others;
	}
	closedir(d);
}

/* Wait (at most @ms) until nothing but PID 1 and us is left. */
static bool wait_empty(int *zombies, int *others, long ms)
{
	long long deadline = now_ms() + ms;

	for (;;) {
		scan_proc(zombies, others);
		if (*zombies == 0 && *others == 0)
			return true;
		if (now_ms() > deadline)
			return false;
		sleep_ms(10);
	}
}

/*
 * Each child makes a grandchild and exits: the grandchild is reparented to
 * PID 1 (capinit), which alone can reap it. Both are made with the address
 * space shared (clone with CLONE_VM|CLONE_VFORK, then vfork), because a
 * full fork(2) costs milliseconds on a loaded virtual machine and 20,000
 * of them would blow the suite's time budget. With vfork the grandchild
 * has exited before its parent does, so capinit adopts zombies: the kernel
 * signals PID 1 for each at reparenting, and capinit reaps it like any
 * other. Orphans still running when adopted are the fork bomb's (and t03's).
 */
static char orphan_stack[64 * 1024] __attribute__((aligned(16)));

static int orphan_child(void *unused)
{
	pid_t g;

	(void)unused;
	g = vfork();
	if (g == 0)
		_exit(0);
	_exit(g > 0 ? 0 : 1); /* 1: the grandchild could not be made */
}

static void cmd_orphans(struct soak *s, uint32_t seq, int n)
{
	int made = 0, ws, zombies, others;
	long long t0 = now_ms(), deadline = t0 + 60000;

	while (made < n && now_ms() < deadline) {
		/* The parent waits (CLONE_VFORK): one stack is enough. */
		pid_t c = clone(orphan_child, orphan_stack + sizeof(orphan_stack),
				CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);

		if (c < 0 && errno != EAGAIN) {
			finish(s->m, seq, "fail clone: %s", strerror(errno));
			return;
		}
		if (c < 0) { /* RLIMIT_NPROC: until capinit has reaped */
			sleep_ms(1);
			continue;
		}
		if (waitpid(c, &ws, 0) == c && ws == 0)
			made++;
	}
	wait_empty(&zombies, &others, 30000);
	finish(s->m, seq, "%s orphans=%d zombies=%d others=%d ms=%lld",
	       made == n && zombies == 0 && others == 0 ? "ok" : "fail", made,
	       zombies, others, now_ms() - t0);
}

/*
 * Signals forwarded while a command ran (SIGCHLD aside): what is pending,
 * waiting up to 5 s for @want of them (capinit may not have run yet).
 */
static int take_pending(struct soak *s, int want)
{
	struct signalfd_siginfo si[16];
	long long deadline = now_ms() + 5000;
	int i, got, n = 0;

	do {
		while ((got = read_sigs(s->sfd, si, 16, 10)) > 0)
			for (i = 0; i < got; i++)
				n += si[i].ssi_signo != SIGCHLD;
	} while (n < want && now_ms() < deadline);
	return n;
}

/*
 * A fork bomb: every process forks two children and exits, or exits at
 * once when RLIMIT_NPROC makes a fork fail (EAGAIN). Each exiting bomb
 * process has lost its parent already, so it is an orphan that only
 * capinit reaps, and only a reaped process frees its slot: the forks that
 * succeed beyond the limit show that capinit keeps reaping under the bomb.
 * Should the bomb die out before its time, the main child starts it again
 * (counted apart: the main child reaps those itself).
 */
struct bomb_counts {
	long ok, eagain, other, alive, seeds, stop;
};

static __attribute__((noreturn)) void bomb_worker(struct bomb_counts *c)
{
	int made = 0;

	while (made < 2 && !__atomic_load_n(&c->stop, __ATOMIC_RELAXED)) {
		pid_t pid = fork();

		if (pid == 0) {
			made = 0;
			continue;
		}
		if (pid < 0) {
			__atomic_add_fetch(errno == EAGAIN ? &c->eagain :
					   &c->other, 1, __ATOMIC_RELAXED);
			break;
		}
		__atomic_add_fetch(&c->ok, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&c->alive, 1, __ATOMIC_RELAXED);
		made++;
	}
	__atomic_sub_fetch(&c->alive, 1, __ATOMIC_RELAXED);
	_exit(0);
}

static void bomb_seed(struct bomb_counts *c)
{
	pid_t pid;

	__atomic_add_fetch(&c->alive, 1, __ATOMIC_RELAXED);
	pid = fork();
	if (pid == 0)
		bomb_worker(c);
	if (pid < 0)
		__atomic_sub_fetch(&c->alive, 1, __ATOMIC_RELAXED);
	else
		c->seeds++;
}

/*
 * The bomb runs until @forks forks have succeeded and @want_sigs signals
 * have arrived (or @ms have passed, on a machine too loaded to get there):
 * a fast machine does not wait, a slow one still gets there.
 */
static void cmd_bomb(struct soak *s, uint32_t seq, long ms, long forks,
		     int want_sigs)
{
	struct bomb_counts *c = mmap(NULL, sizeof(*c), PROT_READ | PROT_WRITE,
				     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long long end = now_ms() + ms;
	int zombies, others, sigs = 0;
	bool at_limit = false;
	char mark[PATH_MAX];

	if (c == MAP_FAILED) {
		finish(s->m, seq, "fail mmap: %s", strerror(errno));
		return;
	}
	memset(c, 0, sizeof(*c));
	while (now_ms() < end &&
	       (__atomic_load_n(&c->ok, __ATOMIC_RELAXED) < forks ||
		sigs < want_sigs)) {
		if (__atomic_load_n(&c->alive, __ATOMIC_RELAXED) <= 0)
			bomb_seed(c);
		if (!at_limit && __atomic_load_n(&c->eagain, __ATOMIC_RELAXED)) {
			at_limit = true; /* tell the test: SHM.limit */
			snprintf(mark, sizeof(mark), "%s.limit", s->path);
			close(open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
		}
		sigs += take_pending(s, 0); /* waits 10 ms */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELAXED);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	wait_empty(&zombies, &others, 20000);
	sigs += take_pending(s, want_sigs - sigs);
	finish(s->m, seq, "%s forks=%ld eagain=%ld other=%ld seeds=%ld "
	       "zombies=%d others=%d signals=%d",
	       c->seeds > 0 && zombies == 0 && others == 0 && c->other == 0 ?
	       "ok" : "fail", c->ok, c->eagain, c->other, c->seeds, zombies,
	       others, sigs);
	munmap(c, sizeof(*c));
}

/* Signals that arrive between commands are counted as strays. */
static void drain_strays(struct soak *s)
{
	struct signalfd_siginfo si[16];
	int i, got = read_sigs(s->sfd, si, 16, 10);

	for (i = 0; i < got; i++)
		if (si[i].ssi_signo != SIGCHLD)
			s->strays++;
}

static int soak_run(struct soak *s)
{
	uint32_t seen = ld(&s->m->cmd_seq);
	char word[16];
	long a, b, c;

	for (;;) {
		uint32_t seq = ld(&s->m->cmd_seq);

		if (seq == seen) {
			drain_strays(s);
			continue;
		}
		seen = seq;
		a = b = c = 0;
		if (sscanf(s->m->cmd, "%15s %ld %ld %ld", word, &a, &b, &c) < 1)
			word[0] = '\0';
		if (strcmp(word, "count") == 0)
			cmd_count(s, seq, (int)a);
		else if (strcmp(word, "inside") == 0)
			cmd_inside(s, seq, (int)a, (int)b);
		else if (strcmp(word, "orphans") == 0)
			cmd_orphans(s, seq, (int)a);
		else if (strcmp(word, "bomb") == 0)
			cmd_bomb(s, seq, a, b, (int)c);
		else if (strcmp(word, "quit") == 0) {
			finish(s->m, seq, "ok quit %ld strays=%ld", a, s->strays);
			return (int)a;
		} else
			finish(s->m, seq, "fail unknown command '%s'", s->m->cmd);
	}
}

static int mode_soak(int argc, char **argv)
{
	struct soak s = { 0 };
	sigset_t all;

	if (argc != 3)
		return 2;
	s.m = shm_map(argv[2]);
	s.path = argv[2];
	sigfillset(&all);
	if (sigprocmask(SIG_BLOCK, &all, NULL) < 0)
		die("sigprocmask");
	s.sfd = signalfd(-1, &all, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s.sfd < 0)
		die("signalfd");
	return soak_run(&s);
}

/* ---- many children that ignore SIGTERM -------------------------------- */

static int mode_ignore_term(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 1, i, fds[2];
	char byte;

	signal(SIGTERM, SIG_IGN);
	if (pipe(fds) < 0)
		die("pipe");
	for (i = 0; i < n; i++) {
		pid_t c = fork();

		if (c < 0)
			die("fork");
		if (c == 0) {
			close(fds[0]);
			close(fds[1]); /* the parent sees EOF once all ran */
			for (;;)
				pause();
		}
	}
	close(fds[1]);
	if (read(fds[0], &byte, 1) != 0)
		die("read");
	printf("ready\n");
	fflush(stdout);
	if (argc > 3)
		return atoi(argv[3]);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	init_kinds();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(m, "soak") == 0)
		return mode_soak(argc, argv);
	if (strcmp(m, "send") == 0)
		return tool_send(argc, argv);
	if (strcmp(m, "cmd") == 0)
		return tool_cmd(argc, argv);
	if (strcmp(m, "ignore-term") == 0)
		return mode_ignore_term(argc, argv);
	fprintf(stderr, "loadkit: unknown mode '%s'\n", m);
	return 2;
}
