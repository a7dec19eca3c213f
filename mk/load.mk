# SPDX-License-Identifier: MIT
# check-load (placeholder: filled in by its suite)
.PHONY: check-load
check-load:
	@echo "check-load: not written yet"
