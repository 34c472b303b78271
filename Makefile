# Macro Fund System - the developer entry points. CMake does the building; this file only
# names the loops. Everything lands under build/.
#
#   make          build (release with debug info) into build/release
#   make demo     install what is missing, build (C and the web UI), and show what the system
#                 does today
#   make web      the web UI: npm ci when needed, type-check, vite build into web/dist, and the
#                 first-page bundle budget (scripts/web)
#   make test     install what is missing, start a PostgreSQL test server, build and run the
#                 whole suite twice (normally and under AddressSanitizer +
#                 UndefinedBehaviorSanitizer), stop the server, then the web UI's component
#                 and browser tests (test-web) and a short fuzz run
#   make bench    run the benchmark driver (bench/run)
#   make fmt      format the C sources with clang-format
#   make lint     clang-tidy, cppcheck, the banned-call check and the layer check
#   make fuzz     build the libFuzzer harnesses with clang and run each for FUZZ_SECONDS

MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 30
CMAKE_FLAGS ?=
C_SOURCES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)

.PHONY: all build release asan web demo test test-release test-asan test-web fuzz-build fuzz-smoke fuzz bench fmt lint deps clean

all: build
build: release

deps:
	@scripts/install-deps all

release:
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build build/release -j $(JOBS)

asan:
	@cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DMF_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build build/asan -j $(JOBS)

# The web UI (web/, docs/web.md): Node from the machine, packages from web/package-lock.json.
web:
	@scripts/web build

demo:
	@scripts/install-deps build
	@$(MAKE) --no-print-directory release
	@$(MAKE) --no-print-directory web
	@scripts/demo build/release/mf

# Both passes share one PostgreSQL test server, which scripts/with-test-servers starts and
# always stops (contract/pg/* and unit/store/test_pg read its URL from MF_TEST_PG_URL).
test:
	@scripts/install-deps test
	@scripts/with-test-servers $(MAKE) --no-print-directory test-release test-asan
	@$(MAKE) --no-print-directory test-web
	@$(MAKE) --no-print-directory fuzz-smoke

test-release: release
	@echo "== test suite: release build =="
	@cd build/release && ctest --output-on-failure -j $(JOBS)

test-asan: asan
	@echo "== test suite: AddressSanitizer + UndefinedBehaviorSanitizer build =="
	@cd build/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# Vitest component tests, then Chromium (playwright-core) against a real mf serve.
test-web: release web
	@echo "== web UI: component and browser tests =="
	@scripts/web test build/release/mf

fuzz-build:
	@CC=clang cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DMF_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS)

# A short, bounded run of every fuzzer over its seed corpus: part of make test.
fuzz-smoke: fuzz-build
	@scripts/fuzz build/fuzz 5

fuzz: fuzz-build
	@scripts/fuzz build/fuzz $(FUZZ_SECONDS)

bench: release
	@scripts/install-deps all
	@bench/run build/release

fmt:
	@clang-format -i $(filter src/% tests/% bench/%,$(C_SOURCES))

lint: release
	@scripts/install-deps test
	@scripts/lint build/release

clean:
	rm -rf build
