// SPDX-License-Identifier: MIT
/* Unit tests: command-line parsing (shim/cli.c). */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"
#include "log.h"

static struct init_opts o;
static struct diag d;

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

static int parse(int argc, char **argv)
{
	opts_init(&o);
	memset(&d, 0, sizeof(d));
	return cli_parse(argc, argv, &o, &d);
}

static void program_and_args_untouched(void **state)
{
	char *argv[] = { "capinit", "prog", "-v", "--help", "-g", "--", "x", NULL };

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv), CLI_RUN);
	assert_ptr_equal(o.argv, &argv[1]);
	assert_int_equal(o.verbosity, LOG_LEVEL_WARN);
	assert_false(o.kill_group);
}

static void double_dash_ends_options(void **state)
{
	char *argv[] = { "capinit", "-g", "--", "-v", "arg", NULL };

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv), CLI_RUN);
	assert_ptr_equal(o.argv, &argv[3]);
	assert_string_equal(o.argv[0], "-v");
	assert_true(o.kill_group);
}

static void every_option(void **state)
{
	char *argv[] = { "capinit", "-vv", "-g", "-r", "TERM:QUIT",
			 "--rewrite=USR1:none", "-e", "143", "--map-exit=3:4",
			 "-t", "2.5", "--stop-signal", "INT",
			 "--pdeathsig=KILL", "--verbose", "--group", "--",
			 "prog", NULL };

	(void)state;
	assert_int_equal(parse(ARGC(argv), argv), CLI_RUN);
	assert_string_equal(o.argv[0], "prog");
	assert_int_equal(o.verbosity, LOG_LEVEL_DEBUG); /* capped at debug */
	assert_true(o.kill_group);
	assert_int_equal(opts_rewrite_signal(&o, SIGTERM), SIGQUIT);
	assert_int_equal(opts_rewrite_signal(&o, SIGUSR1), 0);
	assert_int_equal(opts_map_exit(&o, 143), 0);
	assert_int_equal(opts_map_exit(&o, 3), 4);
	assert_int_equal(o.grace_ms, 2500);
	assert_int_equal(o.stop_signal, SIGINT);
	assert_int_equal(o.pdeathsig, SIGKILL);
}

static void help_and_version(void **state)
{
	char *h[] = { "capinit", "-h", NULL };
	char *h2[] = { "capinit", "--help", "prog", NULL };
	char *v[] = { "capinit", "-V", NULL };
	char *v2[] = { "capinit", "--version", NULL };

	(void)state;
	assert_int_equal(parse(ARGC(h), h), CLI_HELP);
	assert_int_equal(parse(ARGC(h2), h2), CLI_HELP);
	assert_int_equal(parse(ARGC(v), v), CLI_VERSION);
	assert_int_equal(parse(ARGC(v2), v2), CLI_VERSION);
	assert_non_null(strstr(cli_help_text, "Usage: capinit [OPTIONS] [--] PROGRAM [ARG...]\n"));
}

static void usage_errors_are_exact(void **state)
{
	static struct {
		char *argv[5];
		const char *msg;
	} cases[] = {
		{ { "capinit", NULL }, "no PROGRAM given (try 'capinit --help')" },
		{ { "capinit", "--", NULL }, "no PROGRAM given (try 'capinit --help')" },
		{ { "capinit", "-x", "p", NULL }, "unknown option '-x'" },
		{ { "capinit", "--bogus", "p", NULL }, "unknown option '--bogus'" },
		{ { "capinit", "-r", NULL }, "option '-r' needs a value" },
		{ { "capinit", "--grace", NULL }, "option '--grace' needs a value" },
		{ { "capinit", "--group=1", "p", NULL }, "option '--group' takes no value" },
		{ { "capinit", "-gx", "p", NULL }, "unknown option '-x'" },
		{ { "capinit", "-gr", NULL }, "option '-r' needs a value" },
		{ { "capinit", "--stop-signal=X", "p", NULL },
		  "--stop-signal: 'X' is not a signal name or number" },
		{ { "capinit", "--pdeathsig=0", "p", NULL },
		  "--pdeathsig: '0' is not a signal name or number" },
		{ { "capinit", "-t", "x", NULL },
		  "grace 'x': expected seconds from 0 to 86400, at most 3 decimals (e.g. 10 or 2.5)" },
		{ { "capinit", "--format=json", "p", NULL },
		  "--format is for --check and --show only" },
		{ { "capinit", "--emit=docker", "--format=json", NULL },
		  "--format is for --check and --show only" },
		{ { "capinit", "--check", "--format=yaml", NULL },
		  "--format: 'yaml' is not text or json" },
	};
	size_t i;
	int argc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char **argv = cases[i].argv;

		for (argc = 0; argv[argc]; argc++)
			;
		assert_int_equal(parse(argc, argv), -1);
		assert_string_equal(d.msg, cases[i].msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(program_and_args_untouched),
		cmocka_unit_test(double_dash_ends_options),
		cmocka_unit_test(every_option),
		cmocka_unit_test(help_and_version),
		cmocka_unit_test(usage_errors_are_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
