// SPDX-License-Identifier: MIT
/*
 * cli.c - getopt_long into struct init_opts. No I/O: getopt's own messages
 * are off (opterr = 0) and every error becomes a diag for main to print.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "log.h"
#include "profile.h"

enum {
	OPT_STOP_SIGNAL = 0x100,
	OPT_PDEATHSIG,
	OPT_CHECK,
	OPT_SHOW,
	OPT_EMIT,
	OPT_FORMAT,
	OPT_LEARN,
};

/* Leading '+': stop at the first non-option (POSIX), ':' for missing args. */
static const char short_opts[] = "+:ghVvp:r:e:t:";

static const struct option long_opts[] = {
	{ "profile", required_argument, NULL, 'p' },
	{ "group", no_argument, NULL, 'g' },
	{ "rewrite", required_argument, NULL, 'r' },
	{ "map-exit", required_argument, NULL, 'e' },
	{ "grace", required_argument, NULL, 't' },
	{ "stop-signal", required_argument, NULL, OPT_STOP_SIGNAL },
	{ "pdeathsig", required_argument, NULL, OPT_PDEATHSIG },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "show", no_argument, NULL, OPT_SHOW },
	{ "emit", required_argument, NULL, OPT_EMIT },
	{ "learn", optional_argument, NULL, OPT_LEARN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

const char cli_help_text[] =
	"Usage: capinit [OPTIONS] [--] PROGRAM [ARG...]\n"
	"       capinit --check [-p FILE] [--format=text|json]\n"
	"       capinit --emit=docker|kubernetes|oci|systemd [-p FILE]\n"
	"       capinit --show [-p FILE] [--format=text|json] [PID...]\n"
	"       capinit --learn[=OUT.ini] [-p BASE] [--] PROGRAM [ARG...]\n"
	"\n"
	"Drop privileges to the profile, then run PROGRAM as the child of a\n"
	"minimal init: forward signals to it, reap zombies, exit with its status.\n"
	"\n"
	"Options:\n"
	"  -p, --profile=FILE       the profile (default " PROFILE_DEFAULT_PATH
	";\n"
	"                           without it: drop every capability)\n"
	"  -g, --group              forward signals to PROGRAM's process group\n"
	"  -r, --rewrite=FROM:TO    forward signal FROM as TO (TO may be 'none');\n"
	"                           repeatable, e.g. -r TERM:QUIT\n"
	"  -e, --map-exit=FROM[:TO] exit with TO (default 0) when PROGRAM's status\n"
	"                           is FROM; a signal name means 128+N; repeatable,\n"
	"                           e.g. -e 143 or -e TERM:0\n"
	"  -t, --grace=SECONDS      graceful shutdown: when PROGRAM exits or the stop\n"
	"                           signal arrives, send SIGTERM to every remaining\n"
	"                           process, wait up to SECONDS, then SIGKILL them\n"
	"      --stop-signal=SIG    the signal that starts the graceful shutdown\n"
	"                           (default TERM)\n"
	"      --pdeathsig=SIG      deliver SIG to capinit (and so to PROGRAM) when\n"
	"                           capinit's parent dies\n"
	"      --check              validate the profile and print the plan: the\n"
	"                           sets PROGRAM would hold now and under a runtime\n"
	"                           granting everything, with the risky choices\n"
	"      --emit=TARGET        print the docker, kubernetes, oci or systemd\n"
	"                           settings that match the profile\n"
	"      --show               decode what processes hold; with -p, flag those\n"
	"                           holding more than the profile allows (exit 1)\n"
	"      --format=FORMAT      text (default) or json, for --check and --show\n"
	"      --learn[=OUT]        run PROGRAM with capinit's privileges, record\n"
	"                           the capability checks it and its descendants\n"
	"                           make, write a minimal profile to OUT (stdout)\n"
	"  -v, --verbose            log more to stderr (repeat for debug)\n"
	"  -h, --help               show this help and exit\n"
	"  -V, --version            show the version and exit\n"
	"\n"
	"Signals are given by name (TERM, SIGTERM, RTMIN+2) or number.\n"
	"Exit status: PROGRAM's status, 128+N if it was killed by signal N,\n"
	"125 if capinit failed, 126 if PROGRAM could not be run, 127 if not found.\n";

/* @arg is the argument getopt stopped at. */
static int missing_or_unknown(int c, const char *arg, struct diag *d)
{
	bool is_long = strncmp(arg, "--", 2) == 0;
	const char *eq = strchr(arg, '=');

	if (c == ':') {
		if (is_long)
			return diag_set(d, "option '%s' needs a value", arg);
		return diag_set(d, "option '-%c' needs a value", optopt);
	}
	if (is_long && eq && optopt)
		return diag_set(d, "option '%.*s' takes no value",
				(int)(eq - arg), arg);
	if (is_long)
		return diag_set(d, "unknown option '%s'", arg);
	return diag_set(d, "unknown option '-%c'", optopt);
}

static int parse_signal_option(const char *name, const char *arg, int *out,
			       struct diag *d)
{
	struct diag sub = { { 0 } };

	if (opts_parse_signal(arg, out, &sub) < 0)
		return diag_set(d, "--%s: %s", name, sub.msg);
	return 0;
}

static int set_mode(struct init_opts *o, int c, const char *arg, struct diag *d)
{
	static const char *const targets[] = { "docker", "kubernetes", "oci",
					       "systemd" };
	size_t i;

	if (o->mode != OPTS_RUN)
		return diag_set(d,
				"--check, --show, --emit and --learn exclude "
				"each other");
	if (c == OPT_CHECK) {
		o->mode = OPTS_CHECK;
		return 0;
	}
	if (c == OPT_SHOW) {
		o->mode = OPTS_SHOW;
		return 0;
	}
	if (c == OPT_LEARN) {
		if (arg && *arg == '\0')
			return diag_set(d, "--learn= needs a file name");
		o->mode = OPTS_LEARN;
		o->learn_out = arg;
		return 0;
	}
	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (strcmp(arg, targets[i]) == 0)
			break;
	if (i == sizeof(targets) / sizeof(targets[0]))
		return diag_set(d,
				"--emit: '%s' is not docker, kubernetes, oci "
				"or systemd",
				arg);
	o->mode = OPTS_EMIT;
	o->emit = targets[i];
	return 0;
}

int cli_parse(int argc, char *const argv[], struct init_opts *o, struct diag *d)
{
	int c;

	opterr = 0;
	optind = 0; /* full reset of getopt's state, so this is re-entrant */
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) !=
	       -1) {
		switch (c) {
		case 'p':
			if (o->profile)
				return diag_set(d,
						"option --profile given twice");
			if (*optarg == '\0')
				return diag_set(d,
						"option --profile needs a file");
			o->profile = optarg;
			break;
		case 'g':
			o->kill_group = true;
			o->have_group = true;
			break;
		case 'r':
			if (opts_add_rewrite(o, optarg, d) < 0)
				return -1;
			break;
		case 'e':
			if (opts_add_exitmap(o, optarg, d) < 0)
				return -1;
			break;
		case 't':
			if (opts_set_grace(o, optarg, d) < 0)
				return -1;
			break;
		case OPT_STOP_SIGNAL:
			if (parse_signal_option("stop-signal", optarg,
						&o->stop_signal, d) < 0)
				return -1;
			o->have_stop_signal = true;
			break;
		case OPT_PDEATHSIG:
			if (parse_signal_option("pdeathsig", optarg,
						&o->pdeathsig, d) < 0)
				return -1;
			break;
		case OPT_CHECK:
		case OPT_SHOW:
		case OPT_EMIT:
		case OPT_LEARN:
			if (set_mode(o, c, optarg, d) < 0)
				return -1;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "text") != 0)
				return diag_set(d,
						"--format: '%s' is not text "
						"or json",
						optarg);
			o->json = strcmp(optarg, "json") == 0;
			o->have_format = true;
			break;
		case 'v':
			if (o->verbosity < LOG_LEVEL_DEBUG)
				o->verbosity++;
			break;
		case 'h':
			return CLI_HELP;
		case 'V':
			return CLI_VERSION;
		default:
			return missing_or_unknown(c, argv[optind - 1], d);
		}
	}
	o->argv = argv + optind;
	/* Silently ignoring it would let a CI gate parse text as JSON. */
	if (o->have_format && o->mode != OPTS_CHECK && o->mode != OPTS_SHOW)
		return diag_set(d, "--format is for --check and --show only");
	if (o->mode == OPTS_SHOW)
		return CLI_RUN; /* the rest are PIDs */
	if ((o->mode == OPTS_CHECK || o->mode == OPTS_EMIT) && optind < argc)
		return diag_set(d, "--%s takes no PROGRAM",
				o->mode == OPTS_CHECK ? "check" : "emit");
	if ((o->mode == OPTS_RUN || o->mode == OPTS_LEARN) && optind >= argc)
		return diag_set(d, "no PROGRAM given (try 'capinit --help')");
	return CLI_RUN;
}
