# grdp-whatif: the four commands. Each installs what it needs first (idempotent).
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run dist test bench fuzz clean

## make run: build dist/ and serve it on http://127.0.0.1:$(PORT) (Ctrl-C stops)
run: dist
	node scripts/serve.mjs $(PORT) dist

## make dist: build dist/ and exit
dist:
	bash scripts/build.sh

## make test: everything CI checks, failing on the first failure
test:
	bash scripts/test.sh

## make bench: performance figures, printed and written to bench/RESULTS.md
bench:
	bash scripts/bench.sh

## make fuzz: run each cargo-fuzz target for FUZZ_SECONDS (default 60)
fuzz:
	bash scripts/fuzz.sh

clean:
	rm -rf dist target tests/artifacts
