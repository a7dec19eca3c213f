/* SPDX-License-Identifier: MIT */
/* suggest - "did you mean ...?" for misspelt names. */
#ifndef CAPINIT_SUGGEST_H
#define CAPINIT_SUGGEST_H

#include <stddef.h>

/*
 * suggest_closest - the candidate closest to @word (case-insensitive edit
 * distance), if it is close enough to be a likely typo; NULL otherwise.
 */
const char *suggest_closest(const char *word, const char *const *cands,
			    size_t n);

#endif
