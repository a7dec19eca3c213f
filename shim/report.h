/* SPDX-License-Identifier: MIT */
/*
 * report - the tool modes: --check, --emit and --show (see capinit(8)).
 * Each returns capinit's exit status; none changes the process.
 */
#ifndef CAPINIT_REPORT_H
#define CAPINIT_REPORT_H

#include "opts.h"

/* report_check - validate the profile and print the plan: 0 or 125. */
int report_check(const struct init_opts *o);

/* report_emit - print the runtime settings that match: 0 or 125. */
int report_emit(const struct init_opts *o);

/*
 * report_show - decode what processes hold. With a profile, 1 if any
 * process holds more than it allows; 125 on errors; 0 otherwise.
 */
int report_show(const struct init_opts *o);

#endif
