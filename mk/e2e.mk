# SPDX-License-Identifier: MIT
# e2e (placeholder: filled in by its suite)
.PHONY: e2e
e2e:
	@echo "e2e: not written yet"
