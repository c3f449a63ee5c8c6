# Two commands do all the set-up: `make run` and `make test`. Both create .venv when it is missing;
# `make run` installs what the service needs, `make test` adds the test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast install install-test migrate demo serve lint typecheck pytest openapi clean \
	bench bench-search bench-export bench-scale accuracy

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(RUN_STAMP) $(TEST_STAMP)

install: $(RUN_STAMP)
install-test: $(TEST_STAMP)

## run: install, migrate the database, import the demo interview, serve on http://$(HOST):$(PORT)
run: install migrate demo serve

migrate: install
	$(BIN)/interviews migrate

demo: install
	$(BIN)/interviews demo

serve: install
	$(BIN)/interviews serve --host $(HOST) --port $(PORT)

## test: install with test extras, then ruff, mypy and the whole pytest suite
test: lint typecheck pytest

## test-fast: the suite without servers, browsers, PostgreSQL and fuzzing (under a minute)
test-fast: install-test
	$(BIN)/pytest -q -m "not slow and not postgres"

lint: install-test
	$(BIN)/ruff check app tests migrations bench
	$(BIN)/ruff format --check app tests migrations bench

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest --durations=15

openapi: install
	$(BIN)/interviews openapi

## accuracy: the importer's table on a corpus of articles with expectations (bench/accuracy.py)
accuracy: install-test
	$(BIN)/python -m bench.accuracy $(or $(CORPUS),tests/importer/corpus)

## bench: generate, import, serve and load the 20,000-interview corpus against its baselines (bench/README.md)
bench: install-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run

## bench-scale: the 100,000-interview budgets on PostgreSQL (cold search and interview latency)
bench-scale: install-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run --scale --no-sqlite --no-datasette --only cold

## bench-export: the export budget: 100,000 interviews (over 1,000,000 answers), streamed, with the server's peak RSS
bench-export: install-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run --scale --export-only

## bench-search: search latency per query class, service vs the raw SQL floor (issue 4); ranking quality, MRR (issue 16)
bench-search: install-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.search_bench
	$(BIN)/python -m bench.search_quality

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
