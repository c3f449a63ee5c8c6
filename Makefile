# Two commands do all the set-up: `make run` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo serve lint typecheck pytest openapi clean bench bench-search bench-export

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

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

lint: install
	$(BIN)/ruff check app tests migrations bench
	$(BIN)/ruff format --check app tests migrations bench

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

openapi: install
	$(BIN)/interviews openapi

## bench: generate, import, serve and load the 20,000-interview corpus against its baselines (bench/README.md)
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run

## bench-export: the export budget: 100,000 interviews (over 1,000,000 answers), streamed, with the server's peak RSS
bench-export: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run --scale --export-only

## bench-search: search latency per query class, service vs the raw SQL floor (issue 4)
bench-search: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.search_bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
