// SPDX-License-Identifier: MIT
/*
 * learn.c - --learn: record the capability checks PROGRAM and its
 * descendants make, and write the smallest profile that grants them.
 *
 * The kernel's capability:cap_capable tracepoint (Linux 6.14 and later)
 * fires on every check. It is enabled in a private tracing instance of
 * tracefs, so no other tracer is disturbed, filtered to capinit's pid with
 * event-fork (so every descendant is traced, capinit's own checks are
 * skipped), with a kernel stack trace for each event.
 *
 * Not every check is a need. The kernel also asks about capabilities for
 * its own bookkeeping: on every exec, memory accounting asks whether the
 * task has CAP_SYS_ADMIN to decide its overcommit headroom
 * (security_vm_enough_memory_mm), and *_noaudit probes ask without
 * meaning to deny anything. The tracepoint has no field for that, so the
 * stack decides: a check counts when cap_capable was called through
 * security_capable() (the hook behind capable() and ns_capable()) and no
 * frame is a _noaudit variant; only granted checks count.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "learn.h"
#include "profile.h"

#define LEARN_MAX_CPUS 1024
#define LEARN_BUFFER_KB "16384"

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	int fd, r = 0;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return -1;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		r = -1;
	if (close(fd) < 0)
		r = -1;
	return r;
}

/* An existing tracefs, or a private mount of one. */
static int find_tracefs(struct learn *l, struct diag *d)
{
	struct stat st;

	if (stat("/sys/kernel/tracing/instances", &st) == 0) {
		snprintf(l->root, sizeof(l->root), "/sys/kernel/tracing");
		return 0;
	}
	snprintf(l->root, sizeof(l->root), "/tmp/capinit-tracefs.XXXXXX");
	if (mkdtemp(l->root) == NULL)
		return diag_set(d, "--learn: mkdtemp: %s", strerror(errno));
	if (mount("nodev", l->root, "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL) < 0) {
		int err = errno;

		rmdir(l->root);
		l->root[0] = '\0';
		return diag_set(d,
				"--learn: cannot mount tracefs (%s): run as "
				"root, on a kernel with tracefs",
				strerror(err));
	}
	l->mounted = true;
	return 0;
}

int learn_start(struct learn *l, struct diag *d)
{
	char pid[32], ev[PATH_MAX];
	struct stat st;

	memset(l, 0, sizeof(*l));
	if (find_tracefs(l, d) < 0)
		return -1;
	if (snprintf(l->inst, sizeof(l->inst), "%s/instances/capinit-learn-%d",
		     l->root, (int)getpid()) >= (int)sizeof(l->inst) ||
	    mkdir(l->inst, 0700) < 0) {
		diag_set(d, "--learn: cannot create a tracing instance %s: %s",
			 l->inst, strerror(errno));
		l->inst[0] = '\0';
		learn_cleanup(l);
		return -1;
	}
	if (snprintf(ev, sizeof(ev), "%s/events/capability/cap_capable",
		     l->inst) >= (int)sizeof(ev) ||
	    stat(ev, &st) < 0) {
		diag_set(d,
			 "--learn: this kernel has no capability:cap_capable "
			 "tracepoint (it came with Linux 6.14)");
		learn_cleanup(l);
		return -1;
	}
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (write_file(l->inst, "buffer_size_kb", LEARN_BUFFER_KB) < 0 ||
	    write_file(l->inst, "options/stacktrace", "1") < 0 ||
	    write_file(l->inst, "options/event-fork", "1") < 0 ||
	    write_file(l->inst, "set_event_pid", pid) < 0 ||
	    write_file(l->inst, "events/capability/cap_capable/enable", "1") <
		    0) {
		diag_set(d, "--learn: setting up %s: %s", l->inst,
			 strerror(errno));
		learn_cleanup(l);
		return -1;
	}
	return 0;
}

void learn_cleanup(struct learn *l)
{
	if (l->inst[0]) {
		(void)write_file(l->inst,
				 "events/capability/cap_capable/enable", "0");
		rmdir(l->inst);
		l->inst[0] = '\0';
	}
	if (l->mounted) {
		umount2(l->root, MNT_DETACH);
		rmdir(l->root);
		l->mounted = false;
	}
}

/* ---- reading the trace ------------------------------------------------ */

struct usage {
	unsigned long count;
	char comms[3][20];
	int ncomms;
};

struct parse {
	pid_t self;
	struct usage use[CAPS_MAX];
	unsigned long ignored;
	/* per cpu: the last event, waiting for its stack */
	int pending_cap[LEARN_MAX_CPUS];
	char pending_comm[LEARN_MAX_CPUS][20];
	/* the stack being read */
	int stack_cpu;
	int frame;
	bool via_security_capable, noaudit;
};

/* "  comm-123   [001] ....." -> comm, pid, cpu; -1 if not an entry line. */
static int entry_head(const char *line, char *comm, size_t clen, int *pid,
		      int *cpu)
{
	const char *br = strstr(line, " [");
	const char *dash, *start = line + strspn(line, " ");

	if (br == NULL)
		return -1;
	for (dash = br; dash > start && *dash != '-'; dash--)
		;
	/* Text the kernel wrote; cpu is range-checked right here. */
	/* NOLINTBEGIN(cert-err34-c) */
	if (*dash != '-' || sscanf(dash + 1, "%d", pid) != 1 ||
	    sscanf(br + 2, "%d", cpu) != 1 || *cpu < 0 ||
	    *cpu >= LEARN_MAX_CPUS)
		return -1;
	/* NOLINTEND(cert-err34-c) */
	snprintf(comm, clen, "%.*s", (int)(dash - start), start);
	return 0;
}

static void count(struct parse *p, int cap, const char *comm)
{
	struct usage *u = &p->use[cap];
	int i;

	u->count++;
	for (i = 0; i < u->ncomms; i++)
		if (strcmp(u->comms[i], comm) == 0)
			return;
	if (u->ncomms < 3) {
		memcpy(u->comms[u->ncomms], comm, sizeof(u->comms[0]));
		u->comms[u->ncomms++][sizeof(u->comms[0]) - 1] = '\0';
	}
}

/* The stack of the pending event on @cpu is complete: decide. */
static void settle(struct parse *p)
{
	int cpu = p->stack_cpu, cap;

	if (cpu < 0)
		return;
	cap = p->pending_cap[cpu];
	if (cap >= 0 && cap < CAPS_MAX) {
		if (p->via_security_capable && !p->noaudit)
			count(p, cap, p->pending_comm[cpu]);
		else
			p->ignored++;
	}
	p->pending_cap[cpu] = -1;
	p->stack_cpu = -1;
}

static void parse_line(struct parse *p, const char *line)
{
	char comm[64];
	const char *f;
	int pid, cpu, cap, ret;

	f = strstr(line, " => ");
	if (f == line || (f && line[strspn(line, " ")] == '=')) {
		if (p->stack_cpu < 0)
			return;
		f += 4;
		/* frame 0 is the trace hook, 1 cap_capable, 2 its caller */
		if (p->frame == 2)
			p->via_security_capable =
				strncmp(f, "security_capable", 16) == 0 &&
				(f[16] == '\n' || f[16] == '+' ||
				 f[16] == '\0');
		if (strstr(f, "noaudit"))
			p->noaudit = true;
		p->frame++;
		return;
	}
	settle(p);
	if (entry_head(line, comm, sizeof(comm), &pid, &cpu) < 0)
		return;
	if (strstr(line, "<stack trace>")) {
		p->stack_cpu = cpu;
		p->frame = 0;
		p->via_security_capable = p->noaudit = false;
		return;
	}
	f = strstr(line, "cap_capable:");
	if (f == NULL || pid == p->self)
		return;
	f = strstr(f, ", cap ");
	/* Kernel text; settle() range-checks cap before using it. */
	/* NOLINTBEGIN(cert-err34-c) */
	if (f == NULL || sscanf(f, ", cap %d, ret %d", &cap, &ret) != 2)
		return;
	/* NOLINTEND(cert-err34-c) */
	/* Only granted checks: a denied one was lived without. */
	p->pending_cap[cpu] = ret == 0 ? cap : -1;
	memcpy(p->pending_comm[cpu], comm, sizeof(p->pending_comm[0]));
	p->pending_comm[cpu][sizeof(p->pending_comm[0]) - 1] = '\0';
}

static int read_trace(const struct learn *l, struct parse *p, struct diag *d)
{
	char path[PATH_MAX];
	char *line = NULL;
	size_t cap = 0;
	FILE *f;
	int i;

	for (i = 0; i < LEARN_MAX_CPUS; i++)
		p->pending_cap[i] = -1;
	p->stack_cpu = -1;
	if (snprintf(path, sizeof(path), "%s/trace", l->inst) >=
	    (int)sizeof(path))
		return diag_set(d, "--learn: path too long");
	f = fopen(path, "re");
	if (f == NULL)
		return diag_set(d, "--learn: %s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) > 0)
		parse_line(p, line);
	settle(p);
	free(line);
	(void)fclose(f); /* read-only: nothing is lost */
	return 0;
}

/* ---- writing the profile ---------------------------------------------- */

static void write_header(FILE *out, const struct parse *p, char *const argv[])
{
	struct utsname uts;
	struct tm tm;
	char name[32], date[32];
	time_t now = time(NULL);
	int cap, i;

	/* Neither may fail in practice, but then "unknown", not garbage. */
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof(date), "%Y-%m-%d", &tm) == 0)
		snprintf(date, sizeof(date), "an unknown date");
	if (uname(&uts) < 0)
		snprintf(uts.release, sizeof(uts.release), "unknown");
	fprintf(out, "; Learned by capinit --learn on %s (Linux %s) from:\n;  ",
		date, uts.release);
	for (i = 0; argv[i]; i++)
		fprintf(out, " %s", argv[i]);
	fprintf(out, "\n; Capabilities the program and its descendants used, "
		     "with how often and by which command:\n");
	for (cap = 0; cap < CAPS_MAX; cap++) {
		const struct usage *u = &p->use[cap];

		if (!u->count)
			continue;
		fprintf(out, ";   %s: %lu check%s, by", caps_name(cap, name),
			u->count, u->count == 1 ? "" : "s");
		for (i = 0; i < u->ncomms; i++)
			fprintf(out, "%s %s", i ? "," : "", u->comms[i]);
		fprintf(out, "\n");
	}
	fprintf(out,
		"; Left out: %lu checks the kernel made for itself (memory "
		"accounting at exec, _noaudit probes).\n\n",
		p->ignored);
}

static void write_caps(FILE *out, const struct parse *p)
{
	char name[32];
	int cap, n = 0;

	fprintf(out, "[capabilities]\ndrop = ALL\nadd =");
	for (cap = 0; cap < CAPS_MAX; cap++)
		if (p->use[cap].count)
			fprintf(out, "%s %s", n++ ? "," : "",
				caps_name(cap, name));
	fprintf(out, "\n");
}

/* BASE's text, without its [capabilities] section, which is replaced. */
static int copy_base(FILE *out, const char *base, struct diag *d)
{
	FILE *in = fopen(base, "re");
	char line[1024];
	bool skip = false;

	if (in == NULL)
		return diag_set(d, "--learn: %s: %s", base, strerror(errno));
	fprintf(out, "\n; The rest, from %s:\n", base);
	while (fgets(line, sizeof(line), in)) {
		const char *s = line + strspn(line, " \t");

		if (*s == '[')
			skip = strncmp(s, "[capabilities]", 14) == 0;
		if (!skip)
			fputs(line, out);
	}
	(void)fclose(in); /* read-only: nothing is lost */
	return 0;
}

int learn_finish(struct learn *l, const char *out_path, const char *base,
		 char *const argv[], struct diag *d)
{
	struct parse *p = calloc(1, sizeof(*p));
	FILE *out = stdout;
	bool bad;
	int r = -1;

	if (p == NULL)
		return diag_set(d, "--learn: out of memory");
	p->self = getpid();
	(void)write_file(l->inst, "events/capability/cap_capable/enable", "0");
	if (read_trace(l, p, d) < 0)
		goto done;
	if (out_path) {
		out = fopen(out_path, "we");
		if (out == NULL) {
			diag_set(d, "--learn: %s: %s", out_path,
				 strerror(errno));
			goto done;
		}
	}
	write_header(out, p, argv);
	write_caps(out, p);
	r = 0;
	if (base && copy_base(out, base, d) < 0)
		r = -1;
	/* ferror: fflush does not report a write that failed earlier. */
	bad = fflush(out) == EOF || ferror(out);
	if (out != stdout && fclose(out) == EOF)
		bad = true;
	if (bad)
		r = diag_set(d, "--learn: writing %s: %s",
			     out_path ? out_path : "stdout", strerror(errno));
done:
	free(p);
	return r;
}
