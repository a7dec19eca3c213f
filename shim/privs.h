/* SPDX-License-Identifier: MIT */
/*
 * privs - read, change and verify the process's privileges. privs.c is the
 * only file of capinit that changes credentials.
 */
#ifndef CAPINIT_PRIVS_H
#define CAPINIT_PRIVS_H

#include "diag.h"
#include "plan.h"

/* privs_refuse_secure - fail if capinit runs setuid/setgid/with fcaps. */
int privs_refuse_secure(struct diag *d) __attribute__((warn_unused_result));

/* privs_read_sysinfo - cap_last_cap and ambient support of this kernel. */
int privs_read_sysinfo(struct sysinfo *sys, struct diag *d)
	__attribute__((warn_unused_result));

/* privs_read_state - the five capability sets, ids, groups, bits. */
int privs_read_state(struct capstate *st, const struct sysinfo *sys,
		     struct diag *d) __attribute__((warn_unused_result));

/*
 * privs_apply - make the process match @plan, starting from @cur. On
 * failure the state is partial: the caller must not start the program.
 */
int privs_apply(const struct privplan *plan, const struct capstate *cur,
		const struct sysinfo *sys, struct diag *d)
	__attribute__((warn_unused_result));

/* privs_verify - read everything back; every difference goes to @errs. */
int privs_verify(const struct privplan *plan, const struct sysinfo *sys,
		 struct diags *errs) __attribute__((warn_unused_result));

#endif
