# Concise: the two set-up commands are `make demo` and `make test` (see README.md).
# Both install what they need: libcbor-dev from Debian (apt) and a Python venv from PyPI.

SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# CI and `make test` treat compiler warnings as errors for the package's own targets.
WERROR := -Xswiftc -warnings-as-errors

.PHONY: all demo bench bench-instructions test deps venv build test-swift test-conformance test-cli test-hostile test-c test-c-valgrind test-c-tsan test-sanitizers test-docs fuzz check-vectors install clean

all: build

## deps: install libcbor-dev with apt when pkg-config cannot find libcbor.
deps:
	@if ! pkg-config --exists libcbor 2>/dev/null; then \
		echo "Installing libcbor-dev (Debian package) ..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcbor-dev pkg-config >/dev/null; \
	fi
	@pkg-config --exists libcbor || { echo "libcbor-dev is still missing" >&2; exit 1; }

## venv: the Python packages the interop tests compare against (scripts/requirements.txt).
venv: $(VENV)/.installed

$(VENV)/.installed: scripts/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements.txt
	touch $@

build: deps
	$(SWIFT) build $(WERROR)

## demo: decode the embedded example, print it, re-encode through both backends.
demo: deps
	$(SWIFT) run --quiet concise demo

## bench: every workload in a release build beside C libcbor, cbor2 and Foundation JSON
## (BENCH_FLAGS=--quick for a run under a minute, --json for JSON).
bench: deps venv
	PYTHON=$(abspath $(PY)) scripts/bench/run.sh $(BENCH_FLAGS)

## bench-instructions: instruction counts (callgrind) of one decode and encode per workload,
## beside the C floor and cbor2, for machines too noisy for timings (several minutes).
bench-instructions: deps venv
	PYTHON=$(abspath $(PY)) scripts/bench/instructions.sh

## test: every test: vectors regenerated with the real cbor2 and compared, the Swift suite,
## and the C interface from a C program and from Python ctypes.
test: deps venv check-vectors test-swift test-conformance test-cli test-hostile test-c test-sanitizers test-docs fuzz

check-vectors: venv
	PYTHON=$(abspath $(PY)) scripts/vectors/check.sh

## test-swift: the Swift suite; the JSON it writes for the Concrete ML goldens is then loaded
## by Concrete ML's own ConcreteDecoder (scripts/concrete/check_output.py).
test-swift: deps venv
	$(SWIFT) build --build-tests $(WERROR)
	CONCISE_CONCRETE_OUTPUT=$(abspath .build/concrete-swift-output.json) $(SWIFT) test --skip-build
	$(PY) scripts/concrete/check_output.py Tests/ConciseTests/Resources/concrete-goldens.json .build/concrete-swift-output.json

## test-cli: `concise diag` read back by cbor-diag's EDN parser (PyPI) to the same data items;
## `concise to-json` and `from-json` byte for byte against the real `python -m cbor2.tool`;
## `concise canonical` against cbor2's `canonical=True`.
test-cli: deps venv
	$(SWIFT) build --product concise $(WERROR)
	$(PY) Tests/Python/test_diag_cbor_diag.py $$($(SWIFT) build --show-bin-path)/concise
	$(PY) Tests/Python/test_to_json.py $$($(SWIFT) build --show-bin-path)/concise
	$(PY) Tests/Python/test_from_json.py $$($(SWIFT) build --show-bin-path)/concise
	$(PY) Tests/Python/test_canonical.py $$($(SWIFT) build --show-bin-path)/concise

## test-sanitizers: the whole suite under AddressSanitizer (leaks included), the concurrency
## tests under ThreadSanitizer.
test-sanitizers: deps venv
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/asan
	LSAN_OPTIONS=suppressions=$(abspath scripts/sanitizers/lsan.supp) \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build/asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/tsan
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build/tsan --filter ConcurrencyTests

## fuzz: every libFuzzer target for FUZZ_SECONDS (30) each, seeded from the test vectors.
FUZZ_SECONDS ?= 30
fuzz: deps venv
	FUZZ_SECONDS=$(FUZZ_SECONDS) PYTHON=$(abspath $(PY)) scripts/fuzz/run.sh

## test-conformance: concise-conformance against the cbor2-generated suite (Tests/Conformance);
## tuples, frozen maps and frozensets must match cbor2's too (--strict-frozen).
test-conformance: deps venv
	$(SWIFT) build --product concise-conformance $(WERROR)
	$(PY) scripts/conformance/runner.py --strict-frozen $$($(SWIFT) build --show-bin-path)/concise-conformance

## test-docs: the DocC catalogs of Concise and ConcreteJSON built with warnings as errors, so
## every symbol link in the articles and doc comments resolves to one symbol (.build-docs).
test-docs: deps
	scripts/docs/check.sh

## test-hostile: hostile input, one process per case, error codes and peak memory checked.
test-hostile: deps venv
	$(SWIFT) build --product concise-conformance $(WERROR)
	$(PY) Tests/Python/test_hostile.py $$($(SWIFT) build --show-bin-path)/concise-conformance

## The C interface: libconcise.so with the Swift runtime linked in, only concise_* exported.
PREFIX ?= /usr/local
VERSION := 0.1.0
CLIB := .build/release/libConciseC.so
CHEADER := Sources/CConcise/include/concise.h

$(CLIB): deps $(shell find Sources/Concise Sources/ConcreteJSON Sources/ConciseCLI Sources/ConciseC Sources/CConcise -type f)
	$(SWIFT) build -c release --product ConciseC -Xswiftc -static-stdlib $(WERROR)

test-c: $(CLIB) venv
	mkdir -p .build/c-tests
	printf '#include <concise.h>\n#include <concise.h>\nint main(void) { return concise_version() == 0; }\n' > .build/c-tests/header.c
	gcc -std=c99 -Wall -Wextra -pedantic -Werror -fsyntax-only -I$(dir $(CHEADER)) .build/c-tests/header.c
	if command -v g++ >/dev/null; then g++ -std=c++11 -Wall -Wextra -pedantic -Werror -fsyntax-only -x c++ -I$(dir $(CHEADER)) .build/c-tests/header.c; fi
	ln -sf $(abspath $(CLIB)) .build/c-tests/libconcise.so
	gcc -O1 -Wall -Wextra -Werror -o .build/c-tests/test_concise Tests/C/test_concise.c \
		-I$(dir $(CHEADER)) -L.build/c-tests -lconcise -lpthread -Wl,-rpath,$(abspath .build/c-tests)
	.build/c-tests/test_concise
	gcc -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -Wall -Wextra -Werror -o .build/c-tests/test_concise_asan \
		Tests/C/test_concise.c -I$(dir $(CHEADER)) -L.build/c-tests -lconcise -lpthread -Wl,-rpath,$(abspath .build/c-tests)
	ASAN_OPTIONS=allocator_may_return_null=1 UBSAN_OPTIONS=halt_on_error=1 .build/c-tests/test_concise_asan
	$(PY) Tests/Python/test_ctypes.py .build/c-tests/libconcise.so

## test-c-tsan: the C tests against a libconcise.so built with ThreadSanitizer (not part of
## `make test`: a second release build). The toolchain's clang links its TSan runtime, which
## needs the toolchain's libdispatch and BlocksRuntime.
SWIFT_TOOLCHAIN_BIN = $(dir $(realpath $(shell command -v swiftc)))
test-c-tsan: deps
	$(SWIFT) build -c release --product ConciseC --sanitize=thread --scratch-path .build/tsan-c $(WERROR)
	mkdir -p .build/tsan-c/c-tests
	ln -sf $(abspath .build/tsan-c/release/libConciseC.so) .build/tsan-c/c-tests/libconcise.so
	$(SWIFT_TOOLCHAIN_BIN)clang -g -O1 -fsanitize=thread -o .build/tsan-c/c-tests/test_concise Tests/C/test_concise.c \
		-I$(dir $(CHEADER)) -L.build/tsan-c/c-tests -lconcise -lpthread -L$(SWIFT_TOOLCHAIN_BIN)../lib/swift/linux \
		-ldispatch -lBlocksRuntime -Wl,-rpath,$(abspath .build/tsan-c/c-tests) -Wl,-rpath,$(SWIFT_TOOLCHAIN_BIN)../lib/swift/linux
	TSAN_OPTIONS=halt_on_error=1:allocator_may_return_null=1 CONCISE_STRESS_SECONDS=5 .build/tsan-c/c-tests/test_concise

## test-c-valgrind: the C tests under valgrind (about a minute; not part of `make test`).
test-c-valgrind: test-c
	CONCISE_STRESS_SECONDS=1 valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		.build/c-tests/test_concise

## install: libconcise.so, concise.h and concise.pc under PREFIX (default /usr/local).
install: $(CLIB)
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include
	install -m 755 $(CLIB) $(DESTDIR)$(PREFIX)/lib/libconcise.so
	strip --strip-unneeded $(DESTDIR)$(PREFIX)/lib/libconcise.so
	install -m 644 $(CHEADER) $(DESTDIR)$(PREFIX)/include/concise.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' Sources/ConciseC/concise.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/concise.pc

clean:
	rm -rf .build $(VENV)
