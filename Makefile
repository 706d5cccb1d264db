# Thin wrappers over the command line (python -m analysis). `make help` lists targets.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
YEARS ?=

.DEFAULT_GOAL := help
.PHONY: help report figures processed extracts test lint bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

report: $(STAMP) ## build the briefing (2016 and the latest complete year) into reports/
	$(PY) -m analysis report $(if $(YEARS),--year $(YEARS),)

processed: $(STAMP) ## build the tidy tables in data/processed/
	$(PY) -m analysis process

extracts: $(STAMP) ## regenerate data/raw extracts from the full release in ../shared/data/reference
	$(PY) -m analysis extract

test: $(STAMP) ## run the whole test suite
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff check and format check
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts

bench: $(STAMP) ## time reading, processing, figures and report rendering
	$(PY) scripts/bench.py

clean: ## remove generated tables and reports (keeps the environment)
	rm -rf data/processed/*.csv reports/*/ .pytest_cache
