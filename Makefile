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

# A bare Debian python3 lacks the venv module: install python3-venv when we may (root + apt).
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV) || { command -v apt-get >/dev/null && apt-get update -qq \
	  && apt-get install -y -qq python3-venv && rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy src/storyline --ignore-missing-imports

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(DB) export .pytest_cache
