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

.PHONY: deps build run test test-asan bench clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

run: build
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

bench: build
	@bench/compare.sh

clean:
	rm -rf build
