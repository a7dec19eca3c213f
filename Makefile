# SPDX-License-Identifier: MIT
# capinit - GNU make, one file. User CFLAGS/LDFLAGS/CPPFLAGS come last so they win.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
SBINDIR   ?= $(PREFIX)/sbin
SYSCONFDIR ?= /etc
# The profile capinit reads when no -p is given. Fixed at build time: no
# environment variable can select or weaken it.
PROFILE   ?= $(SYSCONFDIR)/capinit/profile.ini
MANDIR    ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/capinit
DESTDIR   ?=
CC        ?= cc
PKG_CONFIG ?= pkg-config
HARDEN    ?= 1
# Full -Werror in CI (CI is set there); a fixed list of -Werror= always.
ifneq ($(CI),)
WERROR    ?= 1
endif
WERROR    ?= 0
SANITIZE  ?=

CFLAGS    ?= -O2 -g
LDFLAGS   ?=

WARN = -Wall -Wextra -Wformat=2 -Wformat-security -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wold-style-definition -Wpointer-arith -Wcast-qual \
       -Wwrite-strings -Wundef -Wswitch-enum -Wimplicit-fallthrough -Wvla \
       -Winit-self -Wredundant-decls -Wno-missing-field-initializers
WERROR_ALWAYS = -Werror=implicit-function-declaration -Werror=incompatible-pointer-types \
       -Werror=int-conversion -Werror=return-type -Werror=format-security \
       -Werror=unused-result -Werror=vla -Werror=strict-prototypes
ifeq ($(WERROR),1)
WERROR_ALWAYS += -Werror
endif

ifeq ($(HARDEN),1)
HARDEN_CPPFLAGS = -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2
HARDEN_CFLAGS   = -fstack-protector-strong -fstack-clash-protection -fPIE
HARDEN_LDFLAGS  = -pie -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack -Wl,--as-needed
endif
ifneq ($(SANITIZE),)
SAN_CFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

# libcap-ng and inih are found through pkg-config; the privilege half links them.
DEP_PKGS   = libcap-ng inih
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEP_PKGS) 2>/dev/null)
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs $(DEP_PKGS) 2>/dev/null)

ALL_CPPFLAGS = -D_GNU_SOURCE -DCAPINIT_VERSION='"$(VERSION)"' \
               -DPROFILE_DEFAULT_PATH='"$(PROFILE)"' -Ishim \
               $(HARDEN_CPPFLAGS) $(DEP_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 $(WARN) $(WERROR_ALWAYS) $(HARDEN_CFLAGS) $(SAN_CFLAGS) $(CFLAGS)
ALL_LDFLAGS  = $(HARDEN_LDFLAGS) $(SAN_CFLAGS) $(LDFLAGS)

O ?= build

# The command line objects are built with, kept in $(O)/.flags and rewritten
# whenever it changes (another PROFILE, CC, CFLAGS, HARDEN, ...): every object
# depends on that file, so a changed setting rebuilds them instead of being
# mixed with objects built without it.
FLAGS_STAMP := $(O)/.flags
FLAGS_NOW := $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(DEP_LIBS)
ifneq ($(file <$(FLAGS_STAMP)),$(FLAGS_NOW))
$(shell mkdir -p $(O))
$(file >$(FLAGS_STAMP),$(FLAGS_NOW))
endif
LIB_SRCS = shim/log.c shim/signame.c shim/opts.c shim/cli.c shim/sigstate.c \
           shim/spawn.c shim/setup.c shim/proctree.c shim/supervise.c \
           shim/suggest.c shim/caps.c shim/passwd.c shim/profile.c shim/ident.c \
           shim/plan.c shim/privs.c shim/report.c shim/learn.c
LIB_OBJS = $(LIB_SRCS:shim/%.c=$(O)/%.o)
MAIN_OBJ = $(O)/main.o
UNIT_TESTS = $(O)/test_signame $(O)/test_opts $(O)/test_cli $(O)/test_supervise \
             $(O)/test_profile $(O)/test_plan
HELPERS = $(O)/probe $(O)/ptyrun $(O)/early.so

.PHONY: all clean install uninstall test unit check integration deps bench demo lint \
	mutation fuzz check-asan check-valgrind
.DELETE_ON_ERROR:

all: capinit

# The binary: ./capinit by default; other builds (O=build-asan) name it.
BIN ?= capinit

ifneq ($(BIN),capinit)
.PHONY: capinit
capinit: $(BIN)
endif

$(BIN): $(MAIN_OBJ) $(O)/libcapinit.a
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(O)/libcapinit.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(O)/%.o: shim/%.c $(FLAGS_STAMP) | $(O)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(O):
	mkdir -p $(O)

# Unit tests (cmocka): one binary per module, linked against the library.
# String literals stand in for argv there, hence -Wno-write-strings.
$(O)/test_%: tests/unit/test_%.c $(O)/libcapinit.a
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Wno-write-strings $(ALL_LDFLAGS) -o $@ $< $(O)/libcapinit.a \
		$$($(PKG_CONFIG) --libs cmocka) $(DEP_LIBS)

# Test helpers are built without the project's sanitizers: they are the fixed
# point the tests measure against.
$(O)/probe: tests/helpers/probe.c tests/helpers/testutil.h | $(O)
	$(CC) -D_GNU_SOURCE -std=c11 -O2 -Wall -Wextra -o $@ $<
$(O)/ptyrun: tests/helpers/ptyrun.c | $(O)
	$(CC) -D_GNU_SOURCE -std=c11 -O2 -Wall -Wextra -o $@ $< -lutil
$(O)/early.so: tests/helpers/early.c | $(O)
	$(CC) -D_GNU_SOURCE -std=c11 -O2 -Wall -Wextra -shared -fPIC -o $@ $< -ldl

unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; $$t; done

test: unit

integration: capinit $(HELPERS)
	CAPINIT_BIN=$(BIN) HELPER_DIR=$(O) tests/integration/run.sh

# The unit tests under valgrind memcheck: no error, no leak of any kind.
check-valgrind: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do \
		valgrind -q --error-exitcode=9 --leak-check=full \
			--errors-for-leak-kinds=all $$t >/dev/null; \
		echo "valgrind: $$t clean"; done

# The unit and integration suites again, with capinit built with ASan and
# UBSan (leak checks off: PID 1 is killed with its namespace, by design).
check-asan: deps
	$(MAKE) O=build-asan BIN=build-asan/capinit SANITIZE=address,undefined \
		HARDEN=0 CFLAGS="-O1 -g" unit integration

# make check: install what the tests need (Debian packages), then run everything.
# Each suite's rules live in mk/SUITE.mk.
check: deps
	$(MAKE) unit
	$(MAKE) check-valgrind
	$(MAKE) lint
	$(MAKE) analyze
	$(MAKE) integration
	$(MAKE) check-bad-profiles
	$(MAKE) check-faults
	$(MAKE) check-load
	$(MAKE) check-static
	$(MAKE) check-packages
	$(MAKE) e2e
	$(MAKE) fuzz

deps:
	tests/deps.sh

demo:
	tests/deps.sh build
	$(MAKE) capinit $(O)/probe
	tests/demo.sh

# Fuzzing (libFuzzer with ASan and UBSan, clang): each target runs over the
# committed corpus and regressions, then FUZZ_TIME seconds of new inputs.
# New inputs go to $(O)/fuzz-corpus, never into the tree; a crash leaves its
# input in $(O)/fuzz-crashes, to be added to tests/fuzz/regressions/TARGET.
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_TARGETS = profile passwd cli
FUZZ_BINS = $(FUZZ_TARGETS:%=$(O)/fuzz_%)
fuzz_corpus_profile = tests/profiles/good tests/profiles/bad conf
fuzz_corpus_passwd = tests/profiles/etc
fuzz_corpus_cli = tests/fuzz/corpus/cli

$(O)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRCS) | $(O)
	$(FUZZ_CC) -D_GNU_SOURCE -DCAPINIT_VERSION='"$(VERSION)"' \
		-DPROFILE_DEFAULT_PATH='"$(PROFILE)"' -Ishim $(DEP_CFLAGS) \
		-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o $@ $< $(LIB_SRCS) $(DEP_LIBS)

fuzz: $(FUZZ_BINS)
	@set -e; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(O)/fuzz-corpus/$$t $(O)/fuzz-crashes/$$t tests/fuzz/regressions/$$t; \
		echo "== fuzz_$$t: corpus, regressions, then $(FUZZ_TIME) s"; \
		case $$t in profile) seeds="$(fuzz_corpus_profile)";; \
			passwd) seeds="$(fuzz_corpus_passwd)";; cli) seeds="$(fuzz_corpus_cli)";; esac; \
		if ! $(O)/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=10 \
			-rss_limit_mb=1024 -artifact_prefix=$(O)/fuzz-crashes/$$t/ \
			$(O)/fuzz-corpus/$$t tests/fuzz/regressions/$$t $$seeds \
			>$(O)/fuzz-$$t.log 2>&1; then \
			tail -40 $(O)/fuzz-$$t.log; exit 1; fi; \
		grep -E '^Done [0-9]+ runs' $(O)/fuzz-$$t.log; \
	done

# Break the code on purpose, one change at a time, and check that a test
# notices each (slow: about 10 minutes; not part of check).
mutation: deps
	tests/mutation.sh

bench: capinit $(HELPERS)
	tests/deps.sh bench
	bench/run.sh

# The examples go to $(CONFDIR)/examples. The profile capinit reads by default
# comes from conf/default.ini only when there is none: neither install nor
# uninstall ever replaces or removes an administrator's profile. Files 0644 in
# 0755 directories: capinit refuses a profile group or others can write.
CONFDIR = $(SYSCONFDIR)/capinit
install: capinit
	install -d -m 0755 $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(CONFDIR)/examples $(DESTDIR)$(dir $(PROFILE))
	install -m 0755 $(BIN) $(DESTDIR)$(SBINDIR)/capinit
	install -m 0644 man/capinit.8 $(DESTDIR)$(MANDIR)/man8/capinit.8
	install -m 0644 man/capinit.ini.5 $(DESTDIR)$(MANDIR)/man5/capinit.ini.5
	install -m 0644 conf/*.ini $(DESTDIR)$(CONFDIR)/examples/
	@if [ -e $(DESTDIR)$(PROFILE) ] || [ -L $(DESTDIR)$(PROFILE) ]; then \
		echo "install: kept the existing $(DESTDIR)$(PROFILE)"; \
	else echo "install -m 0644 conf/default.ini $(DESTDIR)$(PROFILE)"; \
		install -m 0644 conf/default.ini $(DESTDIR)$(PROFILE); fi

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/capinit $(DESTDIR)$(MANDIR)/man8/capinit.8 \
		$(DESTDIR)$(MANDIR)/man5/capinit.ini.5 \
		$(addprefix $(DESTDIR)$(CONFDIR)/examples/,$(notdir $(wildcard conf/*.ini)))
	rmdir $(DESTDIR)$(CONFDIR)/examples 2>/dev/null || true
	@if [ -e $(DESTDIR)$(PROFILE) ]; then \
		echo "uninstall: kept $(DESTDIR)$(PROFILE) (remove it by hand)"; fi

# Man pages: mandoc's lint must be silent (its notes about a missing
# mandoc.db describe this machine, not the pages).
lint:
	@out=$$(mandoc -Tlint -Wstyle man/capinit.8 man/capinit.ini.5 2>&1 | \
		grep -v 'outdated mandoc.db'); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; echo "man pages: lint clean"
	shellcheck -x .ci/run bench/run.sh tests/*.sh tests/integration/*.sh \
		packaging/tests/*.sh packaging/alpine/APKBUILD tests/faults/*.sh \
		packaging/static/*.sh tests/bad-profiles/run.sh tests/load/*.sh \
		tests/e2e/*.sh packaging/docker/entrypoint.sh
	@echo "shell scripts: shellcheck clean"

clean:
	rm -rf $(O) capinit

include $(sort $(wildcard mk/*.mk))

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)
