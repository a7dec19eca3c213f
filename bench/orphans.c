// SPDX-License-Identifier: MIT
/*
 * orphans.c - the reaping workload of benchmark row 4. It runs as the child
 * of the init under test (PID 1 of a fresh PID namespace) and makes N
 * processes that end up as zombies of PID 1, which PID 1 must reap:
 *
 *   orphans seq N    N times: create P; P creates G and exits; G exits at
 *                    once. We reap P only, so every G is orphaned and
 *                    reparented to PID 1 as a zombie. The classic double
 *                    fork, one orphan at a time.
 *   orphans burst N  create one P; P creates N children that exit at once
 *                    and does not reap them; once all N are zombies, P exits
 *                    and the kernel hands all N zombies to PID 1 in one go.
 *
 * Processes are created with clone(CLONE_VM | CLONE_VFORK), as vfork(2) and
 * posix_spawn(3) do, not with fork(2): on a VM where fork() costs ~0.7 ms
 * (page-table copy) 20,000 double forks take ~40 s and bury the init's
 * share. Each child is still a process of its own with its own pid, exit
 * and zombie; only the address space is borrowed until it exits. Reaping
 * it (wait4 + release) costs PID 1 exactly what reaping a forked one does.
 *
 * Then it polls /proc (the namespace's own, from unshare --mount-proc) until
 * no process but PID 1 and itself is left, i.e. every orphan has been
 * reaped, and prints one line:
 *
 *   total_ns=T drain_ns=D init_cpu_ns=C retries=R
 *
 * seq:   T = first fork .. nothing left; D = last P reaped .. nothing left.
 * burst: T = first fork .. nothing left; D = P released .. nothing left.
 * C = CPU time PID 1 spent over the measured span (T for seq, D for burst),
 * from /proc/1/schedstat; -1 when this program is PID 1 itself (the "bare"
 * baseline: then it reaps its orphans itself with waitpid(-1) and stands for
 * an ideal inline reaper). R = forks retried after EAGAIN.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long retries;

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void nap_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Stacks for the clone children; a vfork-style child runs alone on its own. */
#define STACK_SIZE (64 * 1024)
static char p_stack[STACK_SIZE] __attribute__((aligned(64)));
static char g_stack[STACK_SIZE] __attribute__((aligned(64)));

static int just_exit(void *arg)
{
	(void)arg;
	return 0; /* clone() turns the return into _exit(0) */
}

/*
 * Create a child running fn(arg) on @stack, sharing our memory; with
 * CLONE_VFORK we resume only once it has exited. Retries on EAGAIN (pid
 * space full), in a way safe inside a clone child (no stdio, no exit()).
 */
static pid_t spawn(int (*fn)(void *), void *arg, char *stack, int vfork)
{
	int flags = CLONE_VM | SIGCHLD | (vfork ? CLONE_VFORK : 0);
	pid_t pid;

	for (;;) {
		pid = clone(fn, stack + STACK_SIZE, flags, arg);
		if (pid >= 0)
			return pid;
		if (errno != EAGAIN)
			_exit(99);
		__atomic_add_fetch(&retries, 1, __ATOMIC_RELAXED);
		nap_us(1000);
	}
}

/* CPU time of PID 1 in ns, or -1 if we are PID 1 or cannot tell. */
static int64_t init_cpu_ns(void)
{
	unsigned long long ns;
	FILE *f;
	int ok;

	if (getpid() == 1)
		return -1;
	f = fopen("/proc/1/schedstat", "r");
	if (f == NULL)
		return -1;
	ok = fscanf(f, "%llu", &ns) == 1;
	fclose(f);
	return ok ? (int64_t)ns : -1;
}

/*
 * Is any process but PID 1 and us left in this namespace (zombies
 * included)? Reads /proc with a small getdents64 buffer and stops at the
 * first such pid, so a check costs little even with 20,000 zombies around.
 */
static int others_left(int procfd, pid_t self)
{
	char buf[8192];
	long n, off;

	if (lseek(procfd, 0, SEEK_SET) < 0) {
		perror("orphans: lseek /proc");
		exit(1);
	}
	while ((n = syscall(SYS_getdents64, procfd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n;) {
			/* struct linux_dirent64: ino(8) off(8) reclen(2) type(1) name */
			unsigned short reclen;
			const char *name = buf + off + 19;
			long pid;
			char *end;

			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			off += reclen;
			if (name[0] < '1' || name[0] > '9')
				continue;
			pid = strtol(name, &end, 10);
			if (*end == '\0' && pid != 1 && pid != self)
				return 1;
		}
	}
	if (n < 0) {
		perror("orphans: getdents64 /proc");
		exit(1);
	}
	return 0;
}

/* Wait until every orphan is gone: reaped by PID 1, or by us if we are it. */
static void wait_all_reaped(int procfd)
{
	pid_t self = getpid();

	if (self == 1) {
		while (wait(NULL) > 0 || errno == EINTR)
			;
		return;
	}
	while (others_left(procfd, self))
		nap_us(20);
}

/* Reap our own child @pid; as PID 1 also reap any orphan that shows up. */
static void reap_child(pid_t pid)
{
	pid_t got;

	do {
		got = waitpid(getpid() == 1 ? -1 : pid, NULL, 0);
		if (got < 0 && errno != EINTR) {
			perror("orphans: waitpid");
			exit(1);
		}
	} while (got != pid);
}

/* seq: P makes G, which exits at once; P exits once G has (vfork). */
static int seq_parent(void *arg)
{
	(void)arg;
	spawn(just_exit, NULL, g_stack, 1);
	return 0;
}


/* One result line; the times are CLOCK_MONOTONIC, CPU from init_cpu_ns(). */
static void print_result(long long t0, long long t1, long long c0)
{
	long long t2 = now_ns(), c1 = init_cpu_ns();

	printf("total_ns=%lld drain_ns=%lld init_cpu_ns=%lld retries=%ld\n",
	       t2 - t0, t2 - t1, c0 < 0 || c1 < 0 ? -1 : c1 - c0, retries);
}

static void run_seq(long n, int procfd)
{
	int64_t t0, t1, c0;
	long i;
	pid_t p;

	c0 = init_cpu_ns();
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		p = spawn(seq_parent, NULL, p_stack, 1);
		if (p == -1) {
			fprintf(stderr, "orphans: clone failed\n");
			exit(1);
		}
		reap_child(p);
	}
	t1 = now_ns();
	wait_all_reaped(procfd);
	print_result(t0, t1, c0);
}

struct burst {
	long n;
	pid_t *kids;
	int ready_r, ready_w, go_r, go_w;
};

/*
 * burst: P makes n children that exit at once and leaves them unreaped,
 * says so on ready_w once all n are zombies, and exits when released.
 * P runs in our address space: raw system calls only, _exit on error.
 */
static int burst_parent(void *arg)
{
	struct burst *b = arg;
	siginfo_t si;
	long i;
	char c = 'r';

	/* Our copies of the other ends, or the release would never come. */
	close(b->ready_r);
	close(b->go_w);
	for (i = 0; i < b->n; i++)
		b->kids[i] = spawn(just_exit, NULL, g_stack, 1);
	/* WNOWAIT: wait until each one is a zombie, without reaping it. */
	for (i = 0; i < b->n; i++)
		while (waitid(P_PID, (id_t)b->kids[i], &si, WEXITED | WNOWAIT) <
		       0)
			if (errno != EINTR)
				_exit(98);
	if (write(b->ready_w, &c, 1) != 1)
		_exit(97);
	while (read(b->go_r, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0); /* the n zombies go to PID 1 now */
}

static void run_burst(long n, int procfd)
{
	int ready[2], go[2];
	int64_t t0, t1, c0;
	struct burst b;
	pid_t p;
	char c;

	b.n = n;
	b.kids = calloc((size_t)n, sizeof(*b.kids));
	if (b.kids == NULL || pipe(ready) < 0 || pipe(go) < 0) {
		perror("orphans: setup");
		exit(1);
	}
	b.ready_r = ready[0];
	b.ready_w = ready[1];
	b.go_r = go[0];
	b.go_w = go[1];
	t0 = now_ns();
	/* Not vfork: P must run alongside us for the hand-shake. */
	p = spawn(burst_parent, &b, p_stack, 0);
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1) {
		fprintf(stderr, "orphans: burst parent failed\n");
		exit(1);
	}
	c0 = init_cpu_ns();
	t1 = now_ns();
	close(go[1]); /* release P */
	if (getpid() != 1)
		reap_child(p);
	wait_all_reaped(procfd);
	print_result(t0, t1, c0);
}

int main(int argc, char *argv[])
{
	long n;
	int procfd;

	if (argc != 3 || (strcmp(argv[1], "seq") && strcmp(argv[1], "burst")) ||
	    (n = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: orphans seq|burst N\n");
		return 2;
	}
	procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0) {
		perror("orphans: /proc");
		return 1;
	}
	if (strcmp(argv[1], "seq") == 0)
		run_seq(n, procfd);
	else
		run_burst(n, procfd);
	return fflush(stdout) == 0 ? 0 : 1;
}
