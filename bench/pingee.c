// SPDX-License-Identifier: MIT
/*
 * pingee.c - the sleeping child of the init under test (benchmark rows 2, 5
 * and 6). It writes one 8-byte record to stdout when it is ready (value 0),
 * then sleeps in pause(). SIGUSR2 makes it exit 0 (the clean way to end a run:
 * the init forwards it, and a bare PID 1 gets it too as it has a handler).
 * Each SIGUSR1 makes its handler write the
 * CLOCK_MONOTONIC time (ns) at which the handler ran, as one 8-byte record.
 * CLOCK_MONOTONIC is not namespaced by a PID namespace, so the sender outside
 * can subtract its own time stamp taken just before kill(2).
 *
 * It deliberately leaves its signal mask alone: an init that hands its child
 * a blocked SIGUSR1 shows up as lost pings, not as a silently fixed bench.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void put(uint64_t v)
{
	/* 8 bytes < PIPE_BUF: one atomic write, nothing useful to do on error. */
	if (write(STDOUT_FILENO, &v, sizeof(v)) != (ssize_t)sizeof(v))
		_exit(3);
}

static void on_usr1(int signo)
{
	struct timespec ts;

	(void)signo;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	put((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
}

static void on_usr2(int signo)
{
	(void)signo;
	_exit(0);
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return 2;
	sa.sa_handler = on_usr2;
	if (sigaction(SIGUSR2, &sa, NULL) < 0)
		return 2;
	put(0);
	for (;;)
		pause();
}
