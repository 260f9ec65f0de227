# sangkien: build, run and test. PocketBase v0.40 needs Go 1.27; machines
# with an older Go and GOTOOLCHAIN=local fetch it through the module proxy.
export GOTOOLCHAIN := go1.27.3

.PHONY: run demo build test test-rest test-hooks test-e2e test-unit test-browser bench bench-search bench-city bench-deadline deps deps-browser deps-docs tidy-check vendor-sdk weights

# HTTP is where the server listens; HTTP=0.0.0.0:8090 serves the ward's network.
HTTP ?= 127.0.0.1:8090

# run: build, then start the program on ./pb_data (embedded SQLite, seeded ward).
run: build
	./sangkien serve --http $(HTTP)

# DEMO_DIR is the data folder make demo fills; it must hold no initiatives.
DEMO_DIR ?= pb_data

# demo: fill $(DEMO_DIR) with a believable ward and print its accounts, then
# serve it. On a folder that already holds data the demo command says so
# and what to run instead, and make stops (exit status 2) without serving.
demo: build
	./sangkien demo --dir $(DEMO_DIR)
	./sangkien serve --dir $(DEMO_DIR) --http $(HTTP)

# build: the whole program in one binary (pages embedded).
build:
	go build -o sangkien .

# test: everything, including the browser and document tests (installs
# Chromium, LibreOffice and a C compiler for the race detector if
# missing): every package under the race detector, as three jobs two at a
# time (each job's output together; three at once overloaded the 2 cores
# and the browser tests' waits ran out). The two longest start first: the
# hooks package, which keeps both cores busy, beside the browser tests,
# which mostly wait on Chromium; the other packages follow the browser
# tests, so the last minutes run two busy jobs instead of the browser
# tests alone beside an idle core. Independent tests run in parallel
# within their package (t.Parallel: each has its own app, its own clock),
# four at a time in the hooks package: its tests wait on their servers,
# and two at a time left a core idle.
# TEST_JOBS=3 runs the three jobs at once: 9 min 00 s against 8 min 58 s
# for two at a time (7/12/2026, one run each, nothing else running): the
# run is bound by CPU, so more jobs at once gain nothing. Likewise
# HOOKS_PARALLEL=8: 9 min 11 s against 8 min 40 s for four (7/12/2026
# 22:37 and 22:48 UTC, one run each, nothing else running).
TEST_JOBS ?= 2
HOOKS_PARALLEL ?= 4
test: deps deps-docs tidy-check
	go vet ./...
	$(MAKE) -j$(TEST_JOBS) --output-sync=target test-hooks test-e2e test-rest

# RACE runs tests under the race detector. Every package of this
# repository, PocketBase and the other Go libraries is instrumented; two
# are compiled without it, because they start no goroutines of their own
# and cost most of the time under it: modernc.org's SQLite (C translated
# to Go: every byte SQLite touches became a checked access) and
# golang.org/x/crypto (bcrypt's key schedule, run for every password the
# fixtures set). Without the two, a sample of the hooks tests took 10 s
# of CPU instead of 34 s, and the whole package 5.4 min instead of over
# 16. The memory our code and PocketBase's read and write is still
# checked, and so are the locks SQLite's driver takes (package sync).
RACE := go test -race -count=1 -timeout 30m \
	-gcflags='modernc.org/...=-race=false' -gcflags='golang.org/x/crypto/...=-race=false'

# test-rest: every package but hooks and e2e.
test-rest:
	$(RACE) $$(go list ./... | grep -v -e '/hooks$$' -e '/e2e$$')

# test-hooks: the hooks package (the process rules, routes and commands).
test-hooks:
	$(RACE) -parallel $(HOOKS_PARALLEL) ./hooks/

# test-e2e: the pages in Chromium, against the server in the test process
# (so the server's code runs under the race detector as the pages use it).
test-e2e:
	$(RACE) ./e2e/

# tidy-check: fails, showing the difference, when go mod tidy would change
# go.mod or go.sum (a dependency marked indirect, one no longer used).
tidy-check:
	go mod tidy -diff

# test-unit: everything but the browser tests.
test-unit:
	$(MAKE) -j2 --output-sync=target test-rest test-hooks

# test-browser: the pages in Debian's Chromium (set SANGKIEN_SCREENSHOTS=dir
# to keep screenshots of the start page at desktop and phone width).
test-browser: deps-browser
	go test -count=1 ./e2e/

# SUDO is sudo when not root (apt-get needs root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# deps: what the tests need beyond Go, from Debian: Chromium for the
# browser tests, gcc for the race detector (cgo).
deps: deps-browser
	@command -v gcc >/dev/null 2>&1 || { \
		echo "installing gcc (Debian), for go test -race"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev >/dev/null; }

# deps-browser: Debian's Chromium for the browser tests.
deps-browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (Debian)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# bench: the Excel export benchmark against a raw excelize stream write.
bench:
	go test -run '^$$' -bench 'Export' -benchmem -benchtime 1x -timeout 30m ./internal/report/

# bench-search: search and similarity checks over 50,000 initiatives of
# ten years (README "Benchmark: 50,000 initiatives over ten years").
bench-search:
	go test -run '^$$' -bench 'Search50k' -benchtime 1x -timeout 90m ./hooks/

# CITY_DIR is bench-city's work folder: the grown ward is kept there
# between runs (CITY_ARGS=-fresh grows it again, as does another -n than it
# was grown to; -dur 5s measures longer).
CITY_DIR ?= /tmp/sangkien-city
CITY_ARGS ?=

# bench-city: the demo ward grown to 20,000 initiatives, served by the
# program, by a bare PocketBase with the program's rules and by the same
# with a plain rule, one after the other on loopback; prints the table of
# README "Benchmark: a city's 20,000 initiatives" (issue 19).
bench-city: build
	mkdir -p $(CITY_DIR)
	go build -o $(CITY_DIR)/barepb ./internal/bench/barepb
	go run ./internal/bench/city -dir $(CITY_DIR) -program ./sangkien -bare $(CITY_DIR)/barepb $(CITY_ARGS)

# DEADLINE_DIR is bench-deadline's work folder: the demo ward with its
# 200 added staff is kept there (DEADLINE_ARGS=-fresh makes it again, as
# does another -staff than it was made with; -ramp, -pdf, -limit change
# the day).
DEADLINE_DIR ?= /tmp/sangkien-deadline
DEADLINE_ARGS ?=

# bench-deadline: the deadline day on loopback (README "Benchmark: the
# deadline day"): 200 staff sign in, write, attach a 200 KB PDF and submit
# over 3 minutes while the unit heads endorse and the secretariat watches
# the overview and realtime; the server's memory sampled. Bounded by
# -limit (10 min). Its smoke test runs in make test.
bench-deadline: build
	go run ./internal/bench/deadline -dir $(DEADLINE_DIR) -program ./sangkien $(DEADLINE_ARGS)

# deps-docs: Debian's LibreOffice (headless) and poppler for the document
# tests (each .xlsx/.docx printed to PDF and read back, internal/lotest);
# SANGKIEN_SKIP_DOCS=1 skips those tests instead.
deps-docs:
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
		echo "installing libreoffice (headless) and poppler-utils (Debian), for the document tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation fonts-liberation2 >/dev/null; }

# vendor-sdk: the official PocketBase JS SDK (npm `pocketbase`), its ES
# module build copied into pb_public/vendor/pocketbase/ with its licence and
# version (no build step; the pages import it as /vendor/pocketbase/pocketbase.es.mjs).
# Change PB_SDK_VERSION and run `make vendor-sdk` to refresh it.
PB_SDK_VERSION := 0.28.1
vendor-sdk:
	rm -rf .vendor-sdk && mkdir -p .vendor-sdk pb_public/vendor/pocketbase
	cd .vendor-sdk && npm pack --silent pocketbase@$(PB_SDK_VERSION) >/dev/null && tar xzf pocketbase-$(PB_SDK_VERSION).tgz
	cp .vendor-sdk/package/dist/pocketbase.es.mjs .vendor-sdk/package/dist/pocketbase.es.mjs.map pb_public/vendor/pocketbase/
	cp .vendor-sdk/package/LICENSE.md pb_public/vendor/pocketbase/LICENSE.md
	echo "pocketbase $(PB_SDK_VERSION) (npm), dist/pocketbase.es.mjs; refresh with make vendor-sdk" > pb_public/vendor/pocketbase/VERSION
	rm -rf .vendor-sdk

# weights: what the pages' own JS and CSS and the SDK weigh, raw and gzipped.
weights:
	@cd pb_public && for f in js/*.js js/*/*.js css/app.css vendor/pocketbase/pocketbase.es.mjs; do \
		printf '%-40s %7d %7d\n' $$f $$(wc -c <$$f) $$(gzip -9c $$f | wc -c); done; \
	printf '%-40s %7d %7d\n' 'own JS+CSS (one stream)' $$(cat js/*.js js/*/*.js css/app.css | wc -c) $$(cat js/*.js js/*/*.js css/app.css | gzip -9c | wc -c)
