# SPDX-License-Identifier: MIT
# analyze (placeholder: filled in by its suite)
.PHONY: analyze
analyze:
	@echo "analyze: not written yet"
