# Thin wrappers over the command line (python -m analysis). `make help` lists targets.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
YEARS ?=
# Country briefs: the year (default: the latest complete year in data/raw) and the countries
# (ISO3 codes or names, comma-separated; "all" for every country with figures).
YEAR ?=
COUNTRIES ?= TUR,AFG,SDN

.DEFAULT_GOAL := help
.PHONY: help report briefs figures processed extracts test lint bench lab lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# The environment: Debian packages (never prompts; see the script), then the exact
# versions of requirements.lock, then the project itself without resolving again.
$(STAMP): pyproject.toml requirements.lock scripts/system-deps.sh
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "error: the project needs Python 3.11 or later; $(PYTHON) is $$($(PYTHON) --version 2>/dev/null || echo not found): make PYTHON=python3.11" >&2; exit 1; }
	./scripts/system-deps.sh
	@test ! -x $(PY) || $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "note: $(VENV) was made with an older Python: making it again" >&2; rm -rf $(VENV); }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	$(PY) -m compileall -q src  # as pip does for a regular install: kernels skip compiling
	touch $(STAMP)

report: $(STAMP) ## build the briefing (2016 and the latest complete year) into reports/
	$(PY) -m analysis report $(if $(YEARS),--year $(YEARS),)

briefs: $(STAMP) ## country briefs (COUNTRIES=TUR,Sudan or all; YEAR=2024) and reports/index.html
	$(PY) -m analysis briefs --year $(or $(YEAR),$(shell $(PY) -c 'from analysis import config, report; print(report.default_years(config.RAW_DIR)[-1])')) \
		$(if $(filter all,$(COUNTRIES)),--all,--countries "$(COUNTRIES)")

figures: $(STAMP) ## print the key figures as JSON (YEAR=2016; default: the latest complete year)
	$(PY) -m analysis figures --pretty --year $(or $(YEAR),$(shell $(PY) -c 'from analysis import config, report; print(report.default_years(config.RAW_DIR)[-1])'))

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

lab: $(STAMP) ## open the briefing notebook in JupyterLab (installs the optional 'lab' extra)
	$(PY) -m pip install -q -e '.[lab]'
	cd notebooks && ../$(VENV)/bin/jupyter lab briefing.ipynb

lock: ## re-pin requirements.lock from pyproject.toml (needs network access to PyPI)
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--no-header --output-file requirements.lock

clean: ## remove generated tables and reports (keeps the environment)
	rm -rf data/processed/* data/processed/.[0-9a-f]* reports/*/ reports/.[0-9]* reports/index.html \
		.pytest_cache build
