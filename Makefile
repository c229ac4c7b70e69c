# autobackup: make demo to try it, make test to check it.

GO      ?= go
BIN     ?= ./autobackup
FUZZTIME ?= 10s

.PHONY: build test test-long race vet lint fuzz bench demo clean

build:
	$(GO) build -buildvcs=auto -o $(BIN) .

test: vet
	$(GO) test -race -short ./...

# The racing tests (other programs renaming folders during a copy) loop
# for seconds each instead of a moment.
test-long:
	$(GO) test -race -count=1 -run 'Swap|Race|Kill|Crossing' ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

fuzz:
	$(GO) test ./internal/cmd -run '^$$' -fuzz FuzzSplit -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cmd -run '^$$' -fuzz FuzzRun -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cmd -run '^$$' -fuzz FuzzComplete -fuzztime $(FUZZTIME)

# autobackup against its peers, alternating, into BENCHMARKS.md. Installs
# the peers, generates ./_bench once; root for the cold sections. Pass
# flags and sections in BENCH, e.g. make bench BENCH="-quick load copy".
BENCH ?=
bench:
	$(GO) run ./internal/tools/bench $(BENCH)

# The demo studio is written afresh into ./demo (git-ignored) each time.
demo: build
	rm -rf demo
	$(GO) run ./internal/tools/genstudio demo demo
	cd demo && ../$(BIN)

clean:
	rm -rf $(BIN) demo _bench
