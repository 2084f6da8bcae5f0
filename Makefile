# Makefile: the README's commands. The real build is Meson + Ninja (meson.build).
#   make demo   install what is missing, build, create a demo database, serve on :8080
#   make check  install what is missing, build, run every test: unit, the web catalogs (i18n),
#               API, browser, and the
#               unit and API suites again under ASan + UBSan
#   make bench  the benchmarks of bench/: the server (needs wrk and nginx; installed on
#               demand), the planner (bench_plan: quality against GLPK, scale, incremental)
#               and people search (bench_search, in-process, over 8,000 people), the pick
#               list of a cover (bench_picklist, in-process, 3,000/5,000 demo), find-a-time
#               and calendar feeds (bench_meeting, in-process), training needs (bench_training,
#               in-process, 3,000/5,000 demo), the outbox (bench/mail-bench:
#               10,000 mails to a local SMTP server) and the pool-wide assignment
#               (bench_assign: against scipy, and the 5,000 x 3,000 pool), the planner
#               through `haldus coverage plan` (bench/plan-requests: demo months, a year)
#   make security  sqlmap and wapiti against the API (installed on demand)

BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= haldus.db
LISTEN     ?= 127.0.0.1:8080

.PHONY: all deps cbuild web build demo check unit api e2e asan bench security format clean i18n

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	@meson setup $(BUILD) --buildtype=debugoptimized >/dev/null

# The C binary alone (the first pass of `build`: the web app needs its `haldus openapi`).
cbuild: deps $(BUILD)/build.ninja
	@ninja -C $(BUILD) >$(BUILD)/ninja.log 2>&1 || { cat $(BUILD)/ninja.log; exit 1; }

# The web app: built with npm and Vite into web/dist, which the build embeds in the binary. Its
# API types come from the server's own OpenAPI document: `haldus openapi` writes it into
# web/src/gen/ (not committed; rewritten only when it changes), and `npm run build` turns it
# into TypeScript (openapi-typescript) before type-checking and bundling.
WEB_GEN  := web/src/gen
WEB_API  := $(WEB_GEN)/openapi.json
WEB_DIST := web/dist/index.html
WEB_SRC := $(shell find web/src web/public -path $(WEB_GEN) -prune -o -type f -print 2>/dev/null) $(wildcard web/index.html web/vite.config.* web/tsconfig*.json web/package.json)

$(WEB_API): cbuild
	@mkdir -p $(WEB_GEN)
	@$(BUILD)/haldus openapi >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(WEB_DIST): $(WEB_SRC) web/package-lock.json $(WEB_API)
	@cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run --silent build >/dev/null
	@test -f $@

web: $(if $(wildcard web/package.json),$(WEB_DIST))

# Quiet when it works; the whole compiler output when it does not. The second ninja embeds the
# web app just built (the assets target is always stale).
build: cbuild web
	@ninja -C $(BUILD) >$(BUILD)/ninja.log 2>&1 || { cat $(BUILD)/ninja.log; exit 1; }

demo: build
	@if [ ! -f $(DB) ]; then $(BUILD)/haldus demo --db $(DB); fi
	@echo "haldus: open http://$(LISTEN) (Ctrl-C stops)"
	$(BUILD)/haldus serve --db $(DB) --listen $(LISTEN)

# The sign-in throttling tests measure a 2-second window on the server's clock: they run on their
# own, after the rest, so that a neighbour planning a large organisation cannot starve them.
API_ALONE    := tests/api/access.test.mjs
API_PARALLEL := $(filter-out $(API_ALONE),$(wildcard tests/api/*.test.mjs))

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	@cd tests && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

unit: build
	meson test -C $(BUILD) --print-errorlogs

api: build tests/node_modules/.package-lock.json
	HALDUS_BIN=$(CURDIR)/$(BUILD)/haldus node --test --test-concurrency=2 $(API_PARALLEL)
	HALDUS_BIN=$(CURDIR)/$(BUILD)/haldus node --test $(API_ALONE)

# The web app's message catalogs against its sources, and its size (tests/web).
i18n: build
	node --test tests/web/

e2e: build tests/node_modules/.package-lock.json
	HALDUS_BIN=$(CURDIR)/$(BUILD)/haldus node --test --test-concurrency=2 tests/e2e/

$(ASAN_BUILD)/build.ninja:
	@meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false >/dev/null

asan: deps web $(ASAN_BUILD)/build.ninja tests/node_modules/.package-lock.json
	@ninja -C $(ASAN_BUILD) >$(ASAN_BUILD)/ninja.log 2>&1 || { cat $(ASAN_BUILD)/ninja.log; exit 1; }
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  meson test -C $(ASAN_BUILD) --print-errorlogs
	HALDUS_BIN=$(CURDIR)/$(ASAN_BUILD)/haldus HALDUS_SANITIZED=1 \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  node --test --test-concurrency=2 $(API_PARALLEL)
	HALDUS_BIN=$(CURDIR)/$(ASAN_BUILD)/haldus HALDUS_SANITIZED=1 \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  node --test $(API_ALONE)

check: build unit i18n api $(if $(wildcard tests/e2e),e2e) asan
	@echo "make check: all suites passed"

bench: build
	@scripts/install-deps --bench
	bench/run
	$(BUILD)/bench_plan all
	@d=$$(mktemp -d) && $(BUILD)/haldus demo --assistants 3000 --principals 5000 \
	  --db $$d/search.db >/dev/null && $(BUILD)/bench_search $$d/search.db; s=$$?; rm -rf $$d; exit $$s
	@d=$$(mktemp -d) && $(BUILD)/haldus demo --assistants 3000 --principals 5000 \
	  --db $$d/pick.db >/dev/null && $(BUILD)/bench_picklist $$d/pick.db; s=$$?; rm -rf $$d; exit $$s
	@d=$$(mktemp -d) && $(BUILD)/bench_meeting $$d; s=$$?; rm -rf $$d; exit $$s
	@d=$$(mktemp -d) && $(BUILD)/bench_recruit $$d; s=$$?; rm -rf $$d; exit $$s
	HALDUS_BIN=$(CURDIR)/$(BUILD)/haldus node bench/careers-pdf.mjs
	@d=$$(mktemp -d) && $(BUILD)/haldus demo --assistants 3000 --principals 5000 \
	  --db $$d/training.db >/dev/null && $(BUILD)/bench_training $$d/training.db; s=$$?; rm -rf $$d; exit $$s
	HALDUS_BIN=$(CURDIR)/$(BUILD)/haldus bench/mail-bench
	HALDUS_SOURCE_ROOT=$(CURDIR) $(BUILD)/bench_assign square
	$(BUILD)/bench_assign pool
	HALDUS_BIN=$(CURDIR)/$(BUILD)/haldus bench/plan-requests

security: build
	@scripts/install-deps --security
	scripts/security-scan

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
