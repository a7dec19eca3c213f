// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the profile parser, then the plan, on arbitrary bytes.
 * Besides crashes and sanitizer reports, it checks the plan's invariants:
 * nothing outside the kernel's capabilities, nothing beyond the runtime's
 * grant, ambient within the kept set, inheritable equal to ambient.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "plan.h"
#include "profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct profile p;
	static struct ident id;
	static struct privplan plan;
	struct capstate cur = { 0 };
	struct sysinfo sys = { 40, true };
	struct diags errs = { 0 }, warns = { 0 };
	uint64_t full = plan_full_mask(40);

	if (size > PROFILE_MAX_SIZE)
		return 0;
	if (profile_parse_buffer((const char *)data, size, "fuzz.ini", &p,
				 &errs) != 0)
		return 0;
	cur.bnd = cur.prm = cur.eff = UINT64_C(0xa80425fb); /* Docker's 14 */
	if (ident_resolve(&p, "tests/profiles/etc/passwd",
			  "tests/profiles/etc/group", 0, 0, &id, &errs) != 0)
		return 0;
	if (plan_build(&p, &id, &cur, &sys, &plan, &errs, &warns) != 0)
		return 0;
	if ((plan.want.bnd | plan.want.prm | plan.want.eff | plan.want.inh |
	     plan.want.amb) & ~full)
		abort();
	if (plan.keep & ~cur.prm)
		abort();
	if (plan.want.amb & ~plan.keep || plan.want.inh != plan.want.amb)
		abort();
	if (plan.want.prm & ~plan.keep || plan.want.eff != plan.want.prm)
		abort();
	return 0;
}
