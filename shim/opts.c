// SPDX-License-Identifier: MIT
/*
 * opts.c - parse and hold init options. Pure: no I/O, no globals, no exit.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "opts.h"
#include "signame.h"

void opts_init(struct init_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->verbosity = 1;
	o->stop_signal = SIGTERM;
	for (i = 0; i < NSIG; i++)
		o->rewrite[i] = i;
	for (i = 0; i < 256; i++)
		o->exitmap[i] = i;
}

/* Split "A:B" into two NUL-terminated copies; B may be absent. */
static int split_pair(const char *spec, char *a, char *b, size_t n, bool *has_b)
{
	const char *colon = strchr(spec, ':');
	size_t alen = colon ? (size_t)(colon - spec) : strlen(spec);

	if (alen == 0 || alen >= n || (colon && strlen(colon + 1) >= n))
		return -1;
	memcpy(a, spec, alen);
	a[alen] = '\0';
	*has_b = colon != NULL;
	if (colon) {
		if (strchr(colon + 1, ':') || colon[1] == '\0')
			return -1;
		memcpy(b, colon + 1, strlen(colon + 1) + 1); /* fits: above */
	}
	return 0;
}

int opts_parse_signal(const char *s, int *signo, struct diag *d)
{
	int n = signame_parse(s);

	if (n < 0)
		return diag_set(d, "'%s' is not a signal name or number", s);
	*signo = n;
	return 0;
}

int opts_add_rewrite(struct init_opts *o, const char *spec, struct diag *d)
{
	char from_s[32], to_s[32], name[SIGNAME_MAX];
	struct diag sub;
	bool has_to;
	int from = 0, to = 0;

	if (split_pair(spec, from_s, to_s, sizeof(from_s), &has_to) < 0 ||
	    !has_to)
		return diag_set(d,
				"rewrite '%s': expected FROM:TO, e.g. TERM:QUIT",
				spec);
	if (opts_parse_signal(from_s, &from, &sub) < 0)
		return diag_set(d, "rewrite '%s': %s", spec, sub.msg);
	if (from == SIGKILL || from == SIGSTOP || from == SIGCHLD)
		return diag_set(d,
				"rewrite '%s': %s never reaches the child "
				"and cannot be rewritten",
				spec, signame_format(from, name));
	if (strcasecmp(to_s, "none") == 0 || strcmp(to_s, "0") == 0)
		to = 0;
	else if (opts_parse_signal(to_s, &to, &sub) < 0)
		return diag_set(d, "rewrite '%s': %s", spec, sub.msg);
	if (o->rewrite_set[from] && o->rewrite[from] != to)
		return diag_set(d, "rewrite '%s': %s is already rewritten",
				spec, signame_format(from, name));
	o->rewrite[from] = to;
	o->rewrite_set[from] = true;
	return 0;
}

/* An exit status 0..255, or a signal name meaning 128+N; -1 if neither. */
static int parse_status(const char *s)
{
	char *end;
	long v;
	int sig;

	if (isdigit((unsigned char)*s)) {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || *end != '\0' || v > 255)
			return -1;
		return (int)v;
	}
	sig = signame_parse(s);
	if (sig < 1 || 128 + sig > 255)
		return -1;
	return 128 + sig;
}

int opts_add_exitmap(struct init_opts *o, const char *spec, struct diag *d)
{
	char from_s[32], to_s[32];
	bool has_to;
	int from, to = 0;

	if (split_pair(spec, from_s, to_s, sizeof(from_s), &has_to) < 0)
		return diag_set(d,
				"exit map '%s': expected FROM[:TO], e.g. "
				"143:0 or TERM:0",
				spec);
	from = parse_status(from_s);
	if (from < 0)
		return diag_set(d,
				"exit map '%s': '%s' is not an exit status "
				"(0-255) or a signal name",
				spec, from_s);
	if (has_to) {
		to = parse_status(to_s);
		if (to < 0)
			return diag_set(d,
					"exit map '%s': '%s' is not an exit "
					"status (0-255) or a signal name",
					spec, to_s);
	}
	if (o->exitmap_set[from] && o->exitmap[from] != to)
		return diag_set(d, "exit map '%s': status %d is already mapped",
				spec, from);
	o->exitmap[from] = to;
	o->exitmap_set[from] = true;
	return 0;
}

/* Seconds with up to three decimals ("10", "2.5", "0.250") -> ms. */
int opts_set_grace(struct init_opts *o, const char *s, struct diag *d)
{
	const char *p = s;
	long ms = 0, scale = 1000;

	if (!isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		ms = ms * 10 + (long)(*p - '0') * 1000;
		if (ms > OPTS_GRACE_MAX_MS)
			goto bad;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			goto bad;
		for (; isdigit((unsigned char)*p); p++) {
			scale /= 10;
			if (scale == 0)
				goto bad;
			ms += (*p - '0') * scale;
		}
	}
	if (*p != '\0' || ms > OPTS_GRACE_MAX_MS)
		goto bad;
	o->grace_ms = ms;
	o->have_grace = true;
	return 0;
bad:
	return diag_set(d,
			"grace '%s': expected seconds from 0 to %ld, "
			"at most 3 decimals (e.g. 10 or 2.5)",
			s, OPTS_GRACE_MAX_MS / 1000);
}

void opts_merge(struct init_opts *dst, const struct init_opts *src)
{
	int i;

	if (!dst->have_group && src->have_group)
		dst->kill_group = src->kill_group;
	if (!dst->have_grace && src->have_grace)
		dst->grace_ms = src->grace_ms;
	if (!dst->have_stop_signal && src->have_stop_signal)
		dst->stop_signal = src->stop_signal;
	if (dst->pdeathsig == 0)
		dst->pdeathsig = src->pdeathsig;
	for (i = 1; i < NSIG; i++) {
		if (!dst->rewrite_set[i] && src->rewrite_set[i]) {
			dst->rewrite[i] = src->rewrite[i];
			dst->rewrite_set[i] = true;
		}
	}
	for (i = 0; i < 256; i++) {
		if (!dst->exitmap_set[i] && src->exitmap_set[i]) {
			dst->exitmap[i] = src->exitmap[i];
			dst->exitmap_set[i] = true;
		}
	}
}

int opts_rewrite_signal(const struct init_opts *o, int signo)
{
	if (signo < 1 || signo >= NSIG)
		return signo;
	return o->rewrite[signo];
}

int opts_map_exit(const struct init_opts *o, int status)
{
	return o->exitmap[status & 0xff];
}
