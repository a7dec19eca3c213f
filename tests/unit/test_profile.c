// SPDX-License-Identifier: MIT
/*
 * Unit tests: the profile parser (shim/profile.c), golden-file style:
 * tests/profiles/bad/NAME.ini must give exactly NAME.err, and
 * tests/profiles/good/NAME.ini must parse into exactly NAME.out (a dump of
 * the struct). Set CAPINIT_REGEN=1 to write the .out files anew.
 */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "caps.h"
#include "profile.h"

#define DIR_BAD "tests/profiles/bad"
#define DIR_GOOD "tests/profiles/good"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void join(const struct diags *l, char *out, size_t len)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < l->n; i++)
		used += (size_t)snprintf(out + used, len - used, "%s\n", l->msg[i]);
}

/* A stable text form of the struct: the golden .out files hold it. */
static void dump(const struct profile *p, char *out, size_t len)
{
	char a[512], b[512], c[512];
	size_t u = 0;
	int i;

#define P(...) (u += (size_t)snprintf(out + u, len - u, __VA_ARGS__))
	P("drop_all=%d drop=%s add=%s\n", p->drop_all,
	  caps_format(p->drop, a, sizeof(a)),
	  p->add == ~UINT64_C(0) ? "ALL" : caps_format(p->add, b, sizeof(b)));
	P("ambient=%s strict=%d\n",
	  !p->have_ambient ? "(default)"
	  : p->ambient == ~UINT64_C(0) ? "ALL"
				       : caps_format(p->ambient, c, sizeof(c)),
	  p->strict);
	P("user=%s group=%s groups=", p->user, p->group);
	if (!p->have_groups)
		P("(default)");
	for (i = 0; i < p->ngroups; i++)
		P("%s%s", i ? "," : "", p->groups[i]);
	P(" umask=");
	if (p->have_umask)
		P("%04o", (unsigned)p->umask);
	else
		P("(default)");
	P(" workdir=%s\n", p->workdir);
	P("no_new_privs=%d securebits=", p->no_new_privs);
	if (p->have_securebits)
		P("0x%x\n", p->securebits);
	else
		P("(unchanged)\n");
	for (i = 0; i < RLIM_NLIMITS; i++)
		if (p->limits[i].set)
			P("limit %d=%llu:%llu\n", i,
			  (unsigned long long)p->limits[i].soft,
			  (unsigned long long)p->limits[i].hard);
	P("init group=%d/%d grace=%ld/%d stop=%d/%d pdeathsig=%d\n",
	  p->have_group_mode, p->init.kill_group, p->init.grace_ms,
	  p->have_grace, p->init.stop_signal, p->have_stop_signal,
	  p->init.pdeathsig);
	for (i = 1; i < NSIG; i++)
		if (p->init.rewrite_set[i])
			P("rewrite %d->%d\n", i, p->init.rewrite[i]);
	for (i = 0; i < 256; i++)
		if (p->init.exitmap_set[i])
			P("map_exit %d->%d\n", i, p->init.exitmap[i]);
#undef P
}

/* Calls @fn for every NAME.ini in @dir, in name order. */
static void each_ini(const char *dir, void (*fn)(const char *dir,
						 const char *base))
{
	struct dirent **names;
	int n, i, count = 0;

	n = scandir(dir, &names, NULL, alphasort);
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		size_t l = strlen(names[i]->d_name);

		if (l > 4 && strcmp(names[i]->d_name + l - 4, ".ini") == 0) {
			char base[256];

			snprintf(base, sizeof(base), "%.*s", (int)(l - 4),
				 names[i]->d_name);
			fn(dir, base);
			count++;
		}
		free(names[i]);
	}
	free(names);
	print_message("%d profiles in %s\n", count, dir);
}

static int mismatches;

static void check_bad(const char *dir, const char *base)
{
	char path[512], name[300], got[DIAGS_MAX * 260];
	struct profile p;
	struct diags errs = { 0 };
	char *text, *want;
	size_t len, wlen;

	snprintf(path, sizeof(path), "%s/%s.ini", dir, base);
	snprintf(name, sizeof(name), "%s.ini", base);
	text = slurp(path, &len);
	assert_non_null(text);
	assert_int_equal(profile_parse_buffer(text, len, name, &p, &errs), -1);
	join(&errs, got, sizeof(got));
	snprintf(path, sizeof(path), "%s/%s.err", dir, base);
	want = slurp(path, &wlen);
	assert_non_null(want);
	if (strcmp(got, want) != 0) {
		print_error("%s:\n  got:  %s  want: %s", base, got, want);
		mismatches++;
	}
	free(text);
	free(want);
}

/* Golden .out files live next to the .ini, except for conf/'s examples. */
static const char *out_dir(const char *dir)
{
	return strcmp(dir, "conf") == 0 ? "tests/profiles/conf" : dir;
}

static void check_good(const char *dir, const char *base)
{
	char path[512], got[8192];
	struct profile p;
	struct diags errs = { 0 };
	char *text, *want;
	size_t len, wlen;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.ini", dir, base);
	text = slurp(path, &len);
	assert_non_null(text);
	if (profile_parse_buffer(text, len, base, &p, &errs) != 0)
		fail_msg("%s: %s", base, errs.msg[0]);
	dump(&p, got, sizeof(got));
	snprintf(path, sizeof(path), "%s/%s.out", out_dir(dir), base);
	if (getenv("CAPINIT_REGEN")) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	want = slurp(path, &wlen);
	if (want == NULL)
		fail_msg("%s missing (CAPINIT_REGEN=1 writes it)", path);
	assert_string_equal(got, want);
	free(text);
	free(want);
}

static void bad_profiles_give_exact_errors(void **state)
{
	(void)state;
	mismatches = 0;
	each_ini(DIR_BAD, check_bad);
	assert_int_equal(mismatches, 0);
}

static void good_profiles_parse_exactly(void **state)
{
	(void)state;
	each_ini(DIR_GOOD, check_good);
}

static void shipped_examples_parse(void **state)
{
	(void)state;
	each_ini("conf", check_good);
}

static void builtin_is_deny_all(void **state)
{
	struct profile p;

	(void)state;
	profile_builtin(&p);
	assert_true(p.builtin);
	assert_true(p.drop_all);
	assert_int_equal(p.add, 0);
	assert_true(p.no_new_privs);
	assert_string_equal(p.path, "built-in profile");
}

static void permission_rules(void **state)
{
	struct stat f = { 0 }, d = { 0 };
	struct diags e = { 0 };

	(void)state;
	f.st_mode = S_IFREG | 0644;
	d.st_mode = S_IFDIR | 0755;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), 0);
	f.st_mode = S_IFREG | 0664;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), -1);
	f.st_mode = S_IFREG | 0646;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), -1);
	f.st_mode = S_IFREG | 0600;
	f.st_uid = 1000;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), -1);
	f.st_uid = 0;
	f.st_mode = S_IFIFO | 0600;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), -1);
	f.st_mode = S_IFREG | 0600;
	d.st_mode = S_IFDIR | 01777;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), -1);
	d.st_mode = S_IFDIR | 0755;
	d.st_uid = 1000;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), -1);
	d.st_uid = 0;
	f.st_size = PROFILE_MAX_SIZE + 1;
	assert_int_equal(profile_check_stat(&f, &d, "p", &e), -1);
	assert_int_equal(e.n, 7);
	assert_string_equal(e.msg[0], "p: writable by group or others (refused)");
	assert_string_equal(e.msg[2], "p: owned by uid 1000, not root (refused)");
	assert_string_equal(e.msg[3], "p: not a regular file (refused)");
	assert_string_equal(e.msg[4],
			    "p: its directory is writable by group or others (refused)");
	assert_string_equal(e.msg[5],
			    "p: its directory is owned by uid 1000, not root (refused)");
	assert_string_equal(e.msg[6], "p: larger than 65536 bytes (refused)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_profiles_give_exact_errors),
		cmocka_unit_test(good_profiles_parse_exactly),
		cmocka_unit_test(shipped_examples_parse),
		cmocka_unit_test(builtin_is_deny_all),
		cmocka_unit_test(permission_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
