# Makefile: the README's commands. The real build is Meson + Ninja (meson.build).
#   make demo   install what is missing, build, create a demo database, serve on :8080
#   make check  install what is missing, build, run every test (also under ASan + UBSan)
#   make bench  the benchmarks of bench/ (needs wrk and nginx; installed on demand)
#   make security  sqlmap and wapiti against the API (installed on demand)

BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= haldus.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps build demo check unit api api-asan asan bench security format clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	@meson setup $(BUILD) --buildtype=debugoptimized >/dev/null

build: deps $(BUILD)/build.ninja
	@ninja -C $(BUILD) | grep -v '^ninja: no work to do' || true
	@test -x $(BUILD)/haldus

demo: build
	@if [ ! -f $(DB) ]; then $(BUILD)/haldus demo --db $(DB); fi
	@echo "haldus: open http://$(LISTEN) (Ctrl-C stops)"
	$(BUILD)/haldus serve --db $(DB) --listen $(LISTEN)

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	@cd tests && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

unit: build
	meson test -C $(BUILD) --print-errorlogs

api: build tests/node_modules/.package-lock.json
	HALDUS_BIN=$(CURDIR)/$(BUILD)/haldus node --test --test-concurrency=2 tests/api/

$(ASAN_BUILD)/build.ninja:
	@meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false >/dev/null

asan: deps $(ASAN_BUILD)/build.ninja tests/node_modules/.package-lock.json
	@ninja -C $(ASAN_BUILD) | grep -v '^ninja: no work to do' || true
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  meson test -C $(ASAN_BUILD) --print-errorlogs
	HALDUS_BIN=$(CURDIR)/$(ASAN_BUILD)/haldus HALDUS_SANITIZED=1 \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  node --test --test-concurrency=2 tests/api/

check: build unit api asan
	@echo "make check: all suites passed"

bench: build
	@scripts/install-deps --bench
	bench/run

security: build
	@scripts/install-deps --security
	scripts/security-scan

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
