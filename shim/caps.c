// SPDX-License-Identifier: MIT
/*
 * caps.c - capability names. libcap-ng's table knows the names the library
 * was built with; numbers up to 63 are always accepted as cap_N, so a
 * kernel newer than the library is no obstacle.
 */
#include <cap-ng.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "caps.h"
#include "suggest.h"

int caps_parse_name(const char *name)
{
	const char *n = name;
	char *end;
	long v;
	int cap;

	if (strncasecmp(n, "CAP_", 4) == 0)
		n += 4;
	if (*n == '\0')
		return -1;
	/* cap_N (or CAP_N): a number, for capabilities without a name */
	if (n != name && isdigit((unsigned char)*n)) {
		errno = 0;
		v = strtol(n, &end, 10);
		if (errno || *end != '\0' || v < 0 || v >= CAPS_MAX ||
		    (n[0] == '0' && n[1] != '\0'))
			return -1;
		return (int)v;
	}
	if (strncasecmp(n, "CAP_", 4) == 0)
		return -1; /* CAP_CAP_CHOWN */
	cap = capng_name_to_capability(n);
	return cap >= 0 && cap < CAPS_MAX ? cap : -1;
}

static bool is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

int caps_parse_list(const char *list, uint64_t *mask, bool *all, char *badbuf,
		    size_t badlen)
{
	const char *p = list;
	uint64_t m = 0;
	bool saw_all = false;
	int words = 0, cap;

	while (*p) {
		char word[64];
		size_t len = 0;

		while (is_sep(*p))
			p++;
		if (*p == '\0')
			break;
		while (p[len] && !is_sep(p[len]))
			len++;
		snprintf(word, sizeof(word), "%.*s", (int)len, p);
		p += len;
		words++;
		if (strcasecmp(word, "ALL") == 0) {
			saw_all = true;
			continue;
		}
		cap = len < sizeof(word) ? caps_parse_name(word) : -1;
		if (cap < 0) {
			/* the whole word, not its first 63 bytes */
			snprintf(badbuf, badlen, "%.*s", (int)len, p - len);
			return -1;
		}
		m |= UINT64_C(1) << cap;
	}
	if (saw_all && words > 1) {
		snprintf(badbuf, badlen, "ALL");
		return -2; /* ALL with other names */
	}
	*mask = m;
	*all = saw_all;
	return 0;
}

const char *caps_suggest(const char *word)
{
	const char *names[CAPS_MAX];
	static char upper[CAPS_MAX][32];
	const char *w = word, *n;
	size_t count = 0, i;
	int cap;

	while (strncasecmp(w, "CAP_", 4) == 0)
		w += 4;
	for (cap = 0; cap < CAPS_MAX; cap++) {
		n = capng_capability_to_name((unsigned)cap);
		if (n == NULL || strncmp(n, "cap_", 4) == 0)
			continue;
		for (i = 0; i < sizeof(upper[0]) - 1 && n[i]; i++)
			upper[count][i] = (char)toupper((unsigned char)n[i]);
		upper[count][i] = '\0';
		names[count] = upper[count];
		count++;
	}
	return suggest_closest(w, names, count);
}

const char *caps_name(int cap, char buf[32])
{
	const char *n = capng_capability_to_name((unsigned)cap);
	size_t i;

	if (n == NULL || strncmp(n, "cap_", 4) == 0) {
		snprintf(buf, 32, "cap_%d", cap);
		return buf;
	}
	for (i = 0; i < 31 && n[i]; i++)
		buf[i] = (char)toupper((unsigned char)n[i]);
	buf[i] = '\0';
	return buf;
}

const char *caps_format(uint64_t mask, char *buf, size_t len)
{
	char name[32];
	size_t used = 0;
	int cap;

	if (mask == 0) {
		snprintf(buf, len, "none");
		return buf;
	}
	buf[0] = '\0';
	for (cap = 0; cap < CAPS_MAX; cap++) {
		if (!(mask & (UINT64_C(1) << cap)))
			continue;
		used += (size_t)snprintf(buf + used,
					 used < len ? len - used : 0, "%s%s",
					 used ? "," : "", caps_name(cap, name));
	}
	return buf;
}
