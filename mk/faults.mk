# SPDX-License-Identifier: MIT
# check-faults: every call of capinit that changes or reads credentials is
# made to fail, or to report success while changing nothing, one at a time;
# capinit must exit 125, name the step, and never start the program
# (tests/faults/run.sh, as root; a few seconds). The binary under test is
# the production one: the faults come from a preload shim built here, with
# neither the project's sanitizers nor its hardening, like the test helpers.
.PHONY: check-faults

$(O)/fault.so: tests/faults/fault.c | $(O)
	$(CC) -D_GNU_SOURCE -std=c11 -O2 $(WARN) $(WERROR_ALWAYS) -shared -fPIC \
		-o $@ $< -ldl

check-faults: $(BIN) $(O)/fault.so
	CAPINIT_BIN=$(BIN) FAULT_SO=$(O)/fault.so tests/faults/run.sh
