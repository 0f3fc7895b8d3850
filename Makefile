# Two entry points: `make demo` (install + run on the example articles) and `make test`.
VENV ?= .venv
PYTHON ?= python3
SEEDS ?= ../shared/seeds
DB ?= storyline.duckdb
BIN = $(VENV)/bin

.PHONY: demo install test lint bench clean

demo: install
	$(BIN)/storyline run $(SEEDS) --db $(DB)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) export .pytest_cache
