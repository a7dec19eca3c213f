// SPDX-License-Identifier: MIT
/*
 * fault.so - make capinit's privilege calls fail, or "succeed" while doing
 * nothing, one at a time. Loaded with LD_PRELOAD by tests/faults/run.sh
 * only (make check-faults); capinit itself has no hook and reads no
 * variable of this file.
 *
 * Why a preload shim and not -Wl,--wrap: the binary under test is then the
 * production capinit, byte for byte, and the calls libcap-ng makes from
 * inside libcap-ng.so (capget, capset, the fopen of /proc/PID/status) are
 * reached too: --wrap rewrites only the references of the objects being
 * linked, never those of a shared library. libcap-ng 0.8.3 calls
 * syscall(2) only for gettid (nm -D; its cap-ng.c), so syscall is not
 * wrapped; capget and capset go through its PLT and are.
 *
 * CAPINIT_FAULT = RULE[,RULE...]    RULE = CALL[#N][@ANCHOR]:KIND
 *   CALL    a prctl option by name (PR_CAPBSET_DROP, PR_SET_KEEPCAPS, ...;
 *           for PR_CAP_AMBIENT its sub-command, PR_CAP_AMBIENT_RAISE),
 *           capget, capset, setgroups, setresgid, setresuid, setrlimit,
 *           getrlimit, getresuid, getresgid, getgroups, cap_last_cap and
 *           nr_open (the open of /proc/sys/kernel/cap_last_cap and of
 *           /proc/sys/fs/nr_open), status (the fopen of /proc/PID/status)
 *   #N      only the Nth matching call, counted from 1; default: every one
 *   @ANCHOR count only calls made after the first call named ANCHOR
 *   KIND    fail[=EPERM|EINVAL|EIO|ENOENT]  -1 (or NULL) with that errno
 *           noop          return success without making the call (not
 *                         for the reads: they make the call anyway)
 *           forge=TEXT    cap_last_cap, nr_open: the file reads TEXT;
 *                         status: forge=KEY=HEX replaces the "KEY:" line
 * capget calls without a data pointer (libcap-ng's version probe) are
 * neither counted nor faulted.
 *
 * Every injection writes "fault.so: CALL#N KIND" to stderr, so that the
 * runner can tell that the fault was reached: one that never fires would
 * pass vacuously. At load, CAPINIT_FAULT and LD_PRELOAD are removed from
 * the environment: PROGRAM must run unfaulted.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

enum fault_kind { FAULT_FAIL, FAULT_NOOP, FAULT_FORGE };

struct fault_rule {
	char call[48];
	char anchor[48];
	int nth;	/* 0: every call */
	enum fault_kind kind;
	int err;
	char arg[128];
	int count;	/* matching calls so far (after the anchor) */
};

#define FAULT_MAX_RULES 8
#define FAULT_MAX_SEEN 64

static struct fault_rule rules[FAULT_MAX_RULES];
static int n_rules;
static char seen[FAULT_MAX_SEEN][48]; /* call names made so far */
static int n_seen;

/* The wrappers' own prototypes (glibc declares no capget/capset). */
int capget(cap_user_header_t hdr, cap_user_data_t data);
int capset(cap_user_header_t hdr, const cap_user_data_t data);

static void fault_say(const char *a, const char *b, const char *c)
{
	char line[256];

	snprintf(line, sizeof(line), "fault.so: %s%s%s\n", a, b, c);
	if (write(STDERR_FILENO, line, strlen(line)) < 0)
		return; /* nothing better to do in a test shim */
}

static void fault_die(const char *why, const char *rule)
{
	fault_say("bad CAPINIT_FAULT rule (", why, "): ");
	fault_say(rule, "", "");
	_exit(99);
}

static int fault_errno(const char *name)
{
	static const struct { const char *n; int e; } errs[] = {
		{ "EPERM", EPERM }, { "EINVAL", EINVAL }, { "EIO", EIO },
		{ "ENOENT", ENOENT },
	};
	size_t i;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (strcmp(errs[i].n, name) == 0)
			return errs[i].e;
	return 0;
}

static void fault_parse_kind(struct fault_rule *r, const char *kind,
			     const char *text)
{
	if (strcmp(kind, "fail") == 0) {
		r->kind = FAULT_FAIL;
		r->err = EPERM;
	} else if (strncmp(kind, "fail=", 5) == 0) {
		r->kind = FAULT_FAIL;
		r->err = fault_errno(kind + 5);
		if (r->err == 0)
			fault_die("unknown errno", text);
	} else if (strcmp(kind, "noop") == 0) {
		r->kind = FAULT_NOOP;
	} else if (strncmp(kind, "forge=", 6) == 0 &&
		   strlen(kind + 6) < sizeof(r->arg)) {
		r->kind = FAULT_FORGE;
		strcpy(r->arg, kind + 6);
	} else {
		fault_die("unknown kind", text);
	}
}

/* CALL[#N][@ANCHOR]:KIND, in place. */
static void fault_parse_rule(char *text)
{
	struct fault_rule *r = &rules[n_rules];
	char *kind = strchr(text, ':');
	char *anchor, *nth;

	if (n_rules == FAULT_MAX_RULES || kind == NULL)
		fault_die("too many rules or no ':'", text);
	*kind++ = '\0';
	anchor = strchr(text, '@');
	if (anchor) {
		*anchor++ = '\0';
		if (strlen(anchor) >= sizeof(r->anchor))
			fault_die("anchor too long", text);
		strcpy(r->anchor, anchor);
	}
	nth = strchr(text, '#');
	if (nth) {
		*nth++ = '\0';
		r->nth = atoi(nth);
		if (r->nth < 1)
			fault_die("#N must be 1 or more", text);
	}
	if (strlen(text) == 0 || strlen(text) >= sizeof(r->call))
		fault_die("bad call name", text);
	strcpy(r->call, text);
	fault_parse_kind(r, kind, text);
	n_rules++;
}

__attribute__((constructor)) static void fault_init(void)
{
	static int done;
	const char *spec;
	char buf[1024], *save = NULL, *tok;

	if (done)
		return;
	done = 1;
	spec = getenv("CAPINIT_FAULT");
	if (spec && strlen(spec) < sizeof(buf)) {
		strcpy(buf, spec);
		for (tok = strtok_r(buf, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save))
			fault_parse_rule(tok);
	}
	unsetenv("CAPINIT_FAULT");
	unsetenv("LD_PRELOAD");
}

static int fault_seen(const char *call)
{
	int i;

	for (i = 0; i < n_seen; i++)
		if (strcmp(seen[i], call) == 0)
			return 1;
	return 0;
}

static void fault_note(const char *call)
{
	if (fault_seen(call) || n_seen == FAULT_MAX_SEEN ||
	    strlen(call) >= sizeof(seen[0]))
		return;
	strcpy(seen[n_seen++], call);
}

static const char *fault_kind_name(const struct fault_rule *r)
{
	switch (r->kind) {
	case FAULT_FAIL:
		return "fail";
	case FAULT_NOOP:
		return "noop";
	case FAULT_FORGE:
		return "forge";
	}
	return "?";
}

/* The rule that fires for this call of @call, or NULL; logs the hit. */
static const struct fault_rule *fault_hit(const char *call)
{
	const struct fault_rule *hit = NULL;
	char at[32];
	int i;

	fault_init();
	for (i = 0; i < n_rules; i++) {
		struct fault_rule *r = &rules[i];

		if (strcmp(r->call, call) != 0 ||
		    (r->anchor[0] && !fault_seen(r->anchor)))
			continue;
		r->count++;
		if (hit == NULL && (r->nth == 0 || r->nth == r->count)) {
			hit = r;
			snprintf(at, sizeof(at), "#%d ", r->count);
			fault_say(call, at, fault_kind_name(r));
		}
	}
	fault_note(call);
	return hit;
}

static void *fault_real(const char *name)
{
	void *fn = dlsym(RTLD_NEXT, name);

	if (fn == NULL) {
		fault_say("no real ", name, "");
		_exit(99);
	}
	return fn;
}

/* -1 with the rule's errno, for a "fail" rule. */
static int fault_fail(const struct fault_rule *r)
{
	errno = r->err;
	return -1;
}

/*
 * Whether a rule decides this call of @call; then *ret is what the wrapper
 * returns: -1 with the rule's errno, or 0 for "noop" where @may_noop.
 */
static bool fault_decides(const char *call, bool may_noop, int *ret)
{
	const struct fault_rule *r = fault_hit(call);

	if (r && r->kind == FAULT_FAIL) {
		*ret = fault_fail(r);
		return true;
	}
	if (r && r->kind == FAULT_NOOP && may_noop) {
		*ret = 0;
		return true;
	}
	return false;
}

static const char *prctl_name(int option, unsigned long arg2)
{
	static char other[32];

	switch (option) {
	case PR_SET_NO_NEW_PRIVS: return "PR_SET_NO_NEW_PRIVS";
	case PR_GET_NO_NEW_PRIVS: return "PR_GET_NO_NEW_PRIVS";
	case PR_CAPBSET_DROP: return "PR_CAPBSET_DROP";
	case PR_CAPBSET_READ: return "PR_CAPBSET_READ";
	case PR_SET_KEEPCAPS: return "PR_SET_KEEPCAPS";
	case PR_GET_KEEPCAPS: return "PR_GET_KEEPCAPS";
	case PR_SET_SECUREBITS: return "PR_SET_SECUREBITS";
	case PR_GET_SECUREBITS: return "PR_GET_SECUREBITS";
	case PR_CAP_AMBIENT:
		switch (arg2) {
		case PR_CAP_AMBIENT_IS_SET: return "PR_CAP_AMBIENT_IS_SET";
		case PR_CAP_AMBIENT_RAISE: return "PR_CAP_AMBIENT_RAISE";
		case PR_CAP_AMBIENT_LOWER: return "PR_CAP_AMBIENT_LOWER";
		case PR_CAP_AMBIENT_CLEAR_ALL: return "PR_CAP_AMBIENT_CLEAR_ALL";
		default: return "PR_CAP_AMBIENT";
		}
	default:
		snprintf(other, sizeof(other), "prctl(%d)", option);
		return other;
	}
}

int prctl(int option, ...)
{
	typedef int prctl_fn(int, unsigned long, unsigned long, unsigned long,
			     unsigned long);
	static prctl_fn *real;
	unsigned long a2, a3, a4, a5;
	va_list ap;
	int ret;

	/* As glibc's own wrapper does: four words, used or not. */
	va_start(ap, option);
	a2 = va_arg(ap, unsigned long);
	a3 = va_arg(ap, unsigned long);
	a4 = va_arg(ap, unsigned long);
	a5 = va_arg(ap, unsigned long);
	va_end(ap);
	if (fault_decides(prctl_name(option, a2), true, &ret))
		return ret;
	if (real == NULL)
		real = (prctl_fn *)fault_real("prctl");
	return real(option, a2, a3, a4, a5);
}

int capget(cap_user_header_t hdr, cap_user_data_t data)
{
	typedef int capget_fn(cap_user_header_t, cap_user_data_t);
	static capget_fn *real;
	int ret;

	/* Not libcap-ng's version probe (no data): neither counted nor faulted. */
	if (data != NULL && fault_decides("capget", true, &ret))
		return ret;
	if (real == NULL)
		real = (capget_fn *)fault_real("capget");
	return real(hdr, data);
}

/*
 * A wrapper of libc's NAME: the rules decide first, then the real call.
 * MAY_NOOP false for reads: one that "succeeded" without filling in its
 * results would test nothing, so "noop" makes the call anyway.
 */
#define FAULT_WRAP(name, may_noop, params, args)                          \
	int name params                                                   \
	{                                                                 \
		typedef int name##_fn params;                             \
		static name##_fn *real;                                   \
		int ret;                                                  \
                                                                          \
		if (fault_decides(#name, may_noop, &ret))                 \
			return ret;                                       \
		if (real == NULL)                                         \
			real = (name##_fn *)fault_real(#name);            \
		return real args;                                         \
	}

FAULT_WRAP(capset, true, (cap_user_header_t hdr, const cap_user_data_t data),
	   (hdr, data))
FAULT_WRAP(setgroups, true, (size_t n, const gid_t *list), (n, list))
FAULT_WRAP(setresgid, true, (gid_t rgid, gid_t egid, gid_t sgid),
	   (rgid, egid, sgid))
FAULT_WRAP(setresuid, true, (uid_t ruid, uid_t euid, uid_t suid),
	   (ruid, euid, suid))
FAULT_WRAP(setrlimit, true,
	   (__rlimit_resource_t resource, const struct rlimit *rl),
	   (resource, rl))
FAULT_WRAP(getrlimit, false, (__rlimit_resource_t resource, struct rlimit *rl),
	   (resource, rl))
FAULT_WRAP(getresuid, false, (uid_t * ruid, uid_t *euid, uid_t *suid),
	   (ruid, euid, suid))
FAULT_WRAP(getresgid, false, (gid_t * rgid, gid_t *egid, gid_t *sgid),
	   (rgid, egid, sgid))
FAULT_WRAP(getgroups, false, (int size, gid_t list[]), (size, list))

/* A read-only descriptor whose content is @text and a newline. */
static int fault_forged_fd(const char *text, int flags)
{
	int fd = memfd_create("forged", flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
	size_t len = strlen(text);

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1 ||
	    lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int open(const char *path, int flags, ...)
{
	typedef int open_fn(const char *, int, ...);
	static open_fn *real;
	const struct fault_rule *r = NULL;
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (real == NULL)
		real = (open_fn *)fault_real("open");
	if (strcmp(path, "/proc/sys/kernel/cap_last_cap") == 0)
		r = fault_hit("cap_last_cap");
	else if (strcmp(path, "/proc/sys/fs/nr_open") == 0)
		r = fault_hit("nr_open");
	if (r && r->kind == FAULT_FAIL)
		return fault_fail(r);
	if (r && r->kind == FAULT_FORGE)
		return fault_forged_fd(r->arg, flags);
	return real(path, flags, mode);
}

/* /proc/N/status, /proc/self/status or /proc/N/task/M/status. */
static int is_proc_status(const char *path)
{
	size_t n = strlen(path);

	return strncmp(path, "/proc/", 6) == 0 && n > 7 &&
	       strcmp(path + n - 7, "/status") == 0;
}

/* The real file with the "KEY:" line replaced: @forge is KEY=VALUE. */
static FILE *fault_forged_status(const char *path, const char *forge)
{
	typedef FILE *fopen_fn(const char *, const char *);
	fopen_fn *real = (fopen_fn *)fault_real("fopen");
	const char *eq = strchr(forge, '=');
	char line[512], *out;
	size_t cap = 8192, len = 0, klen;
	FILE *f;

	if (eq == NULL || (f = real(path, "re")) == NULL)
		return NULL;
	klen = (size_t)(eq - forge);
	/* Never freed: fmemopen reads it until fclose, and this is a test. */
	out = calloc(1, cap);
	while (out && fgets(line, sizeof(line), f)) {
		if (strncmp(line, forge, klen) == 0 && line[klen] == ':')
			snprintf(line, sizeof(line), "%.*s:\t%s\n", (int)klen,
				 forge, eq + 1);
		if (len + strlen(line) >= cap)
			break;
		memcpy(out + len, line, strlen(line));
		len += strlen(line);
	}
	fclose(f);
	return out ? fmemopen(out, len, "r") : NULL;
}

FILE *fopen(const char *path, const char *mode)
{
	typedef FILE *fopen_fn(const char *, const char *);
	static fopen_fn *real;
	const struct fault_rule *r = NULL;

	if (real == NULL)
		real = (fopen_fn *)fault_real("fopen");
	if (is_proc_status(path))
		r = fault_hit("status");
	if (r && r->kind == FAULT_FAIL) {
		errno = r->err;
		return NULL;
	}
	if (r && r->kind == FAULT_FORGE)
		return fault_forged_status(path, r->arg);
	return real(path, mode);
}
