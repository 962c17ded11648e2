# disclosure - Word-XML budget disclosures to XLSX, PDF and JSON.
#
#   make            build build/disclosure
#   make deps       install the Debian packages below (apt-get, when missing)
#   make test       deps + build + unit and end-to-end tests
#   make demo       deps + build + convert the bundled sample into out/
#   make asan       the tests under AddressSanitizer and UBSan (build-asan/)
#   make fuzz       libFuzzer harnesses for FUZZ_SECONDS each (build-fuzz/)
#   make fuzz-long  the same for FUZZ_LONG_SECONDS (600) each; corpus kept in build-fuzz/corpus
#   make external   reader agreement over ../shared/external against pandoc and LibreOffice
#   make bench      benchmarks, written to docs/benchmarks.md
#   make test-cluster  the README's Slurm job-array recipe on a single-node Slurm
#                   started for the test (slurm-wlm, munge; docs/batch.md)
#   make install PREFIX=/usr/local [DESTDIR=]
#   make clean
#
# Quiet unless V=1.

# ---- the one list of system packages (Debian 12) ------------------------
DEPS_BUILD := gcc make pkg-config libxml2-dev libminizip-dev zlib1g-dev libdeflate-dev \
              libxlsxwriter-dev libhpdf-dev libharfbuzz-dev libfontconfig-dev \
              libcmocka-dev libmicrohttpd-dev xxd
DEPS_RUN   := fontconfig fonts-arphic-gbsn00lp fonts-arphic-gkai00mp \
              fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei \
              fonts-lxgw-wenkai icc-profiles-free
DEPS_TEST  := python3 python3-openpyxl python3-pdfminer poppler-utils qpdf libreoffice-calc-nogui time \
              fonts-droid-fallback fonts-crosextra-carlito python3-docx libreoffice-writer-nogui \
              valgrind parallel chromium chromium-driver python3-selenium
DEPS_ASAN  := clang libclang-rt-14-dev
DEPS_CLUSTER := slurm-wlm munge
DEPS_EXTRA := pandoc libreoffice-writer-nogui hyperfine \
              linux-perf
DEPS       := $(DEPS_BUILD) $(DEPS_RUN) $(DEPS_TEST)

# ---- build settings -----------------------------------------------------
BUILD    ?= build
CC       ?= cc
OPT      ?= -O2 -g
SANITIZE ?=
PREFIX   ?= /usr/local
VERSION  := 0.1.0

PKGS     := libxml-2.0 minizip xlsxwriter harfbuzz-subset fontconfig zlib libmicrohttpd libdeflate
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Werror
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(WARN) $(OPT) $(SANITIZE) \
             -DDC_VERSION='"$(VERSION)"' -I. $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(SANITIZE) $(LDFLAGS) $(PKG_LIBS) -lhpdf -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

SHELL := /bin/bash

# The library: readers, model, writers and what joins them; no cmd/ object.
LIB_SRC  := $(sort $(wildcard model/*.c converters/*.c converters/*/*.c fonts/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
# The command line (argument parsing, printing, exit codes) over the library;
# the submission desk's page (cmd/serve_page.html) is embedded as a C array.
PAGE_OBJ := $(BUILD)/obj/gen/serve_page.o
CMD_SRC  := $(sort $(filter-out cmd/main.c,$(wildcard cmd/*.c)))
CMD_OBJ  := $(CMD_SRC:%.c=$(BUILD)/obj/%.o) $(PAGE_OBJ)
MAIN_OBJ := $(BUILD)/obj/cmd/main.o
# The tests' build of the binary: the same commands plus test hooks.
HOOKS_OBJ := $(BUILD)/obj/tests/hooks/disclosure_test.o
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/replay/fuzz_%)
FUZZ_SECONDS ?= 30
FUZZ_LONG_SECONDS ?= 600
# FUZZ_ONLY="xlsx recognize" runs only those harnesses (make fuzz / fuzz-long)
FUZZ_ONLY ?=
FUZZ_RUN := $(if $(strip $(FUZZ_ONLY)),$(FUZZ_ONLY),$(FUZZ_NAMES))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB      := $(BUILD)/libdisclosure.a
BIN      := $(BUILD)/disclosure
TEST_BIN := $(BUILD)/disclosure-test

.PHONY: all deps deps-asan deps-extra deps-cluster test-cluster test test-unit test-e2e test-replay demo asan fuzz \
        fuzz-long fuzz-run external bench install clean valgrind

all: $(BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/gen/serve_page.c: cmd/serve_page.html
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  XXD     $<"
	$(Q)(cd cmd && xxd -i serve_page.html) > $@.tmp && mv $@.tmp $@

$(PAGE_OBJ): $(BUILD)/gen/serve_page.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@[ "$(V)" = 1 ] || echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(CMD_OBJ) $(LIB)
	@[ "$(V)" = 1 ] || echo "  LINK    $@"
	$(Q)$(CC) -o $@ $(MAIN_OBJ) $(CMD_OBJ) $(LIB) $(LDLIBS_ALL)

$(TEST_BIN): $(HOOKS_OBJ) $(CMD_OBJ) $(LIB)
	@[ "$(V)" = 1 ] || echo "  LINK    $@"
	$(Q)$(CC) -o $@ $(HOOKS_OBJ) $(CMD_OBJ) $(LIB) $(LDLIBS_ALL)

# Unit tests may test cmd/ code too (the batch's naming and reports).
$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(CMD_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  TEST-CC $<"
	$(Q)$(CC) $(CFLAGS_ALL) -Wno-unused-parameter -o $@ $< $(CMD_OBJ) $(LIB) $(LDLIBS_ALL) -lcmocka

# Fuzz harnesses built with a plain main() to replay kept inputs in `make test`.
$(BUILD)/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h tests/fuzz/standalone.c $(LIB)
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  REPLAY  $<"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< tests/fuzz/standalone.c $(LIB) $(LDLIBS_ALL)

# libFuzzer harnesses (make fuzz builds these in build-fuzz/ with clang).
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(LIB)
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  FUZZ-CC $<"
	$(Q)$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(LIB) $(LDLIBS_ALL)

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(HOOKS_OBJ:.o=.d)

# ---- dependencies -------------------------------------------------------
# Installs whatever of the list is missing; apt-get as root, else sudo.
define apt_install
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing \
	    >/dev/null || { echo "deps: apt-get failed for:" $$missing >&2; exit 1; }; \
	fi
endef

deps:
	$(call apt_install,$(DEPS))

deps-asan: deps
	$(call apt_install,$(DEPS_ASAN))

deps-extra: deps
	$(call apt_install,$(DEPS_EXTRA))

deps-cluster: deps
	$(call apt_install,$(DEPS_CLUSTER))

# ---- tests --------------------------------------------------------------
TEST_ENV = DISCLOSURE_BIN=$(abspath $(BIN)) DISCLOSURE_TEST_BIN=$(abspath $(TEST_BIN)) BUILD=$(BUILD) \
           SHARED=$(abspath ../shared) PYTHON=/usr/bin/python3

test: deps
	$(Q)$(MAKE) --no-print-directory $(BIN) $(TEST_BIN) $(UNIT_BIN) $(REPLAY_BIN)
	$(Q)$(MAKE) --no-print-directory test-unit test-replay test-e2e

# Replays every kept fuzz input (crashers found so far, and the seeds).
test-replay: $(REPLAY_BIN)
	$(Q)set -e; for n in $(FUZZ_NAMES); do \
	  files=$$(ls tests/fuzz/regressions/$$n/* tests/fuzz/seeds/$$n/* 2>/dev/null || true); \
	  [ -z "$$files" ] && continue; \
	  printf '  REPLAY  %s: ' "$$n"; $(BUILD)/replay/fuzz_$$n $$files; \
	done

test-unit: $(UNIT_BIN)
	$(Q)set -e; for t in $(UNIT_BIN); do \
	  echo "  UNIT    $$t"; \
	  (cd tests/data && $(TEST_ENV) ../../$$t) || exit 1; \
	done

test-e2e: $(BIN) $(TEST_BIN)
	$(Q)$(TEST_ENV) tests/run-e2e

# Slurm job array over 3 shards + summarize as a dependent job against an
# unsharded batch (tests/cluster/run.sh).  Exit 77 there = Slurm cannot run on
# this machine: the reason is printed and the target passes unless
# CLUSTER_REQUIRED=1.
test-cluster: deps-cluster
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(Q)$(TEST_ENV) tests/cluster/run.sh; rc=$$?; \
	if [ $$rc = 77 ] && [ "$(CLUSTER_REQUIRED)" != 1 ]; then exit 0; fi; exit $$rc

demo: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(BIN) convert tests/data/yongqing-eco-2021.docx -o out
	$(BIN) check tests/data/yongqing-eco-2021.docx
	@echo "demo: wrote out/yongqing-eco-2021.xlsx and out/yongqing-eco-2021.pdf"

asan: deps-asan
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan CC=clang OPT='-O1 -g -fno-omit-frame-pointer' \
	  SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=all' \
	  test-unit-asan

test-unit-asan:
	$(Q)$(MAKE) --no-print-directory $(BIN) $(TEST_BIN) $(UNIT_BIN) $(REPLAY_BIN)
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(MAKE) --no-print-directory test-unit test-replay test-e2e

# libFuzzer: every harness for FUZZ_SECONDS, seeded from tests/fuzz/seeds and
# the kept regressions; a crash, leak or sanitizer report fails the target and
# leaves the input in build-fuzz/artifacts/ (keep it in tests/fuzz/regressions/).
fuzz: deps-asan
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT='-O1 -g -fno-omit-frame-pointer' \
	  SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=all' \
	  CFLAGS='-fsanitize=fuzzer-no-link' fuzz-run

# The long run (docs/fuzzing.md): FUZZ_LONG_SECONDS (600) per harness; the
# corpus grows in build-fuzz/corpus/NAME between runs (not in git).
fuzz-long:
	$(Q)$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_LONG_SECONDS)

fuzz-run: $(FUZZ_RUN:%=$(BUILD)/fuzz/fuzz_%)
	$(Q)set -e; mkdir -p $(BUILD)/artifacts; for n in $(FUZZ_RUN); do \
	  mkdir -p $(BUILD)/corpus/$$n; \
	  echo "  FUZZ    $$n for $(FUZZ_SECONDS) s"; \
	  $(BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 \
	    -max_len=$$(case $$n in read|zip|flat) echo 1048576;; amount) echo 256;; *) echo 65536;; esac) \
	    -artifact_prefix=$(BUILD)/artifacts/$$n- -print_final_stats=0 \
	    $(BUILD)/corpus/$$n $$(ls -d tests/fuzz/seeds/$$n tests/fuzz/regressions/$$n 2>/dev/null) \
	    2>&1 | grep -E '(INITED|DONE) cov|^Done |ERROR|SUMMARY|Test unit written|^artifact'; \
	  [ $${PIPESTATUS[0]} -eq 0 ] || { echo "fuzz: $$n failed; see $(BUILD)/artifacts"; exit 1; }; \
	done

valgrind: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(Q)DISCLOSURE_BIN=$(BIN) SHARED=../shared tests/valgrind.sh

external: deps-extra
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(Q)/usr/bin/python3 tests/external.py --bin $(BIN) --shared ../shared --cache $(BUILD)/external

$(BUILD)/bench/bench: tests/bench/bench.c $(LIB)
	@mkdir -p $(dir $@)
	@[ "$(V)" = 1 ] || echo "  BENCH-CC $<"
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDLIBS_ALL)

bench: deps-extra
	$(Q)$(MAKE) --no-print-directory $(BIN) $(BUILD)/bench/bench
	$(Q)BIN=$(BIN) BENCH=$(BUILD)/bench/bench tests/bench/run.sh docs/benchmarks.md

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/disclosure
	install -m 644 docs/disclosure.1 $(DESTDIR)$(PREFIX)/share/man/man1/disclosure.1

clean:
	rm -rf build build-asan build-fuzz build-bench out
