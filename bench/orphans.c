// SPDX-License-Identifier: MIT
/*
 * orphans.c - the reaping workload of benchmark row 4. It runs as the child
 * of the init under test (PID 1 of a fresh PID namespace) and makes N
 * processes that end up as zombies of PID 1, which PID 1 must reap:
 *
 *   orphans seq N    N times: fork P; P forks G and exits at once; G exits at
 *                    once. We reap P only, so every G is orphaned and
 *                    reparented to PID 1 (as a zombie, or alive and then
 *                    exiting). The classic double fork, one orphan at a time.
 *   orphans burst N  fork one P; P forks N children that exit at once and
 *                    does not reap them; once all N are zombies, P exits and
 *                    the kernel hands all N zombies to PID 1 in one go.
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

static pid_t xfork(void)
{
	pid_t pid;

	for (;;) {
		pid = fork();
		if (pid >= 0)
			return pid;
		if (errno != EAGAIN) {
			perror("orphans: fork");
			exit(1);
		}
		retries++;
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

static void run_seq(long n, int procfd)
{
	int64_t t0, t1, t2, c0, c1;
	long i;
	pid_t p;

	c0 = init_cpu_ns();
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		p = xfork();
		if (p == 0) {
			if (xfork() == 0)
				_exit(0);
			_exit(0);
		}
		reap_child(p);
	}
	t1 = now_ns();
	wait_all_reaped(procfd);
	t2 = now_ns();
	c1 = init_cpu_ns();
	printf("total_ns=%lld drain_ns=%lld init_cpu_ns=%lld retries=%ld\n",
	       (long long)(t2 - t0), (long long)(t2 - t1),
	       (long long)(c0 < 0 || c1 < 0 ? -1 : c1 - c0), retries);
}

/* P: make n zombie children, report readiness, exit when released. */
static __attribute__((noreturn)) void burst_parent(long n, int ready_w,
						    int go_r)
{
	pid_t *kids = malloc((size_t)n * sizeof(*kids));
	siginfo_t si;
	long i;
	char c = 'r';

	if (kids == NULL)
		_exit(1);
	for (i = 0; i < n; i++) {
		kids[i] = xfork();
		if (kids[i] == 0)
			_exit(0);
	}
	/* WNOWAIT: wait until each one is a zombie, without reaping it. */
	for (i = 0; i < n; i++)
		while (waitid(P_PID, (id_t)kids[i], &si, WEXITED | WNOWAIT) < 0)
			if (errno != EINTR)
				_exit(1);
	if (write(ready_w, &c, 1) != 1)
		_exit(1);
	while (read(go_r, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0); /* the n zombies go to PID 1 now */
}

static void run_burst(long n, int procfd)
{
	int ready[2], go[2];
	int64_t t0, t1, t2, c0, c1;
	pid_t p;
	char c;

	if (pipe(ready) < 0 || pipe(go) < 0) {
		perror("orphans: pipe");
		exit(1);
	}
	t0 = now_ns();
	p = xfork();
	if (p == 0) {
		close(ready[0]);
		close(go[1]);
		burst_parent(n, ready[1], go[0]);
	}
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
	t2 = now_ns();
	c1 = init_cpu_ns();
	printf("total_ns=%lld drain_ns=%lld init_cpu_ns=%lld retries=%ld\n",
	       (long long)(t2 - t0), (long long)(t2 - t1),
	       (long long)(c0 < 0 || c1 < 0 ? -1 : c1 - c0), retries);
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
