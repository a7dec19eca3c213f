# SPDX-License-Identifier: MIT
# make analyze: static analysis that fails on any finding (part of make check).
#   analyze-format    clang-format --dry-run --Werror against .clang-format
#   analyze-cppcheck  cppcheck on shim/ and tests/helpers/
#                     (suppressions: tests/analyze/cppcheck.supp, with reasons)
#   analyze-gcc       gcc -fanalyzer -Werror, objects in $(O)/analyzer/
#   analyze-tidy      clang-tidy with the committed .clang-tidy, per file
# Each runs on the build's own flags. The four run side by side, ANALYZE_JOBS
# at a time; about 25 s on two idle cores. make format rewrites shim/ in place.

CPPCHECK      ?= cppcheck
CLANG_TIDY    ?= clang-tidy
CLANG_FORMAT  ?= clang-format
ANALYZE_JOBS  ?= 2
ANALYZE_CC    ?= gcc

ANALYZE_SRCS  = $(LIB_SRCS) shim/main.c
ANALYZE_HDRS  = $(wildcard shim/*.h)
FORMAT_FILES  = $(ANALYZE_SRCS) $(ANALYZE_HDRS)
# The build's defines and include paths, for the tools that only preprocess.
ANALYZE_DEFS  = -D_GNU_SOURCE -DCAPINIT_VERSION='"$(VERSION)"' \
		-DPROFILE_DEFAULT_PATH='"$(PROFILE)"' -Ishim \
		$(filter -I% -D%,$(DEP_CFLAGS))

.PHONY: analyze analyze-deps analyze-format analyze-cppcheck analyze-gcc \
	analyze-tidy format

analyze: analyze-deps
	+@$(MAKE) --no-print-directory -k -O -j$(ANALYZE_JOBS) analyze-format \
		analyze-cppcheck analyze-gcc analyze-tidy
	@echo "analyze: clang-format, cppcheck, gcc -fanalyzer, clang-tidy: no findings"

analyze-deps:
	@tests/deps.sh analyze

analyze-format:
	$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_FILES)

format:
	$(CLANG_FORMAT) -i $(FORMAT_FILES)

analyze-cppcheck:
	@mkdir -p $(O)/cppcheck
	$(CPPCHECK) -q --std=c11 --library=posix $(ANALYZE_DEFS) \
		--enable=warning,style,performance,portability \
		--error-exitcode=1 --inline-suppr \
		--suppress=missingIncludeSystem \
		--suppressions-list=tests/analyze/cppcheck.supp \
		--cppcheck-build-dir=$(O)/cppcheck -j$(ANALYZE_JOBS) \
		shim tests/helpers

# gcc's analyzer needs real code generation: objects, not -fsyntax-only.
analyze-gcc: $(ANALYZE_SRCS:shim/%.c=$(O)/analyzer/%.o)

$(O)/analyzer/%.o: shim/%.c $(ANALYZE_HDRS)
	@mkdir -p $(@D)
	@echo "gcc -fanalyzer $<"
	@$(ANALYZE_CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -fanalyzer -Werror -c -o $@ $<

# One stamp per file: make -j spreads clang-tidy over the cores, and a clean
# file is not checked again until it, a header or the config changes.
# clang-tidy's count of hidden (system header) warnings stays in a log
# unless the file fails.
analyze-tidy: $(ANALYZE_SRCS:shim/%.c=$(O)/tidy/%.ok)

$(O)/tidy/%.ok: shim/%.c $(ANALYZE_HDRS) .clang-tidy
	@mkdir -p $(@D)
	@echo "$(CLANG_TIDY) $<"
	@$(CLANG_TIDY) --quiet $< -- $(ALL_CPPFLAGS) $(ALL_CFLAGS) \
		-Wno-unknown-warning-option 2>$@.log || { cat $@.log >&2; exit 1; }
	@touch $@
