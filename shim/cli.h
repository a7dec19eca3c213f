/* SPDX-License-Identifier: MIT */
/*
 * cli - the command line: capinit [OPTIONS] [--] PROGRAM [ARG...]
 * Option parsing stops at the first non-option, so everything after PROGRAM
 * belongs to PROGRAM.
 */
#ifndef CAPINIT_CLI_H
#define CAPINIT_CLI_H

#include "diag.h"
#include "opts.h"

enum cli_action {
	CLI_RUN,
	CLI_HELP,
	CLI_VERSION,
};

/*
 * cli_parse - fill @o (already opts_init'ed) from argv.
 * Returns the action, or -1 with @d filled on a usage error.
 */
int cli_parse(int argc, char *const argv[], struct init_opts *o, struct diag *d)
	__attribute__((warn_unused_result));

extern const char cli_help_text[];

#endif
