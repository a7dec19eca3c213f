// SPDX-License-Identifier: MIT
/* Unit tests: init options, rewrite and exit-map rules (shim/opts.c). */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "opts.h"

static struct init_opts o;
static struct diag d;

static int setup(void **state)
{
	(void)state;
	opts_init(&o);
	memset(&d, 0, sizeof(d));
	return 0;
}

static void defaults_are_identity(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 256; i++)
		assert_int_equal(opts_map_exit(&o, i), i);
	for (i = 1; i < NSIG; i++)
		assert_int_equal(opts_rewrite_signal(&o, i), i);
	assert_int_equal(o.stop_signal, SIGTERM);
	assert_int_equal(o.grace_ms, 0);
	assert_int_equal(o.pdeathsig, 0);
	assert_false(o.kill_group);
	assert_int_equal(o.verbosity, 1);
}

static void rewrite_by_name_and_number(void **state)
{
	(void)state;
	assert_int_equal(opts_add_rewrite(&o, "TERM:QUIT", &d), 0);
	assert_int_equal(opts_add_rewrite(&o, "10:SIGUSR2", &d), 0);
	assert_int_equal(opts_add_rewrite(&o, "RTMIN+1:none", &d), 0);
	assert_int_equal(opts_add_rewrite(&o, "HUP:0", &d), 0);
	assert_int_equal(opts_rewrite_signal(&o, SIGTERM), SIGQUIT);
	assert_int_equal(opts_rewrite_signal(&o, SIGUSR1), SIGUSR2);
	assert_int_equal(opts_rewrite_signal(&o, SIGRTMIN + 1), 0);
	assert_int_equal(opts_rewrite_signal(&o, SIGHUP), 0);
	assert_int_equal(opts_rewrite_signal(&o, SIGINT), SIGINT);
	/* The same rule twice is fine; a conflicting one is not. */
	assert_int_equal(opts_add_rewrite(&o, "SIGTERM:SIGQUIT", &d), 0);
	assert_int_equal(opts_add_rewrite(&o, "TERM:INT", &d), -1);
	assert_string_equal(d.msg, "rewrite 'TERM:INT': SIGTERM is already rewritten");
	assert_int_equal(opts_rewrite_signal(&o, SIGTERM), SIGQUIT);
}

static void rewrite_errors_are_exact(void **state)
{
	static const struct {
		const char *spec, *msg;
	} cases[] = {
		{ "TERM", "rewrite 'TERM': expected FROM:TO, e.g. TERM:QUIT" },
		{ ":QUIT", "rewrite ':QUIT': expected FROM:TO, e.g. TERM:QUIT" },
		{ "TERM:", "rewrite 'TERM:': expected FROM:TO, e.g. TERM:QUIT" },
		{ "A:B:C", "rewrite 'A:B:C': expected FROM:TO, e.g. TERM:QUIT" },
		{ "FOO:TERM", "rewrite 'FOO:TERM': 'FOO' is not a signal name or number" },
		{ "TERM:BAR", "rewrite 'TERM:BAR': 'BAR' is not a signal name or number" },
		{ "KILL:TERM", "rewrite 'KILL:TERM': SIGKILL never reaches the "
			       "child and cannot be rewritten" },
		{ "STOP:TERM", "rewrite 'STOP:TERM': SIGSTOP never reaches the "
			       "child and cannot be rewritten" },
		{ "CHLD:TERM", "rewrite 'CHLD:TERM': SIGCHLD never reaches the "
			       "child and cannot be rewritten" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&d, 0, sizeof(d));
		assert_int_equal(opts_add_rewrite(&o, cases[i].spec, &d), -1);
		assert_string_equal(d.msg, cases[i].msg);
	}
	for (i = 1; i < NSIG; i++)
		assert_int_equal(opts_rewrite_signal(&o, (int)i), (int)i);
}

static void exitmap_numbers_and_signal_names(void **state)
{
	(void)state;
	assert_int_equal(opts_add_exitmap(&o, "143", &d), 0);
	assert_int_equal(opts_add_exitmap(&o, "3:4", &d), 0);
	assert_int_equal(opts_add_exitmap(&o, "SIGKILL:9", &d), 0);
	assert_int_equal(opts_add_exitmap(&o, "1:INT", &d), 0);
	assert_int_equal(opts_add_exitmap(&o, "255:0", &d), 0);
	assert_int_equal(opts_map_exit(&o, 143), 0);
	assert_int_equal(opts_map_exit(&o, 3), 4);
	assert_int_equal(opts_map_exit(&o, 137), 9);
	assert_int_equal(opts_map_exit(&o, 1), 130);
	assert_int_equal(opts_map_exit(&o, 255), 0);
	assert_int_equal(opts_map_exit(&o, 4), 4);
	assert_int_equal(opts_map_exit(&o, 0), 0);
	assert_int_equal(opts_add_exitmap(&o, "TERM:0", &d), 0);
	assert_int_equal(opts_add_exitmap(&o, "143:1", &d), -1);
	assert_string_equal(d.msg, "exit map '143:1': status 143 is already mapped");
}

static void exitmap_errors_are_exact(void **state)
{
	static const struct {
		const char *spec, *msg;
	} cases[] = {
		{ "256", "exit map '256': '256' is not an exit status (0-255) or a signal name" },
		{ "-1", "exit map '-1': '-1' is not an exit status (0-255) or a signal name" },
		{ "1:256", "exit map '1:256': '256' is not an exit status (0-255) or a signal name" },
		{ "FOO", "exit map 'FOO': 'FOO' is not an exit status (0-255) or a signal name" },
		{ "1.5", "exit map '1.5': '1.5' is not an exit status (0-255) or a signal name" },
		{ "", "exit map '': expected FROM[:TO], e.g. 143:0 or TERM:0" },
		{ "1:", "exit map '1:': expected FROM[:TO], e.g. 143:0 or TERM:0" },
		{ "1:2:3", "exit map '1:2:3': expected FROM[:TO], e.g. 143:0 or TERM:0" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&d, 0, sizeof(d));
		assert_int_equal(opts_add_exitmap(&o, cases[i].spec, &d), -1);
		assert_string_equal(d.msg, cases[i].msg);
	}
	for (i = 0; i < 256; i++)
		assert_int_equal(opts_map_exit(&o, (int)i), (int)i);
}

static void grace_seconds_with_decimals(void **state)
{
	static const struct {
		const char *s;
		long ms;
	} good[] = {
		{ "0", 0 }, { "10", 10000 }, { "2.5", 2500 }, { "0.250", 250 },
		{ "0.001", 1 }, { "86400", 86400000 }, { "007", 7000 },
	};
	static const char *const bad[] = {
		"", "-1", "1.", ".5", "1.2345", "1s", "abc", "86400.001",
		"86401", "99999999999999999999", " 1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(opts_set_grace(&o, good[i].s, &d), 0);
		assert_int_equal(o.grace_ms, good[i].ms);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o.grace_ms = 42;
		assert_int_equal(opts_set_grace(&o, bad[i], &d), -1);
		assert_int_equal(o.grace_ms, 42);
	}
	assert_string_equal(d.msg, "grace ' 1': expected seconds from 0 to 86400, "
				   "at most 3 decimals (e.g. 10 or 2.5)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(defaults_are_identity, setup),
		cmocka_unit_test_setup(rewrite_by_name_and_number, setup),
		cmocka_unit_test_setup(rewrite_errors_are_exact, setup),
		cmocka_unit_test_setup(exitmap_numbers_and_signal_names, setup),
		cmocka_unit_test_setup(exitmap_errors_are_exact, setup),
		cmocka_unit_test_setup(grace_seconds_with_decimals, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
