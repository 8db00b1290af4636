# The two commands of the README: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := run
BUILD_DIR := build/release
DANVAN := $(BUILD_DIR)/bin/danvan
export CCACHE_DIR ?= $(CURDIR)/.ccache
# ccache refuses what uses a precompiled header unless told these are safe (CMake's PCH: -include and .gch);
# paths are taken relative to the checkout, so that two clones or worktrees share hits.
export CCACHE_SLOPPINESS ?= pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_BASEDIR ?= $(CURDIR)

.PHONY: deps app build run test test-asan fuzz bench clean

deps:
	@scripts/install-deps.sh

# What `make run` runs: the server (with its documents module, which it loads) and the web app.
app: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target danvan
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

# Everything else too: the tests and the benchmarks.
build: app
	@cmake --build --preset release

run: app
	@mkdir -p data
	@$(DANVAN) seed demo --if-empty --db sqlite:data/danvan.db --set log.level=warn
	@$(DANVAN) serve --db sqlite:data/danvan.db

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure --timeout 900 -j2

# Unit tests and both integration suites (SQLite; PostgreSQL through scripts/with-postgres.sh) under ASan, UBSan
# and LeakSanitizer: a leak fails its test like a crash. One suppression (tests/lsan.supp): fontconfig's caches,
# which LeakSanitizer cannot see are still referenced; libpq, SOCI and ICU report none.
test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan --target unit_tests integration_tests
	@cd build/asan && n=$$(ctest -N -R '^(unit|integration_sqlite|integration_postgresql)$$' | grep -c 'Test *#'); \
	  [ "$$n" -eq 3 ] || { echo "test-asan: expected 3 test suites, ctest knows $$n"; exit 1; }
	@cd build/asan && ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure --timeout 1800 -j2 -R '^(unit|integration_sqlite|integration_postgresql)$$'

# Each fuzz target (tests/fuzz/) under libFuzzer with ASan and UBSan, from its seed corpus, for FUZZ_SECONDS each
# (default 60; docs/testing.md has the 10-minute figures). New inputs go to build/fuzz/corpus, not the repository.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_http_head fuzz_json_body fuzz_csv_import fuzz_credential
fuzz:
	@scripts/install-deps.sh --fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz --target $(FUZZ_TARGETS)
	@set -o pipefail; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  build/fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
	    build/fuzz/corpus/$$t tests/fuzz/corpus/$$t 2>&1 | tail -12 || exit 1; \
	done

bench: build
	@bench/compare.sh

clean:
	rm -rf build
