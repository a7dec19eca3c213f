// SPDX-License-Identifier: MIT
/*
 * profile.c - the INI profile: open and check the file, then parse it with
 * inih into struct profile. Every problem is reported, each as
 * "FILE:LINE: message", and nothing here acts on the profile.
 *
 * inih is fed through our own line reader, because inih alone would split
 * an over-long line into two (silently truncating a value), treat indented
 * lines as continuations, and report only the first syntax error. The
 * reader rejects those lines itself and knows the line number, which the
 * handler then uses: inih calls the handler right after reading its line.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "passwd.h"
#include "profile.h"
#include "suggest.h"

const char *const profile_securebit_names[8] = {
	"noroot",
	"noroot-locked",
	"no-setuid-fixup",
	"no-setuid-fixup-locked",
	"keep-caps",
	"keep-caps-locked",
	"no-cap-ambient-raise",
	"no-cap-ambient-raise-locked",
};

struct ctx;
typedef int (*value_parser)(struct ctx *c, const char *value);

struct key {
	const char *section;
	const char *name;
	value_parser parse;
	int resource; /* [limits]: RLIMIT_*; otherwise -1 */
};

struct ctx {
	const char *buf;
	size_t len, pos;
	int line;
	const char *name;
	struct profile *p;
	struct diags *errs;
	int errors;
	int error_line; /* last line that got a message */
	bool section_known;
	bool bad_section; /* a malformed header was seen */
	bool section_seen[8];
	int key_line[64];      /* per key: the line that set it, or 0 */
	const struct key *key; /* the key being parsed */
};

/*
 * Shorten the longest 'quoted' part of @msg (its end becomes "...") so
 * that the message fits in @max characters: a whole line may be quoted,
 * and the words after the quote say what is wrong with it.
 */
static void shorten_quote(char *msg, size_t max)
{
	char *q, *end, *best = NULL;
	size_t len = strlen(msg), best_len = 0, cut, keep;

	if (len <= max)
		return;
	for (q = strchr(msg, '\''); q && (end = strchr(q + 1, '\'')) != NULL;
	     q = strchr(end + 1, '\''))
		if ((size_t)(end - q - 1) > best_len) {
			best = q + 1;
			best_len = (size_t)(end - q - 1);
		}
	cut = len - max + 3; /* and "..." in its place */
	if (best == NULL || best_len < cut + 8)
		return;
	keep = best_len - cut;
	/* Mid-string: the memmove below brings the terminator along. */
	/* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
	memcpy(best + keep, "...", 3);
	memmove(best + keep + 3, best + best_len, strlen(best + best_len) + 1);
}

__attribute__((format(printf, 2, 3))) static int err(struct ctx *c,
						     const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap); /* may cut */
	va_end(ap);
	shorten_quote(msg, 160);
	diags_add(c->errs, "%s:%d: %s", c->name, c->line, msg);
	c->errors++;
	c->error_line = c->line;
	return 0; /* what inih expects from a handler that failed */
}

/* ---- value parsers --------------------------------------------------- */

/*
 * The next word of a space- or comma-separated list into @word (cut to
 * @len - 1 bytes); returns its full length, 0 at the end of the list.
 */
static size_t next_word(const char **s, char *word, size_t len)
{
	size_t n;

	*s += strspn(*s, " \t,");
	n = strcspn(*s, " \t,");
	snprintf(word, len, "%.*s", (int)n, *s);
	*s += n;
	return n;
}

static int parse_bool(struct ctx *c, const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 1;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 1;
		}
	}
	return err(c, "%s: '%s' is not yes or no", c->key->name, v);
}

/* A capability list; "ALL" allowed only where @all is not NULL. */
static int parse_caps(struct ctx *c, const char *v, uint64_t *mask, bool *all,
		      int *line)
{
	char bad[200]; /* a whole line fits */
	const char *hint;
	bool is_all = false;
	int r;

	r = caps_parse_list(v, mask, &is_all, bad, sizeof(bad));
	if (r == -2)
		return err(c, "%s: ALL cannot be combined with other names",
			   c->key->name);
	if (r < 0) {
		hint = caps_suggest(bad);
		if (hint)
			return err(c,
				   "%s: unknown capability '%s' (did you "
				   "mean %s?)",
				   c->key->name, bad, hint);
		return err(c, "%s: unknown capability '%s'", c->key->name, bad);
	}
	if (is_all && all == NULL)
		return err(c, "%s: ALL is not allowed here", c->key->name);
	if (all)
		*all = is_all;
	/* Every caller passes a line; the analyzer wrongly guesses NULL
	 * once it has seen @all tested. */
	*line = c->line; /* NOLINT(clang-analyzer-core.NullDereference) */
	return 1;
}

static int key_drop(struct ctx *c, const char *v)
{
	if (!parse_caps(c, v, &c->p->drop, &c->p->drop_all, &c->p->line_drop))
		return 0;
	if (!c->p->drop_all && c->p->drop == 0)
		return err(c, "drop: empty value (write ALL or a list of "
			      "capabilities)");
	return 1;
}

static int key_add(struct ctx *c, const char *v)
{
	bool all = false;
	int r = parse_caps(c, v, &c->p->add, &all, &c->p->line_add);

	if (r && all)
		c->p->add = ~UINT64_C(0);
	return r;
}

static int key_ambient(struct ctx *c, const char *v)
{
	bool all = false;
	int r = parse_caps(c, v, &c->p->ambient, &all, &c->p->line_ambient);

	if (r && all)
		c->p->ambient = ~UINT64_C(0);
	c->p->have_ambient = r != 0;
	return r;
}

static int key_strict(struct ctx *c, const char *v)
{
	return parse_bool(c, v, &c->p->strict);
}

/* A user or group: a name as useradd(8) allows it, or a number. */
static int parse_account(struct ctx *c, const char *v, char *out, int *line)
{
	unsigned int id;
	size_t i;

	if (*v == '\0')
		return err(c, "%s: empty value", c->key->name);
	if (strlen(v) >= PROFILE_NAME_MAX)
		return err(c, "%s: '%s' is too long", c->key->name, v);
	/* "-1" is meant as an id, and is told so */
	if (isdigit((unsigned char)v[v[0] == '-'])) {
		if (passwd_parse_id(v, &id) < 0)
			return err(c,
				   "%s: '%s' is not a valid id (0 to "
				   "4294967294)",
				   c->key->name, v);
	} else {
		for (i = 0; v[i]; i++)
			if (!isalnum((unsigned char)v[i]) &&
			    !strchr("_.-$", v[i]))
				return err(c, "%s: '%s' is not a valid name",
					   c->key->name, v);
		if (v[0] == '-')
			return err(c, "%s: '%s' is not a valid name",
				   c->key->name, v);
	}
	snprintf(out, PROFILE_NAME_MAX, "%s", v); /* fits: checked above */
	*line = c->line;
	return 1;
}

static int key_user(struct ctx *c, const char *v)
{
	return parse_account(c, v, c->p->user, &c->p->line_user);
}

static int key_group(struct ctx *c, const char *v)
{
	return parse_account(c, v, c->p->group, &c->p->line_group);
}

static int key_groups(struct ctx *c, const char *v)
{
	struct profile *p = c->p;
	char word[PROFILE_NAME_MAX + 1];
	const char *s = v;
	size_t n;
	int line;

	p->have_groups = true;
	p->line_groups = c->line;
	p->ngroups = 0;
	while ((n = next_word(&s, word, sizeof(word))) > 0) {
		if (n >= sizeof(word) - 1)
			return err(c,
				   "supplementary_groups: '%s...' is too long",
				   word);
		if (p->ngroups == PROFILE_MAX_GROUPS)
			return err(c,
				   "supplementary_groups: more than %d groups",
				   PROFILE_MAX_GROUPS);
		if (!parse_account(c, word, p->groups[p->ngroups], &line))
			return 0;
		p->ngroups++;
	}
	return 1;
}

static int key_umask(struct ctx *c, const char *v)
{
	char *end;
	long m;

	errno = 0;
	m = strtol(v, &end, 8);
	if (*v < '0' || *v > '7' || errno || *end != '\0' || m > 0777 ||
	    strlen(v) > 4)
		return err(c, "umask: '%s' is not an octal mode such as 0027",
			   v);
	c->p->umask = (mode_t)m;
	c->p->have_umask = true;
	return 1;
}

static int key_workdir(struct ctx *c, const char *v)
{
	if (v[0] != '/')
		return err(c, "workdir: '%s' is not an absolute path", v);
	if (strlen(v) >= sizeof(c->p->workdir))
		return err(c, "workdir: path too long");
	/* --check prints it as it is: no escape sequence may reach a terminal */
	for (const char *q = v; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == 0x7f)
			return err(c,
				   "workdir: '%s' contains a control character",
				   v);
	snprintf(c->p->workdir, sizeof(c->p->workdir), "%s", v);
	c->p->line_workdir = c->line;
	return 1;
}

static int key_nnp(struct ctx *c, const char *v)
{
	c->p->line_nnp = c->line;
	return parse_bool(c, v, &c->p->no_new_privs);
}

static int key_securebits(struct ctx *c, const char *v)
{
	char word[64];
	const char *s = v, *hint;
	unsigned int bits = 0;
	int i;

	while (next_word(&s, word, sizeof(word)) > 0) {
		for (i = 0; i < 8; i++)
			if (strcmp(word, profile_securebit_names[i]) == 0)
				break;
		if (i == 8) {
			hint = suggest_closest(word, profile_securebit_names,
					       8);
			if (hint)
				return err(c,
					   "securebits: unknown bit '%s' (did "
					   "you mean %s?)",
					   word, hint);
			return err(c, "securebits: unknown bit '%s'", word);
		}
		bits |= 1U << i;
	}
	c->p->securebits = bits;
	c->p->have_securebits = true;
	c->p->line_securebits = c->line;
	return 1;
}

static int parse_rlim(const char *s, size_t n, rlim_t *out)
{
	char buf[32];
	char *end;
	unsigned long long v;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
	if (strcmp(buf, "infinity") == 0 || strcmp(buf, "unlimited") == 0) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (!isdigit((unsigned char)buf[0]))
		return -1;
	errno = 0;
	v = strtoull(buf, &end, 10);
	if (errno || *end != '\0' || v >= RLIM_INFINITY)
		return -1;
	*out = (rlim_t)v;
	return 0;
}

static int key_limit(struct ctx *c, const char *v)
{
	struct profile_limit *l = &c->p->limits[c->key->resource];
	const char *colon = strchr(v, ':');
	size_t n = colon ? (size_t)(colon - v) : strlen(v);

	if (parse_rlim(v, n, &l->soft) < 0 ||
	    parse_rlim(colon ? colon + 1 : v, colon ? strlen(colon + 1) : n,
		       &l->hard) < 0)
		return err(c,
			   "%s: '%s' is not LIMIT or SOFT:HARD (numbers or "
			   "infinity)",
			   c->key->name, v);
	if (l->soft > l->hard)
		return err(c, "%s: soft limit above the hard limit",
			   c->key->name);
	l->set = true;
	l->line = c->line;
	return 1;
}

static int key_init_group(struct ctx *c, const char *v)
{
	c->p->have_group_mode = c->p->init.have_group = true;
	return parse_bool(c, v, &c->p->init.kill_group);
}

/* A list of rules for opts_add_rewrite / opts_add_exitmap. */
static int parse_rules(struct ctx *c, const char *v,
		       int (*add)(struct init_opts *, const char *,
				  struct diag *))
{
	char word[64];
	struct diag d;
	const char *s = v;

	while (next_word(&s, word, sizeof(word)) > 0) {
		if (add(&c->p->init, word, &d) < 0)
			return err(c, "%s", d.msg);
	}
	return 1;
}

static int key_rewrite(struct ctx *c, const char *v)
{
	return parse_rules(c, v, opts_add_rewrite);
}

static int key_map_exit(struct ctx *c, const char *v)
{
	return parse_rules(c, v, opts_add_exitmap);
}

static int key_grace(struct ctx *c, const char *v)
{
	struct diag d;

	if (opts_set_grace(&c->p->init, v, &d) < 0)
		return err(c, "%s", d.msg);
	c->p->have_grace = true;
	return 1;
}

static int key_signal(struct ctx *c, const char *v, int *out)
{
	struct diag d;

	if (opts_parse_signal(v, out, &d) < 0)
		return err(c, "%s: %s", c->key->name, d.msg);
	return 1;
}

static int key_stop_signal(struct ctx *c, const char *v)
{
	c->p->have_stop_signal = c->p->init.have_stop_signal = true;
	return key_signal(c, v, &c->p->init.stop_signal);
}

static int key_pdeathsig(struct ctx *c, const char *v)
{
	return key_signal(c, v, &c->p->init.pdeathsig);
}

static const char *const sections[] = {
	"capabilities", "user", "security", "limits", "init",
};
#define N_SECTIONS (sizeof(sections) / sizeof(sections[0]))

static const struct key keys[] = {
	{ "capabilities", "drop", key_drop, -1 },
	{ "capabilities", "add", key_add, -1 },
	{ "capabilities", "ambient", key_ambient, -1 },
	{ "capabilities", "strict", key_strict, -1 },
	{ "user", "user", key_user, -1 },
	{ "user", "group", key_group, -1 },
	{ "user", "supplementary_groups", key_groups, -1 },
	{ "user", "umask", key_umask, -1 },
	{ "user", "workdir", key_workdir, -1 },
	{ "security", "no_new_privs", key_nnp, -1 },
	{ "security", "securebits", key_securebits, -1 },
	{ "limits", "as", key_limit, RLIMIT_AS },
	{ "limits", "core", key_limit, RLIMIT_CORE },
	{ "limits", "cpu", key_limit, RLIMIT_CPU },
	{ "limits", "data", key_limit, RLIMIT_DATA },
	{ "limits", "fsize", key_limit, RLIMIT_FSIZE },
	{ "limits", "locks", key_limit, RLIMIT_LOCKS },
	{ "limits", "memlock", key_limit, RLIMIT_MEMLOCK },
	{ "limits", "msgqueue", key_limit, RLIMIT_MSGQUEUE },
	{ "limits", "nice", key_limit, RLIMIT_NICE },
	{ "limits", "nofile", key_limit, RLIMIT_NOFILE },
	{ "limits", "nproc", key_limit, RLIMIT_NPROC },
	{ "limits", "rss", key_limit, RLIMIT_RSS },
	{ "limits", "rtprio", key_limit, RLIMIT_RTPRIO },
	{ "limits", "rttime", key_limit, RLIMIT_RTTIME },
	{ "limits", "sigpending", key_limit, RLIMIT_SIGPENDING },
	{ "limits", "stack", key_limit, RLIMIT_STACK },
	{ "init", "group", key_init_group, -1 },
	{ "init", "rewrite", key_rewrite, -1 },
	{ "init", "map_exit", key_map_exit, -1 },
	{ "init", "grace", key_grace, -1 },
	{ "init", "stop_signal", key_stop_signal, -1 },
	{ "init", "pdeathsig", key_pdeathsig, -1 },
};
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

const char *profile_limit_name(int resource)
{
	size_t i;

	for (i = 0; i < N_KEYS; i++)
		if (keys[i].resource == resource && keys[i].parse == key_limit)
			return keys[i].name;
	return "?";
}

static int unknown_key(struct ctx *c, const char *section, const char *name)
{
	const char *cands[N_KEYS];
	const char *hint;
	size_t i, n = 0;

	for (i = 0; i < N_KEYS; i++)
		if (strcmp(keys[i].section, section) == 0)
			cands[n++] = keys[i].name;
	hint = suggest_closest(name, cands, n);
	if (hint)
		return err(c, "unknown key '%s' in [%s] (did you mean %s?)",
			   name, section, hint);
	return err(c, "unknown key '%s' in [%s]", name, section);
}

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct ctx *c = user;
	size_t i;

	if (*section == '\0' && c->bad_section)
		return 1; /* reported once, at the header's line */
	if (*section == '\0')
		return err(c, "'%s' is outside of any [section]", name);
	if (!c->section_known)
		return 1; /* reported once, at the section's line */
	for (i = 0; i < N_KEYS; i++)
		if (strcmp(keys[i].section, section) == 0 &&
		    strcmp(keys[i].name, name) == 0)
			break;
	if (i == N_KEYS)
		return unknown_key(c, section, name);
	if (c->key_line[i])
		return err(c, "duplicate key '%s' (first set on line %d)", name,
			   c->key_line[i]);
	c->key_line[i] = c->line;
	c->key = &keys[i];
	return keys[i].parse(c, value);
}

/* ---- the line reader ------------------------------------------------- */

/* Leading blanks of @s, never looking past @n bytes. */
static size_t span_blank(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static void check_section(struct ctx *c, const char *s, size_t n)
{
	const char *end = memchr(s, ']', n);
	size_t after;
	char name[64];
	const char *hint;
	size_t i;

	c->section_known = false;
	c->bad_section = false;
	if (end == NULL || (size_t)(end - s) - 1 >= sizeof(name)) {
		err(c, "malformed section header");
		c->bad_section = true;
		return;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(end - s - 1), s + 1);
	after = (size_t)(end + 1 - s);
	after += span_blank(end + 1, n - after);
	if (after < n && s[after] != ';' && s[after] != '#') {
		err(c, "text after the section header [%s]", name);
		c->bad_section = true;
		return;
	}
	for (i = 0; i < N_SECTIONS; i++)
		if (strcmp(name, sections[i]) == 0)
			break;
	if (i == N_SECTIONS) {
		hint = suggest_closest(name, sections, N_SECTIONS);
		if (hint)
			err(c, "unknown section [%s] (did you mean [%s]?)",
			    name, hint);
		else
			err(c, "unknown section [%s]", name);
		/* inih would take [] for no section: its keys are not "outside" */
		c->bad_section = name[0] == '\0';
		return;
	}
	if (c->section_seen[i]) {
		err(c, "section [%s] appears twice", name);
		return;
	}
	c->section_seen[i] = true;
	c->section_known = true;
}

/*
 * Hand inih one line, or an empty one in place of a line we rejected
 * (so inih neither splits it nor reports it a second time).
 */
static char *reader(char *str, int num, void *stream)
{
	struct ctx *c = stream;
	const char *s = c->buf + c->pos, *nl;
	size_t n, rest, body, lead, ws;

	if (c->pos >= c->len)
		return NULL;
	rest = c->len - c->pos;
	nl = memchr(s, '\n', rest);
	n = nl ? (size_t)(nl - s) : rest;
	c->pos += nl ? n + 1 : n;
	c->line++;
	body = n > 0 && s[n - 1] == '\r' ? n - 1 : n;
	snprintf(str, (size_t)num, "\n");

	if (memchr(s, '\0', n)) {
		err(c, "NUL byte in line");
		return str;
	}
	if (memchr(s, '\r', body)) {
		err(c, "carriage return inside the line (lines must end in LF "
		       "or CRLF)");
		return str;
	}
	if (num < 4 || body > (size_t)num - 3) {
		err(c, "line longer than %d characters", num - 3);
		return str;
	}
	lead = 0;
	if (c->line == 1 && body >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		lead = 3; /* UTF-8 byte order mark, which inih skips */
	ws = span_blank(s + lead, body - lead);
	if (lead + ws == body || s[lead + ws] == ';' || s[lead + ws] == '#')
		return str; /* blank or comment */
	if (ws > 0) {
		err(c, "indented line: continuation lines are not supported, "
		       "write 'key = value' on one line");
		return str;
	}
	if (s[lead] == '[') {
		check_section(c, s + lead, body - lead);
		if (c->bad_section)
			return str;
	} else {
		const char *eq = memchr(s, '=', body),
			   *colon = memchr(s, ':', body);

		if (eq == NULL || (colon && colon < eq) || eq == s + lead) {
			err(c, "expected 'key = value'");
			return str;
		}
	}
	memcpy(str, s, body);
	str[body] = '\n';
	str[body + 1] = '\0';
	return str;
}

/* ---- entry points ---------------------------------------------------- */

static void defaults(struct profile *p)
{
	memset(p, 0, sizeof(*p));
	p->drop_all = true; /* drop ALL, add back only what is needed */
	p->no_new_privs = true;
	opts_init(&p->init);
}

void profile_builtin(struct profile *p)
{
	defaults(p);
	snprintf(p->path, sizeof(p->path), "built-in profile");
	p->builtin = true;
	p->drop_all = true;
}

int profile_parse_buffer(const char *buf, size_t len, const char *name,
			 struct profile *p, struct diags *errs)
{
	struct ctx c = {
		.buf = buf, .len = len, .name = name, .p = p, .errs = errs
	};
	int rc;

	defaults(p);
	snprintf(p->path, sizeof(p->path), "%s", name);
	rc = ini_parse_stream(reader, &c, handler, &c);
	if (rc == -2) {
		diags_add(errs, "%s: out of memory", name);
		return -1;
	}
	if (rc > 0 && c.error_line != rc && c.errors == 0) {
		c.line = rc;
		err(&c, "syntax error");
	}
	return c.errors ? -1 : 0;
}

int profile_check_stat(const struct stat *file, const struct stat *dir,
		       const char *path, struct diags *errs)
{
	int n = errs->n;

	if (!S_ISREG(file->st_mode))
		diags_add(errs, "%s: not a regular file (refused)", path);
	else if (file->st_uid != 0)
		diags_add(errs, "%s: owned by uid %u, not root (refused)", path,
			  (unsigned)file->st_uid);
	else if (file->st_mode & (S_IWGRP | S_IWOTH))
		diags_add(errs, "%s: writable by group or others (refused)",
			  path);
	else if (dir->st_uid != 0)
		diags_add(errs,
			  "%s: its directory is owned by uid %u, not root "
			  "(refused)",
			  path, (unsigned)dir->st_uid);
	else if (dir->st_mode & (S_IWGRP | S_IWOTH))
		diags_add(errs,
			  "%s: its directory is writable by group or "
			  "others (refused)",
			  path);
	else if (file->st_size > PROFILE_MAX_SIZE)
		diags_add(errs, "%s: larger than %d bytes (refused)", path,
			  PROFILE_MAX_SIZE);
	return errs->n > n ? -1 : 0;
}

/* Read all of @fd (at most PROFILE_MAX_SIZE + 1 bytes) into @buf. */
static ssize_t read_all(int fd, char *buf, size_t max)
{
	size_t got = 0;
	ssize_t n;

	while (got < max) {
		n = read(fd, buf + got, max - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

int profile_select(const char *path, struct profile *p, struct diags *errs)
{
	struct stat st;

	if (path)
		return profile_load(path, p, errs);
	/* Absent means absent: a dangling symlink there is refused later. */
	if (lstat(PROFILE_DEFAULT_PATH, &st) < 0 && errno == ENOENT) {
		profile_builtin(p);
		return 0;
	}
	return profile_load(PROFILE_DEFAULT_PATH, p, errs);
}

/*
 * The directory is opened first and the file relative to it, so the
 * directory whose owner and mode are checked is the one the file was
 * really found in, not one swapped in between two lookups of the path.
 */
static int open_dir_of(const char *path, const char **base)
{
	char dirbuf[4096];
	const char *slash = strrchr(path, '/');

	*base = slash ? slash + 1 : path;
	if (slash == NULL)
		return open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if ((size_t)(slash - path) >= sizeof(dirbuf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dirbuf, path, (size_t)(slash - path));
	dirbuf[slash - path] = '\0';
	return open(slash == path ? "/" : dirbuf,
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int profile_load(const char *path, struct profile *p, struct diags *errs)
{
	char *buf = NULL;
	const char *base;
	struct stat st, dst;
	ssize_t len;
	int fd = -1, dfd, rc = -1;

	dfd = open_dir_of(path, &base);
	if (dfd < 0) {
		diags_add(errs, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* O_NONBLOCK: a FIFO in its place must not hang PID 1. */
	fd = openat(dfd, base,
		    O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ELOOP)
			diags_add(errs, "%s: is a symbolic link (refused)",
				  path);
		else if (errno == ENXIO) /* a socket cannot be opened */
			diags_add(errs, "%s: not a regular file (refused)",
				  path);
		else
			diags_add(errs, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) < 0 || fstat(dfd, &dst) < 0) {
		diags_add(errs, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (profile_check_stat(&st, &dst, path, errs) < 0)
		goto out;
	buf = malloc(PROFILE_MAX_SIZE + 1);
	if (buf == NULL) {
		diags_add(errs, "%s: out of memory", path);
		goto out;
	}
	len = read_all(fd, buf, PROFILE_MAX_SIZE + 1);
	if (len < 0 || len > PROFILE_MAX_SIZE) {
		diags_add(errs, "%s: %s", path,
			  len < 0 ? strerror(errno)
				  : "larger than 65536 bytes (refused)");
		goto out;
	}
	rc = profile_parse_buffer(buf, (size_t)len, path, p, errs);
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	close(dfd);
	return rc;
}
