# sangkien: build, run and test. PocketBase v0.40 needs Go 1.27; machines
# with an older Go and GOTOOLCHAIN=local fetch it through the module proxy.
export GOTOOLCHAIN := go1.27.3

.PHONY: run demo build test test-unit test-browser bench deps deps-browser deps-docs

# HTTP is where the server listens; HTTP=0.0.0.0:8090 serves the ward's network.
HTTP ?= 127.0.0.1:8090

# run: build, then start the program on ./pb_data (embedded SQLite, seeded ward).
run: build
	./sangkien serve --http $(HTTP)

# demo: fill ./pb_data with a believable ward and print its accounts, then
# serve. A pb_data that already holds initiatives is left as it is (the demo
# command refuses it) and served.
demo: build
	-./sangkien demo --dir pb_data
	./sangkien serve --http $(HTTP)

# build: the whole program in one binary (pages embedded).
build:
	go build -o sangkien .

# test: everything, including the browser tests (installs Chromium and a C
# compiler for the race detector if missing).
test: deps deps-docs
	go vet ./...
	go test -race -count=1 ./...

# test-unit: everything but the browser tests.
test-unit:
	SANGKIEN_SKIP_BROWSER=1 go test -race -count=1 ./...

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

# deps-docs: Debian's LibreOffice (headless) and poppler for the document
# tests (each .xlsx/.docx printed to PDF and read back, internal/lotest);
# SANGKIEN_SKIP_DOCS=1 skips those tests instead.
deps-docs:
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
		echo "installing libreoffice (headless) and poppler-utils (Debian), for the document tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation fonts-liberation2 >/dev/null; }
