// SPDX-License-Identifier: MIT
/*
 * ptyrun - run a command on a fresh pseudo-terminal, as the session leader
 * with the terminal as its controlling tty (what `docker run -it` gives
 * PID 1), copy what it prints to stdout, and type into it.
 *
 *   ptyrun [-U] [-P] [-w MARKER -i INPUT] [-t SECS] -- CMD [ARG...]
 *
 * -P runs CMD as PID 1 of a new PID namespace (-U: in a new user namespace
 * too, mapping the caller to root), so CMD is a PID 1 that leads its own
 * session on the terminal, exactly as runc starts a container's process.
 * Once MARKER has appeared in the output, INPUT is written to the terminal
 * ("\003" is Ctrl-C, "\032" Ctrl-Z; C escapes in octal are understood).
 * Exits with CMD's status, 128+N if it was killed by signal N, 124 on
 * timeout. Needs no standard input, so it runs in CI.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static size_t unescape(const char *s, char *out)
{
	size_t n = 0;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '7') {
			int v = 0, k;

			for (k = 1; k <= 3 && s[k] >= '0' && s[k] <= '7'; k++)
				v = v * 8 + (s[k] - '0');
			out[n++] = (char)v;
			s += k;
		} else {
			out[n++] = *s++;
		}
	}
	return n;
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, text, strlen(text)) < 0) {
		perror(path);
		exit(2);
	}
	close(fd);
}

/* A user namespace where the caller is root, so -P works unprivileged. */
static void enter_userns(void)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWUSER) < 0) {
		perror("ptyrun: unshare(CLONE_NEWUSER)");
		exit(2);
	}
	write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
	write_file("/proc/self/uid_map", map);
	snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
	write_file("/proc/self/gid_map", map);
}

int main(int argc, char **argv)
{
	const char *marker = NULL, *input = NULL;
	char seen[8192] = "", buf[4096], in[256];
	double secs = 20;
	size_t seen_len = 0;
	int master, opt, status, sent = 0;
	struct timespec t0, t;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+UPw:i:t:")) != -1) {
		if (opt == 'U') {
			enter_userns();
		} else if (opt == 'P') {
			if (unshare(CLONE_NEWPID) < 0) {
				perror("ptyrun: unshare(CLONE_NEWPID)");
				return 2;
			}
		} else if (opt == 'w')
			marker = optarg;
		else if (opt == 'i')
			input = optarg;
		else if (opt == 't')
			secs = atof(optarg);
		else
			return 2;
	}
	if (optind >= argc)
		return 2;
	pid = forkpty(&master, NULL, NULL, NULL);
	if (pid < 0) {
		perror("ptyrun: forkpty");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[optind], argv + optind);
		perror("ptyrun: exec");
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { master, POLLIN, 0 };
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec > secs) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			fprintf(stderr, "ptyrun: timeout\n");
			return 124;
		}
		if (poll(&p, 1, 100) <= 0)
			continue;
		n = read(master, buf, sizeof(buf));
		if (n <= 0)
			break; /* EIO: every holder of the terminal is gone */
		fwrite(buf, 1, (size_t)n, stdout);
		fflush(stdout);
		if (seen_len + (size_t)n < sizeof(seen) - 1) {
			memcpy(seen + seen_len, buf, (size_t)n);
			seen_len += (size_t)n;
			seen[seen_len] = '\0';
		}
		if (input && !sent && (!marker || strstr(seen, marker))) {
			size_t len = unescape(input, in);

			if (write(master, in, len) != (ssize_t)len)
				perror("ptyrun: write");
			sent = 1;
		}
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
