// SPDX-License-Identifier: MIT
/*
 * main.c - capinit's one linear story, and the only place that decides to
 * exit. Data flows one way:
 *
 *   argv -> struct init_opts (cli.c)
 *        -> profile (profile.c) -> names resolved (ident.c)
 *        -> privilege plan (plan.c) -> apply, read back (privs.c)
 *        -> fork/exec (spawn.c) -> supervise (supervise.c) -> exit status
 *
 * Anything that fails before PROGRAM runs exits CAPINIT_EX_FAILURE (125),
 * and PROGRAM is never started.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "exitcodes.h"
#include "ident.h"
#include "learn.h"
#include "log.h"
#include "opts.h"
#include "plan.h"
#include "privs.h"
#include "profile.h"
#include "report.h"
#include "setup.h"
#include "sigstate.h"
#include "spawn.h"
#include "supervise.h"

static int fail(const struct diag *d)
{
	log_error("%s", d->msg);
	return CAPINIT_EX_FAILURE;
}

/*
 * The privilege half: profile -> plan -> apply -> read back. Any problem
 * is printed here and makes capinit exit 125 before anything is started.
 */
static int drop_privileges(const char *path, struct profile *prof,
			   struct ident *id)
{
	struct diags errs = { 0 }, warns = { 0 };
	struct diag d = { { 0 } };
	struct sysinfo sys;
	struct capstate cur;
	struct privplan plan;

	if (privs_read_sysinfo(&sys, &d) < 0 ||
	    privs_read_state(&cur, &sys, &d) < 0) {
		log_error("%s", d.msg);
		return -1;
	}
	if (profile_select(path, prof, &errs) < 0) {
		log_diags(&errs, LOG_LEVEL_ERROR);
		return -1;
	}
	if (prof->builtin)
		log_info("no %s: applying the built-in profile (drop ALL, "
			 "no_new_privs)",
			 PROFILE_DEFAULT_PATH);
	/* Both steps run, so that every problem is reported at once. */
	(void)ident_resolve(prof, "/etc/passwd", "/etc/group", cur.euid,
			    cur.egid, id, &errs);
	(void)plan_build(prof, id, &cur, &sys, &plan, &errs, &warns);
	log_diags(&warns, LOG_LEVEL_WARN);
	if (errs.n) {
		log_diags(&errs, LOG_LEVEL_ERROR);
		return -1;
	}
	if (privs_apply(&plan, &cur, &sys, &d) < 0) {
		log_error("%s", d.msg);
		return -1;
	}
	if (privs_verify(&plan, &sys, &errs) < 0) {
		log_diags(&errs, LOG_LEVEL_ERROR);
		return -1;
	}
	log_info("%s applied: uid %u, gid %u, bounding 0x%llx, permitted "
		 "0x%llx, ambient 0x%llx, no_new_privs %d",
		 prof->path, (unsigned)plan.want.euid, (unsigned)plan.want.egid,
		 (unsigned long long)plan.want.bnd,
		 (unsigned long long)plan.want.prm,
		 (unsigned long long)plan.want.amb, plan.want.nnp);
	return 0;
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

/* A report counts only if all of it reached stdout (its writes are not
 * checked one by one): otherwise capinit failed. */
static int report_written(int status)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		log_error("writing the report to stdout failed");
		return CAPINIT_EX_FAILURE;
	}
	return status;
}

static int print_and_succeed(const char *text)
{
	if (fputs(text, stdout) == EOF || fflush(stdout) == EOF)
		return CAPINIT_EX_FAILURE;
	return 0;
}

/*
 * The init proper: fork/exec PROGRAM and supervise it. Returns capinit's
 * exit status.
 */
static int run_program(struct init_opts *opts, const struct sigstate *sig,
		       pid_t orig_ppid)
{
	struct diag d = { { 0 } };
	struct spawn_result child;
	struct supervisor sup;
	int sfd;

	/* After any credential change: changing ids clears the pdeathsig. */
	if (opts->pdeathsig &&
	    setup_pdeathsig(opts->pdeathsig, orig_ppid, &d) < 0)
		return fail(&d);
	if (setup_subreaper(&d) < 0)
		log_warn("%s", d.msg);
	sfd = sigstate_signalfd(sig, &d);
	if (sfd < 0)
		return fail(&d);

	if (spawn_program(opts->argv, sig, &child, &d) < 0)
		return fail(&d);
	if (child.exec_errno)
		return report_exec_failure(opts->argv[0], child.exec_errno);
	log_debug("started %s as %d%s", opts->argv[0], (int)child.pid,
		  child.took_tty ? " in the terminal's foreground" : "");

	if (setup_detach(sfd, &d) < 0)
		log_warn("%s", d.msg);
	sup_init(&sup, opts, sfd, child.pid);
	return sup_run(&sup);
}

/*
 * --learn: PROGRAM runs with capinit's own privileges while its checks are
 * traced; the tracing instance is removed on every path out of here.
 */
static int learn_program(struct init_opts *opts, const struct sigstate *sig,
			 pid_t orig_ppid)
{
	struct diag d = { { 0 } };
	struct learn l;
	int status;

	if (learn_start(&l, &d) < 0)
		return fail(&d);
	status = run_program(opts, sig, orig_ppid);
	if (learn_finish(&l, opts->learn_out, opts->profile, opts->argv, &d) <
	    0) {
		learn_cleanup(&l);
		return fail(&d);
	}
	learn_cleanup(&l);
	return status;
}

int main(int argc, char *argv[])
{
	pid_t orig_ppid = getppid();
	struct diag d = { { 0 } };
	struct sigstate sig;
	struct init_opts opts;
	struct profile prof;
	struct ident id;

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
	/* Before anything reads a file: never with borrowed privileges. */
	if (privs_refuse_secure(&d) < 0)
		return fail(&d);
	switch (opts.mode) {
	case OPTS_CHECK:
		return report_written(report_check(&opts));
	case OPTS_EMIT:
		return report_written(report_emit(&opts));
	case OPTS_SHOW:
		return report_written(report_show(&opts));
	case OPTS_LEARN:
		return learn_program(&opts, &sig, orig_ppid);
	case OPTS_RUN:
		break;
	}

	if (drop_privileges(opts.profile, &prof, &id) < 0)
		return CAPINIT_EX_FAILURE;
	opts_merge(&opts, &prof.init);
	if (setup_process(&prof, &id, &d) < 0)
		return fail(&d);
	return run_program(&opts, &sig, orig_ppid);
}
