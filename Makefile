# The two commands of the README: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := run
BUILD_DIR := build/release
DANVAN := $(BUILD_DIR)/bin/danvan
export CCACHE_DIR ?= $(CURDIR)/.ccache

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

test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan --target unit_tests integration_tests
	@cd build/asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -R '^(unit|integration_.*)$$'

bench: build
	@bench/compare.sh

clean:
	rm -rf build
