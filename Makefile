# Concise: the two set-up commands are `make demo` and `make test` (see README.md).
# Both install what they need: libcbor-dev from Debian (apt) and a Python venv from PyPI.

SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# CI and `make test` treat compiler warnings as errors for the package's own targets.
WERROR := -Xswiftc -warnings-as-errors

.PHONY: all demo test deps venv build test-swift check-vectors clean

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
	$(SWIFT) run --quiet concise-demo

## test: every test: vectors regenerated with the real cbor2 and compared, then the Swift suite.
test: deps venv check-vectors test-swift

check-vectors: venv
	PYTHON=$(abspath $(PY)) scripts/vectors/check.sh

test-swift: deps
	$(SWIFT) build --build-tests $(WERROR)
	$(SWIFT) test --skip-build

clean:
	rm -rf .build $(VENV)
