/* SPDX-License-Identifier: MIT */
/*
 * caps - capability names and masks, the way container users write them:
 * "NET_BIND_SERVICE", "CAP_NET_BIND_SERVICE", "net_bind_service",
 * "cap_40" for unnamed ones, and "ALL". Names come from libcap-ng.
 */
#ifndef CAPINIT_CAPS_H
#define CAPINIT_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAPS_MAX 64 /* a mask holds capabilities 0..63 */

/* caps_parse_name - the capability number for @name, or -1. */
int caps_parse_name(const char *name);

/*
 * caps_parse_list - a space- or comma-separated list into @mask; "ALL"
 * sets @all (alone in its list). On error, returns -1 with @bad pointing
 * at the offending word (NUL-terminated copy in @badbuf).
 */
int caps_parse_list(const char *list, uint64_t *mask, bool *all, char *badbuf,
		    size_t badlen);

/* caps_suggest - the known name closest to a misspelt @word, or NULL. */
const char *caps_suggest(const char *word);

/* caps_name - "NET_BIND_SERVICE" or "CAP_40"-style for @cap. */
const char *caps_name(int cap, char buf[32]);

/* caps_format - "NET_BIND_SERVICE,CHOWN" or "none" into @buf. */
const char *caps_format(uint64_t mask, char *buf, size_t len);

#endif
