# SPDX-License-Identifier: MIT
# check-load: load and fault tests with capinit as PID 1 (tests/load/).
# Its helpers are built like the integration ones: without the project's
# sanitizers, they are the fixed point the tests measure against.
LOAD_HELPERS = $(O)/loadkit $(O)/forkfail.so

.PHONY: check-load
$(O)/loadkit: tests/load/loadkit.c tests/helpers/testutil.h | $(O)
	$(CC) -D_GNU_SOURCE -std=c11 -O2 -Wall -Wextra -o $@ $<
$(O)/forkfail.so: tests/load/forkfail.c | $(O)
	$(CC) -D_GNU_SOURCE -std=c11 -O2 -Wall -Wextra -shared -fPIC -o $@ $< -ldl

check-load: capinit $(HELPERS) $(LOAD_HELPERS)
	CAPINIT_BIN=$(BIN) HELPER_DIR=$(O) tests/load/run.sh
