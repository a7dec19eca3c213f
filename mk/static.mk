# SPDX-License-Identifier: MIT
# check-static (placeholder: filled in by its suite)
.PHONY: check-static
check-static:
	@echo "check-static: not written yet"
