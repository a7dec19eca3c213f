// SPDX-License-Identifier: MIT
/*
 * probe - the program the integration tests run under capinit. Each mode
 * does one observable thing and reports it on stdout or in a file, so the
 * shell tests can assert exact values. Built without sanitizers: it is the
 * fixed point the tests measure against.
 *
 *   probe exit N                 exit with status N
 *   probe raise SIG              die from signal SIG
 *   probe args ARG...            print each argument on its own line
 *   probe status                 print SigBlk/SigIgn of itself
 *   probe mask BLK IGN -- CMD... set mask and ignored signals (hex), exec CMD
 *   probe signals OUT N SECS [kill1 SIG...]
 *                                record every caught signal in OUT (one
 *                                number a line, "ready" first); optionally
 *                                send SIGs to PID 1 itself; exit 0 once N
 *                                signals arrived, 3 on timeout
 *   probe orphans N              make N orphaned grandchildren, wait until
 *                                none is left as a zombie; print the counts
 *   probe reparent               print whether an orphan is adopted by the
 *                                probe's parent
 *   probe together CODE          fork a grandchild; both exit at once
 *   probe ignore-term SECS       ignore SIGTERM, sleep SECS, exit 0
 *   probe term-slow OUT MS       on SIGTERM, wait MS, write "done" to OUT
 *   probe parent-info            print the parent's cwd and open fds
 *   probe tty                    print whether the probe is the terminal's
 *                                foreground process group
 *   probe fds                    print the probe's own fds, "N:target"
 *   probe ids                    print "uid=R/E/S gid=R/E/S"
 *   probe bind PORT              bind a TCP socket to PORT; print the result
 *   probe no-sigchld OUT SECS    catch SIGCHLD (the probe has no child of
 *                                its own, so one can only be forwarded);
 *                                "ready" in OUT; exit 1 if one arrives
 *                                within SECS, else 0
 *   probe sleep SECS
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

static int out_fd = -1;
static volatile sig_atomic_t n_caught;

static int sig_arg(const char *s)
{
	static const struct { const char *n; int s; } t[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
		{ "USR1", SIGUSR1 }, { "USR2", SIGUSR2 }, { "TERM", SIGTERM },
		{ "KILL", SIGKILL }, { "ALRM", SIGALRM }, { "PIPE", SIGPIPE },
		{ "WINCH", SIGWINCH }, { "CONT", SIGCONT }, { "TSTP", SIGTSTP },
	};
	size_t i;

	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(s, t[i].n) == 0)
			return t[i].s;
	return atoi(s);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Async-signal-safe: format the number by hand, one write per line. */
static void record(int signo)
{
	char buf[16];
	int i = sizeof(buf);

	buf[--i] = '\n';
	do {
		buf[--i] = (char)('0' + signo % 10);
		signo /= 10;
	} while (signo);
	if (write(out_fd, buf + i, sizeof(buf) - (size_t)i) < 0)
		_exit(98);
	n_caught++;
}

static int mode_signals(int argc, char **argv)
{
	struct sigaction sa;
	int want, i, s;
	double deadline;

	if (argc < 5)
		return 2;
	out_fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (out_fd < 0)
		die(argv[2]);
	want = atoi(argv[3]);
	deadline = now() + atof(argv[4]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record;
	sigfillset(&sa.sa_mask); /* one handler at a time: ordered lines */
	for (s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP && s != SIGCHLD)
			sigaction(s, &sa, NULL);
	sigemptyset(&sa.sa_mask);
	sigprocmask(SIG_SETMASK, &sa.sa_mask, NULL); /* take what is pending */
	if (write(out_fd, "ready\n", 6) != 6)
		die("write");
	if (argc > 5 && strcmp(argv[5], "kill1") == 0)
		for (i = 6; i < argc; i++)
			if (kill(1, sig_arg(argv[i])) < 0)
				die("kill 1");
	while (n_caught < want && now() < deadline)
		sleep_ms(5);
	return n_caught >= want ? 0 : 3;
}

static int mode_no_sigchld(int argc, char **argv)
{
	struct sigaction sa;
	double deadline;

	if (argc < 4)
		return 2;
	out_fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (out_fd < 0)
		die(argv[2]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record;
	sigaction(SIGCHLD, &sa, NULL);
	if (write(out_fd, "ready\n", 6) != 6)
		die("write");
	deadline = now() + atof(argv[3]);
	while (n_caught == 0 && now() < deadline)
		sleep_ms(5);
	return n_caught == 0 ? 0 : 1;
}

static int count_zombies_of(pid_t parent)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		die("/proc");
	while ((e = readdir(d)) != NULL) {
		char path[300], buf[512], *rp, st;
		int ppid, fd;
		ssize_t len;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		rp = strrchr(buf, ')');
		if (rp && sscanf(rp + 1, " %c %d", &st, &ppid) == 2 &&
		    st == 'Z' && ppid == parent)
			n++;
	}
	closedir(d);
	return n;
}

/*
 * Each child forks a grandchild and exits at once; the grandchild waits
 * until it has been adopted, then exits: a zombie only capinit can reap.
 */
static int mode_orphans(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 100;
	pid_t init = getppid();
	int i, made = 0, z = -1;
	double deadline;

	for (i = 0; i < n; i++) {
		pid_t c = fork();

		if (c < 0)
			die("fork");
		if (c == 0) {
			pid_t me = getpid();

			if (fork() == 0) {
				while (getppid() == me)
					sleep_ms(1);
				_exit(0);
			}
			_exit(0);
		}
		if (waitpid(c, NULL, 0) == c)
			made++;
	}
	deadline = now() + 20;
	while (now() < deadline) {
		/* Adopted grandchildren still alive are not zombies yet. */
		z = count_zombies_of(init);
		if (z == 0)
			break;
		sleep_ms(10);
	}
	printf("orphans=%d zombies=%d\n", made, z);
	return z == 0 ? 0 : 1;
}

static int mode_reparent(void)
{
	int fds[2];
	pid_t parent = getppid(), c;
	char buf[64] = "";
	ssize_t n;

	if (pipe(fds) < 0)
		die("pipe");
	c = fork();
	if (c == 0) {
		pid_t me = getpid();

		if (fork() == 0) {
			while (getppid() == me)
				sleep_ms(1);
			dprintf(fds[1], "%d", (int)getppid());
			_exit(0);
		}
		_exit(0);
	}
	close(fds[1]);
	waitpid(c, NULL, 0);
	n = read(fds[0], buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	printf("adopted-by-parent=%s\n",
	       atoi(buf) == (int)parent ? "yes" : "no");
	return 0;
}

static int mode_together(int argc, char **argv)
{
	int code = argc > 2 ? atoi(argv[2]) : 0;
	int fds[2];
	char c;

	/* Both processes leave on the same pipe event, as close as it gets. */
	if (pipe(fds) < 0)
		die("pipe");
	if (fork() == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(fds[0]);
	_exit(code); /* closing fds[1] releases the grandchild */
}

static int mode_status(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];

	if (f == NULL)
		die("/proc/self/status");
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "SigBlk:", 7) == 0 ||
		    strncmp(line, "SigIgn:", 7) == 0)
			fputs(line, stdout);
	fclose(f);
	return 0;
}

static int mode_mask(int argc, char **argv)
{
	unsigned long long blk, ign;
	struct sigaction sa;
	sigset_t set;
	int s;

	if (argc < 6 || strcmp(argv[4], "--") != 0)
		return 2;
	blk = strtoull(argv[2], NULL, 16);
	ign = strtoull(argv[3], NULL, 16);
	sigemptyset(&set);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	/* Exactly these ignored: the rest back to default (32 and 33 are
	 * the C library's and keep whatever they had). */
	for (s = 1; s <= 64; s++) {
		if (blk & (1ULL << (s - 1)))
			sigaddset(&set, s);
		sa.sa_handler = (ign & (1ULL << (s - 1))) ? SIG_IGN : SIG_DFL;
		sigaction(s, &sa, NULL);
	}
	sigprocmask(SIG_SETMASK, &set, NULL);
	execvp(argv[5], argv + 5);
	die(argv[5]);
	return 99;
}

static int mode_ignore_term(int argc, char **argv)
{
	signal(SIGTERM, SIG_IGN);
	sleep_ms(argc > 2 ? atol(argv[2]) * 1000 : 60000);
	return 0;
}

static volatile sig_atomic_t got_term;
static void on_term(int s)
{
	(void)s;
	got_term = 1;
}

static int mode_term_slow(int argc, char **argv)
{
	int fd;

	if (argc < 4)
		return 2;
	signal(SIGTERM, on_term);
	while (!got_term)
		pause();
	sleep_ms(atol(argv[3]));
	fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0 || write(fd, "done\n", 5) != 5)
		die(argv[2]);
	close(fd);
	return 0;
}

/* The parent's cwd and fds, as "cwd=...\nfds=N:kind ...\n", into buf. */
static void read_parent_info(char *buf, size_t size)
{
	char path[64], cwd[PATH_MAX];
	struct dirent *e;
	size_t len;
	ssize_t n;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/cwd", (int)getppid());
	n = readlink(path, cwd, sizeof(cwd) - 1);
	cwd[n > 0 ? n : 0] = '\0';
	len = (size_t)snprintf(buf, size, "cwd=%s\nfds=", cwd);
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)getppid());
	d = opendir(path);
	if (d == NULL)
		die(path);
	/* readdir order is the fd order in procfs. */
	while ((e = readdir(d)) != NULL && len < size) {
		char lpath[400], target[PATH_MAX];

		if (e->d_name[0] == '.')
			continue;
		snprintf(lpath, sizeof(lpath), "%s/%s", path, e->d_name);
		n = readlink(lpath, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		len += (size_t)snprintf(buf + len, size - len, "%s:%s ",
					e->d_name,
					strncmp(target, "anon_inode:", 11) == 0
						? target + 11 : "file");
	}
	closedir(d);
}

/*
 * capinit detaches (chdir, close inherited fds) right after the fork, so
 * the probe may look before it has: wait up to 3 s for the state to reach
 * "cwd=/" with nothing above fd 3, then print whatever was seen last.
 */
static int mode_parent_info(void)
{
	char info[8192];

	for (int i = 0; i < 300; i++) {
		read_parent_info(info, sizeof(info));
		if (strncmp(info, "cwd=/\n", 6) == 0 &&
		    strstr(info, " 4:") == NULL && strstr(info, " 5:") == NULL &&
		    strstr(info, " 7:") == NULL)
			break;
		sleep_ms(10);
	}
	printf("%s\n", info);
	return 0;
}

static int mode_tty(void)
{
	pid_t fg = tcgetpgrp(STDIN_FILENO);

	printf("tty-foreground=%s\n", fg == getpgrp() ? "yes" : "no");
	return 0;
}

static int mode_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	char path[300], target[PATH_MAX];
	ssize_t n;

	if (d == NULL)
		die("/proc/self/fd");
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		printf("%s:%s\n", e->d_name, target);
	}
	closedir(d);
	return 0;
}

static int mode_ids(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	printf("uid=%u/%u/%u gid=%u/%u/%u\n", r, e, s, gr, ge, gs);
	return 0;
}

static int mode_bind(int argc, char **argv)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)atoi(argc > 2 ? argv[2] : "80"));
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		printf("bind: %s\n", strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	printf("bind: ok\n");
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(m, "exit") == 0)
		return argc > 2 ? atoi(argv[2]) : 0;
	if (strcmp(m, "raise") == 0 && argc > 2) {
		int s = sig_arg(argv[2]);

		signal(s, SIG_DFL);
		kill(getpid(), s);
		sleep_ms(5000);
		return 98;
	}
	if (strcmp(m, "args") == 0) {
		for (int i = 2; i < argc; i++)
			printf("%s\n", argv[i]);
		return 0;
	}
	if (strcmp(m, "status") == 0)
		return mode_status();
	if (strcmp(m, "mask") == 0)
		return mode_mask(argc, argv);
	if (strcmp(m, "signals") == 0)
		return mode_signals(argc, argv);
	if (strcmp(m, "no-sigchld") == 0)
		return mode_no_sigchld(argc, argv);
	if (strcmp(m, "orphans") == 0)
		return mode_orphans(argc, argv);
	if (strcmp(m, "reparent") == 0)
		return mode_reparent();
	if (strcmp(m, "together") == 0)
		return mode_together(argc, argv);
	if (strcmp(m, "ignore-term") == 0)
		return mode_ignore_term(argc, argv);
	if (strcmp(m, "term-slow") == 0)
		return mode_term_slow(argc, argv);
	if (strcmp(m, "parent-info") == 0)
		return mode_parent_info();
	if (strcmp(m, "tty") == 0)
		return mode_tty();
	if (strcmp(m, "ids") == 0)
		return mode_ids();
	if (strcmp(m, "fds") == 0)
		return mode_fds();
	if (strcmp(m, "bind") == 0)
		return mode_bind(argc, argv);
	if (strcmp(m, "sleep") == 0) {
		sleep_ms(argc > 2 ? (long)(atof(argv[2]) * 1000) : 60000);
		return 0;
	}
	fprintf(stderr, "probe: unknown mode '%s'\n", m);
	return 2;
}
