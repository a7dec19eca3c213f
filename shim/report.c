// SPDX-License-Identifier: MIT
/*
 * report.c - the tool modes for people who write and audit profiles:
 * --check (validate, print the plan, flag risky choices), --emit (the
 * runtime settings that match) and --show (decode what processes hold).
 * They read, plan and print; they never change the process. Output goes
 * to stdout (it is what was asked for); problems go to stderr.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caps.h"
#include "exitcodes.h"
#include "ident.h"
#include "log.h"
#include "plan.h"
#include "privs.h"
#include "profile.h"
#include "report.h"
#include "signame.h"

#define BIT(c) (UINT64_C(1) << (c))

/* Everything the modes need to know about a profile. */
struct analysis {
	struct profile prof;
	struct sysinfo sys;
	struct ident id, id_priv;
	struct capstate now, priv;
	struct privplan plan_now, plan_priv;
	struct diags errs, warns, notes;
	bool valid;
};

/*
 * Plan the profile twice: for the privileges capinit has here, and for a
 * runtime that grants everything (--privileged) to root. Only the second
 * decides validity: the first depends on who runs the check.
 */
static int analyse(const char *path, struct analysis *a)
{
	struct diags ignored = { 0 };
	struct diag d;

	memset(a, 0, sizeof(*a));
	if (profile_select(path, &a->prof, &a->errs) < 0)
		return -1;
	if (privs_read_sysinfo(&a->sys, &d) < 0 ||
	    privs_read_state(&a->now, &a->sys, &d) < 0) {
		diags_add(&a->errs, "%s", d.msg);
		return -1;
	}
	a->priv = a->now;
	a->priv.bnd = a->priv.prm = a->priv.eff =
		plan_full_mask(a->sys.last_cap);
	a->priv.inh = a->priv.amb = 0;
	a->priv.ruid = a->priv.euid = a->priv.suid = 0;
	a->priv.rgid = a->priv.egid = a->priv.sgid = 0;
	a->priv.securebits = 0;
	a->priv.nnp = false;
	a->priv.ngroups = 0; /* not the groups of whoever runs the check */
	(void)ident_resolve(&a->prof, "/etc/passwd", "/etc/group", 0, 0,
			    &a->id_priv, &a->errs);
	(void)plan_build(&a->prof, &a->id_priv, &a->priv, &a->sys,
			 &a->plan_priv, &a->errs, &a->warns);
	if (a->errs.n)
		return -1;
	(void)ident_resolve(&a->prof, "/etc/passwd", "/etc/group", a->now.euid,
			    a->now.egid, &a->id, &a->notes);
	(void)plan_build(&a->prof, &a->id, &a->now, &a->sys, &a->plan_now,
			 &a->notes, &ignored);
	a->valid = true;
	return 0;
}

/* ---- JSON helpers ------------------------------------------------------ */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* ["CAP_A", "CAP_B"]: names as the OCI spec and --show --format=json use. */
static void json_caps(FILE *f, uint64_t mask)
{
	char name[32];
	int cap, n = 0;

	fputc('[', f);
	for (cap = 0; cap < CAPS_MAX; cap++) {
		if (!(mask & BIT(cap)))
			continue;
		fprintf(f, "%s\"CAP_%s\"", n++ ? ", " : "",
			caps_name(cap, name));
	}
	fputc(']', f);
}

/* "bounding": [...], ... "ambient": [...] (no braces). */
static void json_five(uint64_t bnd, uint64_t prm, uint64_t eff, uint64_t inh,
		      uint64_t amb)
{
	printf("\"bounding\": ");
	json_caps(stdout, bnd);
	printf(", \"permitted\": ");
	json_caps(stdout, prm);
	printf(", \"effective\": ");
	json_caps(stdout, eff);
	printf(", \"inheritable\": ");
	json_caps(stdout, inh);
	printf(", \"ambient\": ");
	json_caps(stdout, amb);
}

static void json_diags(FILE *f, const struct diags *l)
{
	int i;

	fputc('[', f);
	for (i = 0; i < l->n; i++) {
		if (i)
			fputs(", ", f);
		json_str(f, l->msg[i]);
	}
	fputc(']', f);
}

/* A limit as @inf spells infinity ("infinity", "-1"), else the number. */
static const char *limit_str(rlim_t v, const char *inf, char buf[32])
{
	if (v == RLIM_INFINITY)
		return inf;
	snprintf(buf, 32, "%llu", (unsigned long long)v);
	return buf;
}

/* "NOFILE" for RLIMIT_NOFILE, as OCI and systemd spell it. */
static const char *limit_upper(int resource, char up[16])
{
	size_t k;

	snprintf(up, 16, "%s", profile_limit_name(resource));
	for (k = 0; up[k]; k++)
		up[k] = (char)toupper((unsigned char)up[k]);
	return up;
}

/* ---- --check ------------------------------------------------------------ */

struct risk {
	int cap; /* -1: not a capability */
	const char *why;
};

static const struct risk cap_risks[] = {
	{ CAP_SYS_ADMIN, "\"the new root\": mounts, namespaces and much of the "
			 "kernel's administration" },
	{ CAP_NET_RAW, "raw sockets: ARP spoofing and sniffing on the "
		       "container network" },
	{ CAP_DAC_OVERRIDE, "bypasses file read, write and execute permission "
			    "checks" },
	{ CAP_DAC_READ_SEARCH, "reads any file, and opens files by handle "
			       "(the 'shocker' container escape)" },
	{ CAP_SYS_PTRACE, "reads and changes the memory of other processes" },
	{ CAP_SYS_MODULE, "loads kernel modules: the host's kernel is the "
			  "program's" },
	{ CAP_NET_ADMIN, "reconfigures interfaces, routes and firewall rules" },
	{ CAP_SETUID, "becomes any user" },
	{ CAP_SETGID, "becomes any group" },
	{ CAP_SETPCAP, "changes capability sets and securebits" },
	{ CAP_SETFCAP, "writes file capabilities, which raise privileges at "
		       "exec" },
};

#define N_CAP_RISKS (sizeof(cap_risks) / sizeof(cap_risks[0]))

struct finding {
	char what[32];
	char why[160];
};

static int find_risks(const struct analysis *a, struct finding *out, int max)
{
	const struct privplan *pl = &a->plan_priv;
	uint64_t all = plan_full_mask(a->sys.last_cap);
	int n = 0, kept = __builtin_popcountll(pl->keep);
	size_t i;

	for (i = 0; i < N_CAP_RISKS && n < max; i++) {
		if (!(pl->keep & BIT(cap_risks[i].cap)))
			continue;
		caps_name(cap_risks[i].cap, out[n].what);
		snprintf(out[n].why, sizeof(out[n].why), "%s",
			 cap_risks[i].why);
		n++;
	}
	if (!pl->want.nnp && n < max) {
		snprintf(out[n].what, sizeof(out[n].what), "no_new_privs");
		snprintf(out[n].why, sizeof(out[n].why),
			 "off: setuid binaries "
			 "and file capabilities can raise privileges at exec");
		n++;
	}
	if (pl->want.euid == 0 && n < max) {
		snprintf(out[n].what, sizeof(out[n].what), "uid 0");
		snprintf(out[n].why, sizeof(out[n].why),
			 "the program stays "
			 "root: even with no capability it owns root's files and "
			 "passes root's permission checks");
		n++;
	}
	if (!a->prof.drop_all && n < max) {
		snprintf(out[n].what, sizeof(out[n].what), "deny-list");
		snprintf(out[n].why, sizeof(out[n].why),
			 "'drop' without ALL keeps "
			 "%d of the %d capabilities of --privileged",
			 kept, __builtin_popcountll(all));
		n++;
	}
	return n;
}

static void text_sets(const char *title, const struct privplan *pl)
{
	char buf[1024];

	printf("%s\n", title);
	printf("  bounding     %s%s\n",
	       caps_format(pl->want.bnd, buf, sizeof(buf)),
	       pl->narrow_bounding || (pl->want.bnd & ~pl->keep) == 0
		       ? ""
		       : "  (not narrowed: no CAP_SETPCAP)");
	printf("  permitted    %s\n",
	       caps_format(pl->want.prm, buf, sizeof(buf)));
	printf("  effective    %s\n",
	       caps_format(pl->want.eff, buf, sizeof(buf)));
	printf("  inheritable  %s\n",
	       caps_format(pl->want.inh, buf, sizeof(buf)));
	printf("  ambient      %s\n",
	       caps_format(pl->want.amb, buf, sizeof(buf)));
}

static void text_init(const struct init_opts *io)
{
	char a[SIGNAME_MAX], b[SIGNAME_MAX];
	int i;

	printf("init:         group %s, grace %ld.%03ld s, stop signal %s",
	       io->kill_group ? "yes" : "no", io->grace_ms / 1000,
	       io->grace_ms % 1000, signame_format(io->stop_signal, a));
	if (io->pdeathsig)
		printf(", pdeathsig %s", signame_format(io->pdeathsig, a));
	for (i = 1; i < NSIG; i++)
		if (io->rewrite_set[i])
			printf(", rewrite %s:%s", signame_format(i, a),
			       io->rewrite[i]
				       ? signame_format(io->rewrite[i], b)
				       : "none");
	for (i = 0; i < 256; i++)
		if (io->exitmap_set[i])
			printf(", map_exit %d:%d", i, io->exitmap[i]);
	printf("\n");
}

static void text_check(const struct analysis *a, const struct finding *risks,
		       int nrisks)
{
	const struct profile *p = &a->prof;
	const struct capstate *w = &a->plan_priv.want;
	char l1[32], l2[32];
	int i, n;

	printf("profile:      %s (valid)\n", p->path);
	printf("user:         uid %u, gid %u, groups", (unsigned)w->euid,
	       (unsigned)w->egid);
	for (i = 0; i < w->ngroups; i++)
		printf("%s%u", i ? "," : " ", (unsigned)w->groups[i]);
	if (!w->ngroups)
		printf(" none");
	printf("%s\n",
	       a->id_priv.set_user ? "" : " (as the runtime starts it)");
	printf("no_new_privs: %s\n", w->nnp ? "yes" : "no");
	printf("securebits:   ");
	if (!p->have_securebits)
		printf("unchanged\n");
	for (i = 0, n = 0; p->have_securebits && i < 8; i++)
		if (p->securebits & (1U << i))
			printf("%s%s", n++ ? " " : "",
			       profile_securebit_names[i]);
	if (p->have_securebits)
		printf("\n");
	if (p->have_umask)
		printf("umask:        %04o\n", (unsigned)p->umask);
	if (p->workdir[0])
		printf("workdir:      %s\n", p->workdir);
	for (i = 0; i < RLIM_NLIMITS; i++)
		if (p->limits[i].set)
			printf("limit:        %s %s:%s\n",
			       profile_limit_name(i),
			       limit_str(p->limits[i].soft, "infinity", l1),
			       limit_str(p->limits[i].hard, "infinity", l2));
	text_init(&p->init);
	printf("\n");
	text_sets("capabilities under a runtime that grants everything "
		  "(--privileged):",
		  &a->plan_priv);
	printf("\n");
	if (a->notes.n) {
		printf("under the privileges capinit has here (uid %u): the "
		       "profile cannot be applied:\n",
		       (unsigned)a->now.euid);
		for (i = 0; i < a->notes.n; i++)
			printf("  %s\n", a->notes.msg[i]);
	} else {
		char t[80];

		snprintf(t, sizeof(t),
			 "capabilities under the privileges capinit "
			 "has here (uid %u):",
			 (unsigned)a->now.euid);
		text_sets(t, &a->plan_now);
	}
	/* Judged for --privileged, like validity, not for who runs this. */
	printf("\nrisks under --privileged:%s\n", nrisks ? "" : " none found");
	for (i = 0; i < nrisks; i++)
		printf("  %-16s %s\n", risks[i].what, risks[i].why);
}

static void json_sets(const struct privplan *pl)
{
	printf("{");
	json_five(pl->want.bnd, pl->want.prm, pl->want.eff, pl->want.inh,
		  pl->want.amb);
	printf(", \"bounding_narrowed\": %s}",
	       pl->narrow_bounding || (pl->want.bnd & ~pl->keep) == 0
		       ? "true"
		       : "false");
}

static void json_check(const struct analysis *a, const struct finding *risks,
		       int nrisks)
{
	const struct profile *p = &a->prof;
	const struct capstate *w = &a->plan_priv.want;
	char s1[SIGNAME_MAX], s2[SIGNAME_MAX];
	int i, n;

	printf("{\"profile\": ");
	json_str(stdout, p->path);
	printf(", \"valid\": %s, \"errors\": ", a->valid ? "true" : "false");
	json_diags(stdout, &a->errs);
	printf(", \"warnings\": ");
	json_diags(stdout, &a->warns);
	if (!a->valid) {
		printf("}\n");
		return;
	}
	printf(",\n \"user\": {\"uid\": %u, \"gid\": %u, \"groups\": [",
	       (unsigned)w->euid, (unsigned)w->egid);
	for (i = 0; i < w->ngroups; i++)
		printf("%s%u", i ? ", " : "", (unsigned)w->groups[i]);
	printf("], \"changed\": %s},\n",
	       a->id_priv.set_user ? "true" : "false");
	printf(" \"no_new_privs\": %s, \"securebits\": ",
	       w->nnp ? "true" : "false");
	if (p->have_securebits) {
		printf("[");
		for (i = 0, n = 0; i < 8; i++)
			if (p->securebits & (1U << i))
				printf("%s\"%s\"", n++ ? ", " : "",
				       profile_securebit_names[i]);
		printf("]");
	} else {
		printf("null");
	}
	printf(", \"umask\": ");
	if (p->have_umask)
		printf("\"%04o\"", (unsigned)p->umask);
	else
		printf("null");
	printf(", \"workdir\": ");
	if (p->workdir[0])
		json_str(stdout, p->workdir);
	else
		printf("null");
	printf(",\n \"limits\": {");
	for (i = 0, n = 0; i < RLIM_NLIMITS; i++)
		if (p->limits[i].set)
			printf("%s\"%s\": {\"soft\": %llu, \"hard\": %llu}",
			       n++ ? ", " : "", profile_limit_name(i),
			       (unsigned long long)p->limits[i].soft,
			       (unsigned long long)p->limits[i].hard);
	printf("},\n \"init\": {\"group\": %s, \"grace_ms\": %ld, "
	       "\"stop_signal\": \"%s\", \"pdeathsig\": ",
	       p->init.kill_group ? "true" : "false", p->init.grace_ms,
	       signame_format(p->init.stop_signal, s1));
	if (p->init.pdeathsig)
		printf("\"%s\"", signame_format(p->init.pdeathsig, s1));
	else
		printf("null");
	printf(", \"rewrite\": {");
	for (i = 1, n = 0; i < NSIG; i++)
		if (p->init.rewrite_set[i])
			printf("%s\"%s\": \"%s\"", n++ ? ", " : "",
			       signame_format(i, s1),
			       p->init.rewrite[i]
				       ? signame_format(p->init.rewrite[i], s2)
				       : "none");
	printf("}, \"map_exit\": {");
	for (i = 0, n = 0; i < 256; i++)
		if (p->init.exitmap_set[i])
			printf("%s\"%d\": %d", n++ ? ", " : "", i,
			       p->init.exitmap[i]);
	printf("}},\n \"privileged\": ");
	json_sets(&a->plan_priv);
	printf(",\n \"now\": ");
	if (a->notes.n) {
		printf("{\"applicable\": false, \"errors\": ");
		json_diags(stdout, &a->notes);
		printf("}");
	} else {
		json_sets(&a->plan_now);
	}
	printf(",\n \"risks\": [");
	for (i = 0; i < nrisks; i++) {
		printf("%s{\"what\": ", i ? ", " : "");
		json_str(stdout, risks[i].what);
		printf(", \"why\": ");
		json_str(stdout, risks[i].why);
		printf("}");
	}
	printf("]}\n");
}

/*
 * A fresh analysis of @path with its warnings and errors printed; @rc gets
 * analyse()'s result. NULL only when out of memory.
 */
static struct analysis *analyse_logged(const char *path, int *rc)
{
	struct analysis *a = calloc(1, sizeof(*a));

	if (a == NULL) {
		log_error("out of memory");
		return NULL;
	}
	*rc = analyse(path, a);
	log_diags(&a->warns, LOG_LEVEL_WARN);
	log_diags(&a->errs, LOG_LEVEL_ERROR);
	return a;
}

int report_check(const struct init_opts *o)
{
	struct finding risks[N_CAP_RISKS + 3];
	int nrisks = 0, rc = -1;
	struct analysis *a = analyse_logged(o->profile, &rc);

	if (a == NULL)
		return CAPINIT_EX_FAILURE;
	if (rc == 0)
		nrisks = find_risks(a, risks,
				    (int)(sizeof(risks) / sizeof(risks[0])));
	if (o->json)
		json_check(a, risks, nrisks);
	else if (rc == 0)
		text_check(a, risks, nrisks);
	free(a);
	return rc == 0 ? 0 : CAPINIT_EX_FAILURE;
}

/* ---- --emit ------------------------------------------------------------- */

static void caps_list(uint64_t mask, const char *sep, const char *prefix,
		      const char *quote)
{
	char name[32];
	int cap, n = 0;

	for (cap = 0; cap < CAPS_MAX; cap++)
		if (mask & BIT(cap))
			printf("%s%s%s%s%s", n++ ? sep : "", quote, prefix,
			       caps_name(cap, name), quote);
}

static void emit_docker(const struct analysis *a)
{
	const struct capstate *w = &a->plan_priv.want;
	char l1[32], l2[32];
	int i;

	printf("--cap-drop=ALL");
	if (a->plan_priv.keep) {
		printf(" --cap-add=");
		caps_list(a->plan_priv.keep, ",", "", "");
	}
	if (w->nnp)
		printf(" --security-opt=no-new-privileges");
	printf(" --user=%u:%u", (unsigned)w->euid, (unsigned)w->egid);
	for (i = 0; a->id_priv.set_groups && i < w->ngroups; i++)
		if (w->groups[i] != w->egid)
			printf(" --group-add=%u", (unsigned)w->groups[i]);
	for (i = 0; i < RLIM_NLIMITS; i++)
		if (a->prof.limits[i].set)
			printf(" --ulimit=%s=%s:%s", profile_limit_name(i),
			       limit_str(a->prof.limits[i].soft, "-1", l1),
			       limit_str(a->prof.limits[i].hard, "-1", l2));
	printf("\n");
}

/* Pod Security Standards "restricted": which rules the profile breaks. */
static int pss_restricted(const struct analysis *a, char *why, size_t len)
{
	const struct capstate *w = &a->plan_priv.want;
	size_t u = 0;

	why[0] = '\0';
	if (a->plan_priv.keep & ~BIT(CAP_NET_BIND_SERVICE))
		u += (size_t)snprintf(why + u, len - u,
				      "%sadds capabilities "
				      "other than NET_BIND_SERVICE",
				      u ? "; " : "");
	if (w->euid == 0 && u < len)
		u += (size_t)snprintf(why + u, len - u, "%sruns as uid 0",
				      u ? "; " : "");
	if (!w->nnp && u < len)
		u += (size_t)snprintf(why + u, len - u,
				      "%sallows privilege "
				      "escalation (no_new_privs = no)",
				      u ? "; " : "");
	return u == 0;
}

static void emit_kubernetes(const struct analysis *a)
{
	const struct capstate *w = &a->plan_priv.want;
	char why[256];
	int i, n = 0;

	printf("securityContext:\n  capabilities:\n    drop: [\"ALL\"]\n");
	if (a->plan_priv.keep) {
		printf("    add: [");
		caps_list(a->plan_priv.keep, ", ", "", "\"");
		printf("]\n");
	}
	printf("  runAsUser: %u\n  runAsGroup: %u\n  runAsNonRoot: %s\n",
	       (unsigned)w->euid, (unsigned)w->egid,
	       w->euid != 0 ? "true" : "false");
	printf("  allowPrivilegeEscalation: %s\n", w->nnp ? "false" : "true");
	printf("  seccompProfile:\n    type: RuntimeDefault\n");
	if (a->id_priv.set_groups && w->ngroups) {
		printf("# pod level (spec.securityContext): supplementalGroups: [");
		for (i = 0; i < w->ngroups; i++)
			printf("%s%u", n++ ? ", " : "", (unsigned)w->groups[i]);
		printf("]\n");
	}
	if (pss_restricted(a, why, sizeof(why)))
		printf("# Pod Security Standards: meets \"restricted\"\n");
	else
		printf("# Pod Security Standards: not \"restricted\": %s\n",
		       why);
}

static void emit_oci(const struct analysis *a)
{
	const struct capstate *w = &a->plan_priv.want;
	int i, n;

	printf("{\"process\": {\n  \"user\": {\"uid\": %u, \"gid\": %u",
	       (unsigned)w->euid, (unsigned)w->egid);
	if (a->prof.have_umask)
		printf(", \"umask\": %u", (unsigned)a->prof.umask);
	printf(", \"additionalGids\": [");
	for (i = 0; i < w->ngroups; i++)
		printf("%s%u", i ? ", " : "", (unsigned)w->groups[i]);
	printf("]},\n  \"capabilities\": {");
	json_five(w->bnd, w->prm, w->eff, w->inh, w->amb);
	printf("},\n  \"noNewPrivileges\": %s,\n  \"rlimits\": [",
	       w->nnp ? "true" : "false");
	for (i = 0, n = 0; i < RLIM_NLIMITS; i++) {
		char up[16];

		if (!a->prof.limits[i].set)
			continue;
		printf("%s{\"type\": \"RLIMIT_%s\", \"soft\": %llu, \"hard\": %llu}",
		       n++ ? ", " : "", limit_upper(i, up),
		       (unsigned long long)a->prof.limits[i].soft,
		       (unsigned long long)a->prof.limits[i].hard);
	}
	printf("]");
	if (a->prof.workdir[0]) {
		printf(",\n  \"cwd\": ");
		json_str(stdout, a->prof.workdir);
	}
	printf("\n}}\n");
}

static void emit_systemd(const struct analysis *a)
{
	const struct capstate *w = &a->plan_priv.want;
	int i, n;

	printf("[Service]\nUser=%u\nGroup=%u\n", (unsigned)w->euid,
	       (unsigned)w->egid);
	if (a->id_priv.set_groups) {
		printf("SupplementaryGroups=");
		for (i = 0; i < w->ngroups; i++)
			printf("%s%u", i ? " " : "", (unsigned)w->groups[i]);
		printf("\n");
	}
	/* An empty CapabilityBoundingSet= is the empty set. */
	printf("CapabilityBoundingSet=");
	caps_list(w->bnd, " ", "CAP_", "");
	printf("\nAmbientCapabilities=");
	caps_list(w->amb, " ", "CAP_", "");
	printf("\nNoNewPrivileges=%s\n", w->nnp ? "yes" : "no");
	if (a->prof.have_securebits) {
		printf("SecureBits=");
		for (i = 0, n = 0; i < 8; i++)
			if (a->prof.securebits & (1U << i))
				printf("%s%s", n++ ? " " : "",
				       profile_securebit_names[i]);
		printf("\n");
	}
	if (a->prof.have_umask)
		printf("UMask=%04o\n", (unsigned)a->prof.umask);
	if (a->prof.workdir[0])
		printf("WorkingDirectory=%s\n", a->prof.workdir);
	for (i = 0; i < RLIM_NLIMITS; i++) {
		char up[16], l1[32], l2[32];

		if (!a->prof.limits[i].set)
			continue;
		printf("Limit%s=%s:%s\n", limit_upper(i, up),
		       limit_str(a->prof.limits[i].soft, "infinity", l1),
		       limit_str(a->prof.limits[i].hard, "infinity", l2));
	}
}

int report_emit(const struct init_opts *o)
{
	int rc = -1;
	struct analysis *a = analyse_logged(o->profile, &rc);

	if (a == NULL)
		return CAPINIT_EX_FAILURE;
	if (rc == 0) {
		if (strcmp(o->emit, "docker") == 0)
			emit_docker(a);
		else if (strcmp(o->emit, "kubernetes") == 0)
			emit_kubernetes(a);
		else if (strcmp(o->emit, "oci") == 0)
			emit_oci(a);
		else
			emit_systemd(a);
	}
	free(a);
	return rc == 0 ? 0 : CAPINIT_EX_FAILURE;
}

/* ---- --show ------------------------------------------------------------- */

struct procinfo {
	int pid;
	char name[64];
	unsigned uid, gid;         /* real ids, as shown */
	unsigned uids[4], gids[4]; /* real, effective, saved, filesystem */
	char groups[256];
	uint64_t inh, prm, eff, bnd, amb;
	int nnp, seccomp;
};

/* "1000 1000 0 1000" -> ids[4]; returns the first (the real id). */
static unsigned read_ids(const char *val, unsigned ids[4])
{
	char *end;

	for (int i = 0; i < 4; i++) {
		ids[i] = (unsigned)strtoul(val, &end, 10);
		val = end;
	}
	return ids[0];
}

static int read_procinfo(int pid, struct procinfo *pi)
{
	char path[64], line[512];
	FILE *f;

	memset(pi, 0, sizeof(*pi));
	pi->pid = pid;
	pi->nnp = pi->seccomp = -1;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long v;
		char *val = strchr(line, ':');

		if (val == NULL)
			continue;
		*val++ = '\0';
		val += strspn(val, " \t");
		val[strcspn(val, "\n")] = '\0';
		v = strtoull(val, NULL, 16);
		if (strcmp(line, "Name") == 0)
			snprintf(pi->name, sizeof(pi->name), "%s", val);
		else if (strcmp(line, "Uid") == 0)
			pi->uid = read_ids(val, pi->uids);
		else if (strcmp(line, "Gid") == 0)
			pi->gid = read_ids(val, pi->gids);
		else if (strcmp(line, "Groups") == 0) {
			size_t l = strlen(val);

			while (l && val[l - 1] == ' ')
				val[--l] = '\0';
			snprintf(pi->groups, sizeof(pi->groups), "%s", val);
		} else if (strcmp(line, "CapInh") == 0)
			pi->inh = v;
		else if (strcmp(line, "CapPrm") == 0)
			pi->prm = v;
		else if (strcmp(line, "CapEff") == 0)
			pi->eff = v;
		else if (strcmp(line, "CapBnd") == 0)
			pi->bnd = v;
		else if (strcmp(line, "CapAmb") == 0)
			pi->amb = v;
		else if (strcmp(line, "NoNewPrivs") == 0)
			pi->nnp = (int)strtol(val, NULL, 10);
		else if (strcmp(line, "Seccomp") == 0)
			pi->seccomp = (int)strtol(val, NULL, 10);
	}
	(void)fclose(f); /* read-only: nothing is lost */
	return 0;
}

/* What a process holds beyond @allowed; the bounding set counts only
 * where exec can still raise privileges (no no_new_privs). */
static uint64_t excess(const struct procinfo *pi, uint64_t allowed)
{
	uint64_t held = pi->inh | pi->prm | pi->eff | pi->amb;

	if (pi->nnp != 1)
		held |= pi->bnd;
	return held & ~allowed;
}

/* Any of the four ids other than @want. */
static bool ids_differ(const unsigned ids[4], unsigned want)
{
	for (int i = 0; i < 4; i++)
		if (ids[i] != want)
			return true;
	return false;
}

/* A process of the entrypoint runs as the profile's user and group:
 * anything else (a root `docker exec` shell) is drift too. */
static bool wrong_ids(const struct procinfo *pi, const struct analysis *a)
{
	if (a == NULL)
		return false;
	if (a->id_priv.set_user && ids_differ(pi->uids, a->id_priv.uid))
		return true;
	return a->id_priv.set_gid && ids_differ(pi->gids, a->id_priv.gid);
}

/* "4 27 100" -> 4, 27, 100 */
static void json_groups(const char *list)
{
	const char *s = list;
	int n = 0;

	while (*s) {
		size_t len = strspn(s, "0123456789");

		if (len)
			printf("%s%.*s", n++ ? ", " : "", (int)len, s);
		s += len;
		s += strspn(s, " ");
		if (len == 0 && *s)
			s++;
	}
}

static void show_wrong_ids(const struct procinfo *pi, const struct ident *id)
{
	printf("    !! runs with uids %u/%u/%u/%u gids %u/%u/%u/%u "
	       "(real/effective/saved/fs); the profile wants",
	       pi->uids[0], pi->uids[1], pi->uids[2], pi->uids[3], pi->gids[0],
	       pi->gids[1], pi->gids[2], pi->gids[3]);
	if (id->set_user)
		printf(" uid %u", (unsigned)id->uid);
	if (id->set_gid)
		printf(" gid %u", (unsigned)id->gid);
	printf("\n");
}

static void show_one(const struct procinfo *pi, bool json, bool first,
		     const struct analysis *a, bool *flagged)
{
	static const char *const seccomp[] = { "off", "strict", "filter" };
	char buf[1024];
	uint64_t more = a ? excess(pi, a->plan_priv.keep) : 0;
	bool nnp_missing = a && a->plan_priv.want.nnp && pi->nnp != 1;
	bool ids_wrong = wrong_ids(pi, a);
	bool bad = more || nnp_missing || ids_wrong;

	*flagged |= bad;
	if (json) {
		printf("%s{\"pid\": %d, \"command\": ", first ? "" : ",\n ",
		       pi->pid);
		json_str(stdout, pi->name);
		printf(", \"uid\": %u, \"gid\": %u, \"groups\": [", pi->uid,
		       pi->gid);
		json_groups(pi->groups);
		printf("]");
		printf(", \"no_new_privs\": %s, \"seccomp\": \"%s\"",
		       pi->nnp == 1 ? "true" : "false",
		       pi->seccomp >= 0 && pi->seccomp <= 2
			       ? seccomp[pi->seccomp]
			       : "unknown");
		printf(", ");
		json_five(pi->bnd, pi->prm, pi->eff, pi->inh, pi->amb);
		if (a) {
			printf(", \"within_profile\": %s, \"beyond_profile\": ",
			       bad ? "false" : "true");
			json_caps(stdout, more);
			printf(", \"wrong_ids\": %s",
			       ids_wrong ? "true" : "false");
		}
		printf("}");
		return;
	}
	printf("%s%d %s: uid %u gid %u groups %s, no_new_privs %d, seccomp %s\n",
	       bad ? "!! " : "", pi->pid, pi->name, pi->uid, pi->gid,
	       pi->groups[0] ? pi->groups : "none", pi->nnp == 1,
	       pi->seccomp >= 0 && pi->seccomp <= 2 ? seccomp[pi->seccomp]
						    : "unknown");
	printf("    bounding     %s\n", caps_format(pi->bnd, buf, sizeof(buf)));
	printf("    permitted    %s\n", caps_format(pi->prm, buf, sizeof(buf)));
	printf("    effective    %s\n", caps_format(pi->eff, buf, sizeof(buf)));
	printf("    inheritable  %s\n", caps_format(pi->inh, buf, sizeof(buf)));
	printf("    ambient      %s\n", caps_format(pi->amb, buf, sizeof(buf)));
	if (more)
		printf("    !! beyond the profile: %s\n",
		       caps_format(more, buf, sizeof(buf)));
	if (nnp_missing)
		printf("    !! no_new_privs is not set\n");
	if (ids_wrong)
		show_wrong_ids(pi, &a->id_priv);
}

static int parse_pid(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v <= 0 || v > 0x3fffffff)
		return -1;
	return (int)v;
}

int report_show(const struct init_opts *o)
{
	struct analysis *a = NULL;
	struct procinfo pi;
	bool flagged = false, first = true;
	int i, pid, rc = 0;
	DIR *d;
	struct dirent *e;

	if (o->profile) {
		a = calloc(1, sizeof(*a));
		if (a == NULL || analyse(o->profile, a) < 0) {
			if (a)
				log_diags(&a->errs, LOG_LEVEL_ERROR);
			free(a);
			return CAPINIT_EX_FAILURE;
		}
	}
	if (o->json)
		printf("{\"processes\": [");
	if (o->argv[0]) {
		for (i = 0; o->argv[i]; i++) {
			pid = parse_pid(o->argv[i]);
			if (pid < 0 || read_procinfo(pid, &pi) < 0) {
				log_error("%s: no such process", o->argv[i]);
				rc = CAPINIT_EX_FAILURE;
				continue;
			}
			show_one(&pi, o->json, first, a, &flagged);
			first = false;
		}
	} else {
		d = opendir("/proc");
		while (d && (e = readdir(d)) != NULL) {
			pid = parse_pid(e->d_name);
			if (pid < 0 || read_procinfo(pid, &pi) < 0)
				continue;
			show_one(&pi, o->json, first, a, &flagged);
			first = false;
		}
		if (d)
			closedir(d);
	}
	if (o->json) {
		printf("],\n \"profile\": ");
		if (a)
			json_str(stdout, a->prof.path);
		else
			printf("null");
		printf(", \"flagged\": %s}\n", flagged ? "true" : "false");
	}
	free(a);
	if (rc)
		return rc;
	return flagged ? 1 : 0;
}
