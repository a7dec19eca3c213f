// SPDX-License-Identifier: MIT
/*
 * log.c - the logger. Owns the only global of capinit (the level).
 * It formats into one buffer and writes it with a single write(2), so lines
 * from capinit and its child never interleave mid-line, and it keeps errno.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "log.h"

static int log_level = LOG_LEVEL_WARN;

/*
 * Invisible or reordering characters (Unicode's format characters and line
 * separators): text with them could pass for other text.
 */
static const struct {
	unsigned int lo, hi;
} invisible[] = {
	{ 0xad, 0xad },     { 0x61c, 0x61c },   { 0x180e, 0x180e },
	{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x206f },
	{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0xe0000, 0xe007f },
};

/*
 * Length of the printable character at @s: printable ASCII, or a valid
 * UTF-8 sequence that is neither a C1 control nor an invisible or
 * bidirectional formatting character. 0 for anything else.
 */
static size_t printable_len(const unsigned char *s, size_t n)
{
	unsigned int cp;
	size_t len, i;

	if (s[0] >= 0x20 && s[0] < 0x7f)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	cp = s[0] & (0x7fU >> len); /* the lead byte's payload bits */
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fU);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp < 0xa0)
		return 0; /* overlong, surrogate, too large, C1 control */
	for (i = 0; i < sizeof(invisible) / sizeof(invisible[0]); i++)
		if (cp >= invisible[i].lo && cp <= invisible[i].hi)
			return 0;
	return len;
}

/*
 * Copy @n bytes of @in to @out (at most @max bytes), with every byte that
 * is not part of a printable character written as \xNN: messages quote
 * profiles and paths, which must not reach a terminal as escape sequences
 * or invalid UTF-8. Returns the length written.
 */
static size_t escape_unprintable(const char *in, size_t n, char *out,
				 size_t max)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, o = 0, k;

	while (i < n) {
		k = printable_len(s + i, n - i);
		if (k > 0) {
			if (o + k > max)
				break;
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		if (o + 4 > max)
			break;
		out[o++] = '\\';
		out[o++] = 'x';
		out[o++] = hex[s[i] >> 4];
		out[o++] = hex[s[i] & 15];
		i++;
	}
	return o;
}

void log_set_level(int level)
{
	log_level = level;
}

int log_get_level(void)
{
	return log_level;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char buf[1024], msg[1024];
	int saved_errno = errno;
	int n, m;
	va_list ap;

	if ((int)level > log_level)
		return;
	if (level >= LOG_LEVEL_DEBUG)
		n = snprintf(buf, sizeof(buf), "capinit[%d]: ", (int)getpid());
	else
		n = snprintf(buf, sizeof(buf), "capinit: ");
	va_start(ap, fmt);
	m = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	if (m > (int)sizeof(msg) - 1)
		m = (int)sizeof(msg) - 1;
	n += (int)escape_unprintable(msg, (size_t)m, buf + n,
				     sizeof(buf) - (size_t)n - 1);
	buf[n++] = '\n';
	/* Nothing useful can be done if stderr is gone. */
	if (write(STDERR_FILENO, buf, (size_t)n) < 0)
		errno = saved_errno;
	errno = saved_errno;
}

void log_diags(const struct diags *l, enum log_level level)
{
	int i;

	for (i = 0; i < l->n; i++)
		log_msg(level, "%s", l->msg[i]);
	if (l->dropped)
		log_msg(level, "... and %d more", l->dropped);
}
