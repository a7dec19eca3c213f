// SPDX-License-Identifier: MIT
/* Unit tests: exit status of PROGRAM -> exit status of capinit. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "supervise.h"

/* Wait statuses as the kernel encodes them (see wait(2) macros). */
#define EXITED(c) (((c) & 0xff) << 8)
#define SIGNALED(s) ((s) & 0x7f)
#define SIGNALED_CORE(s) (SIGNALED(s) | 0x80)

static void exit_codes_pass_through(void **state)
{
	struct init_opts o;
	int c;

	(void)state;
	opts_init(&o);
	for (c = 0; c < 256; c++)
		assert_int_equal(sup_exit_status(&o, EXITED(c)), c);
}

static void signals_become_128_plus_n(void **state)
{
	struct init_opts o;
	int s;

	(void)state;
	opts_init(&o);
	for (s = 1; s <= 64; s++)
		assert_int_equal(sup_exit_status(&o, SIGNALED(s)), (128 + s) & 0xff);
	assert_int_equal(sup_exit_status(&o, SIGNALED_CORE(SIGSEGV)), 139);
	assert_int_equal(sup_exit_status(&o, SIGNALED(SIGTERM)), 143);
}

static void map_applies_to_both(void **state)
{
	struct init_opts o;
	struct diag d;

	(void)state;
	opts_init(&o);
	assert_int_equal(opts_add_exitmap(&o, "TERM", &d), 0);
	assert_int_equal(opts_add_exitmap(&o, "143:0", &d), 0);
	assert_int_equal(opts_add_exitmap(&o, "1:2", &d), 0);
	assert_int_equal(sup_exit_status(&o, SIGNALED(SIGTERM)), 0);
	assert_int_equal(sup_exit_status(&o, EXITED(143)), 0);
	assert_int_equal(sup_exit_status(&o, EXITED(1)), 2);
	assert_int_equal(sup_exit_status(&o, SIGNALED(SIGKILL)), 137);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exit_codes_pass_through),
		cmocka_unit_test(signals_become_128_plus_n),
		cmocka_unit_test(map_applies_to_both),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
