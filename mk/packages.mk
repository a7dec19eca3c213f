# SPDX-License-Identifier: MIT
# check-packages (placeholder: filled in by its suite)
.PHONY: check-packages
check-packages:
	@echo "check-packages: not written yet"
