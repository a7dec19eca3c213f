// SPDX-License-Identifier: MIT
/*
 * Unit tests: the privilege plan (shim/plan.c) and name resolution
 * (shim/ident.c, shim/passwd.c), from fabricated process states and the
 * account files in tests/profiles/etc.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/capability.h>

#include "ident.h"
#include "passwd.h"
#include "plan.h"
#include "profile.h"

#define ETC "tests/profiles/etc"
#define BIT(c) (UINT64_C(1) << (c))
#define FULL40 UINT64_C(0x1ffffffffff)
#define DOCKER14 UINT64_C(0xa80425fb)

static struct profile prof;
static struct ident id;
static struct capstate cur;
static struct sysinfo sys;
static struct privplan plan;
static struct diags errs, warns;

static void parse(const char *text)
{
	memset(&errs, 0, sizeof(errs));
	memset(&warns, 0, sizeof(warns));
	if (profile_parse_buffer(text, strlen(text), "p.ini", &prof, &errs))
		fail_msg("%s", errs.msg[0]);
}

/* Root with every capability, as under docker run --privileged. */
static void root_state(uint64_t caps)
{
	memset(&cur, 0, sizeof(cur));
	cur.bnd = cur.prm = cur.eff = caps;
	cur.ngroups = 1;
	cur.groups[0] = 0;
	sys.last_cap = 40;
	sys.ambient_supported = true;
}

static int build(void)
{
	if (ident_resolve(&prof, ETC "/passwd", ETC "/group", cur.euid,
			  cur.egid, &id, &errs) < 0)
		return -1;
	return plan_build(&prof, &id, &cur, &sys, &plan, &errs, &warns);
}

static void drop_all_as_root(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[capabilities]\ndrop = ALL\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.bnd, 0);
	assert_int_equal(plan.want.prm, 0);
	assert_int_equal(plan.want.eff, 0);
	assert_int_equal(plan.want.inh, 0);
	assert_int_equal(plan.want.amb, 0);
	assert_true(plan.want.nnp);
	assert_true(plan.narrow_bounding);
	assert_false(plan.set_ids);
	assert_false(plan.set_groups);
}

static void drop_all_add_one_as_root(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.bnd, 0x400);
	assert_int_equal(plan.want.prm, 0x400);
	assert_int_equal(plan.want.eff, 0x400);
	assert_int_equal(plan.want.inh, 0);
	assert_int_equal(plan.want.amb, 0);
}

static void unprivileged_user_gets_ambient(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n"
	      "[user]\nuser = app\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.bnd, 0x400);
	assert_int_equal(plan.want.prm, 0x400);
	assert_int_equal(plan.want.eff, 0x400);
	assert_int_equal(plan.want.inh, 0x400);
	assert_int_equal(plan.want.amb, 0x400);
	assert_int_equal(plan.want.ruid, 1000);
	assert_int_equal(plan.want.suid, 1000);
	assert_int_equal(plan.want.egid, 1000);
	/* app's own groups: its primary plus those listing it. */
	assert_int_equal(plan.want.ngroups, 3);
	assert_int_equal(plan.want.groups[0], 1000);
	assert_int_equal(plan.want.groups[1], 4);
	assert_int_equal(plan.want.groups[2], 27);
	assert_true(plan.set_ids);
	assert_true(plan.set_groups);
}

static void explicit_ambient_subset(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE CHOWN\n"
	      "ambient = CHOWN\n[user]\nuser = app\nsupplementary_groups =\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.bnd, 0x401);
	assert_int_equal(plan.want.prm, 0x1);
	assert_int_equal(plan.want.amb, 0x1);
	assert_int_equal(plan.want.ngroups, 0);
}

static void ambient_outside_kept_is_an_error(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[capabilities]\ndrop = ALL\nadd = CHOWN\nambient = NET_RAW\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:4: ambient: NET_RAW not in the kept set");
}

static void docker_rule_without_drop_all(void **state)
{
	(void)state;
	root_state(DOCKER14);
	parse("[capabilities]\ndrop = NET_RAW\nadd = SYS_ADMIN\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.keep, DOCKER14 & ~BIT(CAP_NET_RAW));
	assert_int_equal(warns.n, 1);
	assert_string_equal(warns.msg[0],
			    "p.ini:3: add: SYS_ADMIN not granted by the runtime, "
			    "left out");
}

static void strict_makes_not_granted_an_error(void **state)
{
	(void)state;
	root_state(DOCKER14);
	parse("[capabilities]\ndrop = ALL\nadd = SYS_ADMIN KILL\nstrict = yes\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:3: add: SYS_ADMIN not granted by the runtime "
			    "(strict = yes)");
}

static void stale_inheritable_is_cleared(void **state)
{
	(void)state;
	root_state(FULL40);
	cur.inh = BIT(CAP_SYS_ADMIN);
	parse("[capabilities]\ndrop = ALL\nadd = NET_BIND_SERVICE\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.inh, 0);
	assert_int_equal(plan.want.prm, 0x400);
}

static void other_last_cap(void **state)
{
	(void)state;
	root_state((UINT64_C(1) << 38) - 1);
	sys.last_cap = 37;
	parse("[capabilities]\nadd = ALL\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.bnd, (UINT64_C(1) << 38) - 1);
	parse("[capabilities]\ndrop = CHOWN\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.bnd, ((UINT64_C(1) << 38) - 1) & ~BIT(0));
	assert_int_equal(plan_full_mask(37), (UINT64_C(1) << 38) - 1);
	assert_int_equal(plan_full_mask(63), ~UINT64_C(0));

	parse("[capabilities]\ndrop = ALL\nadd = CHECKPOINT_RESTORE\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:3: add: CHECKPOINT_RESTORE does not exist on "
			    "this kernel (last capability: 37)");
	/* Dropping what the kernel lacks is harmless, so no error. */
	parse("[capabilities]\ndrop = cap_50\n");
	assert_int_equal(build(), 0);
	parse("[capabilities]\nambient = cap_50\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:2: ambient: cap_50 does not exist on this "
			    "kernel (last capability: 37)");
}

static void without_setpcap_bounding_stays(void **state)
{
	(void)state;
	root_state(0);
	cur.bnd = FULL40;
	cur.ruid = cur.euid = cur.suid = 1000;
	parse("[capabilities]\ndrop = ALL\n");
	assert_int_equal(build(), 0);
	assert_false(plan.narrow_bounding);
	assert_int_equal(plan.want.bnd, FULL40);
	assert_int_equal(plan.want.prm, 0);
	assert_int_equal(warns.n, 1);

	parse("[capabilities]\ndrop = ALL\n[security]\nno_new_privs = no\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:4: the bounding set cannot be narrowed without "
			    "CAP_SETPCAP, which is only safe with no_new_privs = "
			    "yes");
}

/* uid 1000, gid 1000 and group 1000 without any capability: the plan
 * refuses what the kernel would, before anything is applied. */
static void ids_without_setuid_setgid(void **state)
{
	(void)state;
	root_state(0);
	cur.bnd = FULL40;
	cur.ruid = cur.euid = cur.suid = 1000;
	cur.rgid = cur.egid = cur.sgid = 1000;
	cur.groups[0] = 1000;
	parse("[user]\nuser = www-data\n");
	assert_int_equal(build(), -1);
	assert_int_equal(errs.n, 3);
	assert_string_equal(errs.msg[0],
			    "p.ini:2: changing the supplementary groups needs "
			    "CAP_SETGID, which capinit does not have (set "
			    "supplementary_groups to the current ones)");
	assert_string_equal(errs.msg[1], "p.ini:2: switching to gid 33 needs "
					 "CAP_SETGID, which capinit does not "
					 "have");
	assert_string_equal(errs.msg[2], "p.ini:2: switching to uid 33 needs "
					 "CAP_SETUID, which capinit does not "
					 "have");

	/* Its own ids and groups, restated: nothing to change, allowed. */
	parse("[user]\nuser = app\nsupplementary_groups = 1000\n");
	assert_int_equal(build(), 0);
	assert_false(plan.set_groups);

	/* A saved id may be taken without privilege. */
	cur.suid = 0;
	cur.sgid = 0;
	parse("[user]\nuser = 0\ngroup = 0\nsupplementary_groups = 1000\n");
	assert_int_equal(build(), 0);

	/* CAP_SETUID alone: the gid and groups are still refused. */
	cur.eff = BIT(CAP_SETUID);
	parse("[user]\nuser = www-data\n");
	assert_int_equal(build(), -1);
	assert_int_equal(errs.n, 2);
}

static void limits_capinit_cannot_set(void **state)
{
	(void)state;
	root_state(0);
	cur.ruid = cur.euid = cur.suid = 1000;
	cur.limits[RLIMIT_NOFILE].rlim_cur = 1024;
	cur.limits[RLIMIT_NOFILE].rlim_max = 4096;
	cur.limits[RLIMIT_CORE].rlim_max = RLIM_INFINITY;
	parse("[limits]\nnofile = 2048:4096\ncore = 0\n");
	assert_int_equal(build(), 0); /* lowering needs no privilege */
	parse("[limits]\nnofile = 8192\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:2: nofile: raising the hard limit from 4096 "
			    "to 8192 needs CAP_SYS_RESOURCE, which capinit does "
			    "not have");
	cur.eff = BIT(CAP_SYS_RESOURCE);
	assert_int_equal(build(), 0);

	/* Above fs.nr_open: refused even to root. */
	sys.nr_open = 1048576;
	parse("[limits]\nnofile = 1048576\n");
	assert_int_equal(build(), 0);
	parse("[limits]\nnofile = 1048577\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0], "p.ini:2: nofile: 1048577 is above "
					 "the kernel's fs.nr_open (1048576)");
	sys.nr_open = 0;
}

static void no_ambient_support(void **state)
{
	(void)state;
	root_state(FULL40);
	sys.ambient_supported = false;
	parse("[capabilities]\ndrop = ALL\nadd = KILL\n[user]\nuser = app\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:5: ambient capabilities (KILL) are not supported "
			    "by this kernel (Linux < 4.3, or gVisor)");
	parse("[capabilities]\ndrop = ALL\n[user]\nuser = app\n");
	assert_int_equal(build(), 0); /* nothing ambient needed */
}

static void numeric_user_needs_group(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[user]\nuser = 4242\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:2: user 4242 is not in " ETC "/passwd: set "
			    "'group' too (capinit never falls back to gid 0)");
	parse("[user]\nuser = 4242\ngroup = 4242\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.ruid, 4242);
	assert_int_equal(plan.want.rgid, 4242);
	assert_int_equal(plan.want.ngroups, 0);
	assert_string_equal(id.home, "/");
	assert_string_equal(id.name, "4242");
	parse("[user]\nuser = 1000\n"); /* numeric, but known */
	assert_int_equal(build(), 0);
	assert_string_equal(id.name, "app");
	assert_string_equal(id.home, "/home/app");
}

/* 'many' is in 65 groups: its primary one and g1 to g64. */
static void user_in_too_many_groups(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[user]\nuser = 3000\n");
	assert_int_equal(build(), -1);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.msg[0],
			    "p.ini:2: user = 3000: 'many' is in more than 64 "
			    "groups in " ETC "/group; list the ones the program "
			    "needs in supplementary_groups");
	parse("[user]\nuser = many\nsupplementary_groups = g1, g64\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.ngroups, 2);
	assert_int_equal(plan.want.groups[0], 3001);
	assert_int_equal(plan.want.groups[1], 3064);
}

static void unknown_names(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[user]\nuser = nobody2\ngroup = nogroup2\n"
	      "supplementary_groups = adm, ghosts\n");
	assert_int_equal(build(), -1);
	assert_int_equal(errs.n, 3);
	assert_string_equal(errs.msg[0],
			    "p.ini:2: user 'nobody2' is not in " ETC "/passwd");
	assert_string_equal(errs.msg[1],
			    "p.ini:3: group 'nogroup2' is not in " ETC "/group");
	assert_string_equal(errs.msg[2],
			    "p.ini:4: supplementary_groups: group 'ghosts' is not "
			    "in " ETC "/group");
}

static void securebits_and_nnp(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[security]\nsecurebits = noroot noroot-locked\n");
	assert_int_equal(build(), 0);
	assert_true(plan.set_securebits);
	assert_int_equal(plan.want.securebits, 0x3);
	cur.nnp = true;
	parse("[security]\nno_new_privs = no\n");
	assert_int_equal(build(), 0);
	assert_true(plan.want.nnp);
	assert_int_equal(warns.n, 1);
	cur.prm = cur.eff = 0;
	parse("[security]\nsecurebits = noroot\n");
	assert_int_equal(build(), -1);
	assert_string_equal(errs.msg[0],
			    "p.ini:2: securebits: setting them needs CAP_SETPCAP, "
			    "which the runtime did not grant");
}

static void noroot_makes_root_ordinary(void **state)
{
	(void)state;
	root_state(FULL40);
	/* With noroot, root gets nothing at exec but the ambient set. */
	parse("[capabilities]\nadd = CHOWN\n[security]\nsecurebits = noroot\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.amb, BIT(CAP_CHOWN));
	assert_int_equal(plan.want.inh, BIT(CAP_CHOWN));
	assert_int_equal(plan.want.prm, BIT(CAP_CHOWN));
	assert_int_equal(plan.want.bnd, BIT(CAP_CHOWN));
}

static void empty_profile_drops_all(void **state)
{
	(void)state;
	root_state(FULL40);
	parse("[security]\nno_new_privs = yes\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.bnd, 0);
	assert_int_equal(plan.want.prm, 0);
	parse("[capabilities]\ndrop = NET_RAW\n");
	assert_int_equal(build(), 0);
	assert_int_equal(plan.want.prm, FULL40 & ~BIT(CAP_NET_RAW));
}

static void passwd_parsing(void **state)
{
	struct passwd_entry e;
	gid_t g[8];
	unsigned int n;

	(void)state;
	assert_int_equal(passwd_find(ETC "/passwd", "app", &e), 1);
	assert_int_equal(e.uid, 1000);
	assert_int_equal(passwd_find(ETC "/passwd", "broken", &e), 0);
	assert_int_equal(passwd_find(ETC "/passwd", "dup", &e), 1);
	assert_int_equal(e.uid, 2001); /* first match wins */
	assert_int_equal(passwd_find(ETC "/passwd", "nosuch", &e), 0);
	assert_int_equal(passwd_find(ETC "/missing", "app", &e), 0);
	assert_int_equal(passwd_user_groups(ETC "/group", "app", 1000, g, 8), 3);
	assert_int_equal(passwd_user_groups(ETC "/group", "app", 1000, g, 2),
			 PASSWD_TOO_MANY);
	/* No group file: the primary group alone, as initgroups(3) does. */
	assert_int_equal(passwd_user_groups(ETC "/missing", "app", 1000, g, 8),
			 1);
	assert_int_equal(passwd_parse_id("0", &n), 0);
	assert_int_equal(passwd_parse_id("4294967294", &n), 0);
	assert_int_equal(passwd_parse_id("4294967295", &n), -1);
	assert_int_equal(passwd_parse_id("01", &n), -1);
	assert_int_equal(passwd_parse_id("", &n), -1);
	assert_int_equal(passwd_parse_id("1a", &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(drop_all_as_root),
		cmocka_unit_test(drop_all_add_one_as_root),
		cmocka_unit_test(unprivileged_user_gets_ambient),
		cmocka_unit_test(explicit_ambient_subset),
		cmocka_unit_test(ambient_outside_kept_is_an_error),
		cmocka_unit_test(docker_rule_without_drop_all),
		cmocka_unit_test(strict_makes_not_granted_an_error),
		cmocka_unit_test(stale_inheritable_is_cleared),
		cmocka_unit_test(other_last_cap),
		cmocka_unit_test(without_setpcap_bounding_stays),
		cmocka_unit_test(no_ambient_support),
		cmocka_unit_test(numeric_user_needs_group),
		cmocka_unit_test(user_in_too_many_groups),
		cmocka_unit_test(ids_without_setuid_setgid),
		cmocka_unit_test(limits_capinit_cannot_set),
		cmocka_unit_test(unknown_names),
		cmocka_unit_test(securebits_and_nnp),
		cmocka_unit_test(noroot_makes_root_ordinary),
		cmocka_unit_test(empty_profile_drops_all),
		cmocka_unit_test(passwd_parsing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
