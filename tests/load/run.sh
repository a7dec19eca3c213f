#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh - the load and fault suite (make check-load): every test in every
# mode where capinit can be PID 1 (root, userns), through the integration
# suite's runner. TAP from each test, a summary at the end.
here=$(cd "$(dirname "$0")" && pwd)
SUITE_DIR=$here SUITE=load TESTS='l[0-9]*.sh' NO_PLAIN=1 TEST_TIMEOUT=150 \
	exec "$here/../integration/run.sh"
