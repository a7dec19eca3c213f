// SPDX-License-Identifier: MIT
/*
 * main.c - capinit's one linear story, and the only place that decides to
 * exit. Data flows one way:
 *
 *   argv -> struct init_opts (cli.c)
 *        -> [profile -> privilege plan -> apply -> read back: part 2]
 *        -> fork/exec (spawn.c) -> supervise (supervise.c) -> exit status
 *
 * Anything that fails before PROGRAM runs exits CAPINIT_EX_FAILURE (125).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "exitcodes.h"
#include "log.h"
#include "opts.h"
#include "setup.h"
#include "sigstate.h"
#include "spawn.h"
#include "supervise.h"

static int fail(const struct diag *d)
{
	log_error("%s", d->msg);
	return CAPINIT_EX_FAILURE;
}

static int report_exec_failure(const char *prog, int err)
{
	if (err == ENOENT) {
		log_error("%s: not found", prog);
		return CAPINIT_EX_NOTFOUND;
	}
	log_error("%s: cannot execute: %s", prog, strerror(err));
	return CAPINIT_EX_NOEXEC;
}

static int print_and_succeed(const char *text)
{
	if (fputs(text, stdout) == EOF || fflush(stdout) == EOF)
		return CAPINIT_EX_FAILURE;
	return 0;
}

int main(int argc, char *argv[])
{
	pid_t orig_ppid = getppid();
	struct diag d = { { 0 } };
	struct sigstate sig;
	struct init_opts opts;
	struct spawn_result child;
	struct supervisor sup;
	int sfd;

	/* First of all, so that no signal sent during start-up is lost. */
	if (sigstate_block(&sig, &d) < 0)
		return fail(&d);

	opts_init(&opts);
	switch (cli_parse(argc, argv, &opts, &d)) {
	case CLI_RUN:
		break;
	case CLI_HELP:
		return print_and_succeed(cli_help_text);
	case CLI_VERSION:
		return print_and_succeed("capinit " CAPINIT_VERSION "\n");
	default:
		return fail(&d);
	}
	log_set_level(opts.verbosity);

	/* Part 2 slots in here: load the profile, plan, apply, verify. */

	/* After any credential change: changing ids clears the pdeathsig. */
	if (opts.pdeathsig && setup_pdeathsig(opts.pdeathsig, orig_ppid, &d) < 0)
		return fail(&d);
	if (setup_subreaper(&d) < 0)
		log_warn("%s", d.msg);
	sfd = sigstate_signalfd(&sig, &d);
	if (sfd < 0)
		return fail(&d);

	if (spawn_program(opts.argv, &sig, &child, &d) < 0)
		return fail(&d);
	if (child.exec_errno)
		return report_exec_failure(opts.argv[0], child.exec_errno);
	log_debug("started %s as %d%s", opts.argv[0], (int)child.pid,
		  child.took_tty ? " in the terminal's foreground" : "");

	if (setup_detach(sfd, &d) < 0)
		log_warn("%s", d.msg);
	sup_init(&sup, &opts, sfd, child.pid);
	return sup_run(&sup);
}
