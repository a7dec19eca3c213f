# SPDX-License-Identifier: MIT
# check-bad-profiles (placeholder: filled in by its suite)
.PHONY: check-bad-profiles
check-bad-profiles:
	@echo "check-bad-profiles: not written yet"
