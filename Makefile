# Thin wrapper over CMake. `make demo` and `make test` do all set-up.
BUILD ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
WTOVOTE = $(BUILD)/cli/wtovote

.PHONY: all build with-tests browser-deps test demo deps deps-test sanitize tsan valgrind fuzz install clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

# A first configure leaves the tests out, so that `make demo` needs no test
# dependency (cmocka); the test targets switch them on in the same build
# directory, so nothing is compiled twice.
$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWV_TESTS=OFF $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

with-tests: deps-test $(BUILD)/CMakeCache.txt browser-deps
	cmake -S . -B $(BUILD) -DWV_TESTS=ON >/dev/null

# The browser tests' npm packages (tests/browser/package-lock.json, exactly)
# in $(BUILD)/browser/node_modules; again only when the lockfile changed.
browser-deps: deps-test $(BUILD)/browser/node_modules/.wv-lock

$(BUILD)/browser/node_modules/.wv-lock: tests/browser/package.json tests/browser/package-lock.json
	mkdir -p $(BUILD)/browser
	cp tests/browser/package.json tests/browser/package-lock.json $(BUILD)/browser/
	cd $(BUILD)/browser && npm ci --no-audit --no-fund --ignore-scripts
	cp tests/browser/package-lock.json $@

test: with-tests
	cmake --build $(BUILD) -j $(JOBS)
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) $(CTEST_FLAGS)

demo: build
	$(WTOVOTE) demo --out demo-out

# The same tests under AddressSanitizer + UndefinedBehaviorSanitizer.
sanitize:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DWV_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug"

# The server's tests (label serve) under ThreadSanitizer: every thread of
# serve/ (HTTP, committer, event streams) against the shared state.
tsan: deps-test
	cmake -S . -B build-tsan -DWV_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-tsan -j $(JOBS)
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --test-dir build-tsan -L serve --output-on-failure -j $(JOBS) $(CTEST_FLAGS)

# Unit tests, vectors and fuzz corpora under valgrind (memcheck). The crash
# tests are left out: they SIGKILL a writer 1-31 ms after it starts, which
# under valgrind is before it has acknowledged anything, so they fail for
# lack of time, not for a memory error; the sanitizer run covers them.
valgrind: with-tests
	cmake --build $(BUILD) -j $(JOBS)
	ctest --test-dir $(BUILD) -T memcheck -L 'unit|vectors|fuzz' -E '_crash$$' -j $(JOBS) --output-on-failure $(CTEST_FLAGS)

# libFuzzer builds of every fuzz target (clang).
fuzz: deps-test
	CC=clang cmake -S . -B build-fuzz -DWV_FUZZ=ON -DWV_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-fuzz -j $(JOBS)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf build build-asan build-fuzz build-tsan
