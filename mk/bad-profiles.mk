# SPDX-License-Identifier: MIT
# check-bad-profiles: the bad-input corpus (tests/bad-profiles), end to end.
# Every malformed or hostile profile must make the real binary exit 125
# within a second, with exactly the expected message, without ever starting
# PROGRAM; the same again with --check. Root for the chown and mknod cases.
.PHONY: check-bad-profiles
check-bad-profiles: capinit
	CAPINIT_BIN=$(BIN) tests/bad-profiles/run.sh
