# Everyday commands. `make help` lists them. Each target sets up what it needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
TOOL := $(VENV)/bin/aiprinciples
STAMP := $(VENV)/.installed
# Material for MkDocs prints an end-of-life banner on every run unless this is set.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup check status build serve test test-fast lint fmt bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements.lock pyproject.toml package.json package-lock.json
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $(STAMP)

setup: $(STAMP) ## Create .venv with the pinned packages and the aiprinciples command, and node_modules with axe-core

check: setup ## Check the corpus: every problem as path:line: what is wrong. How to fix it.
	$(TOOL) check

status: setup ## Translation status per language and document
	$(TOOL) status

build: setup ## Build the site into site/: the published languages (strict: any warning fails)
	$(VENV)/bin/mkdocs build --strict

# `make serve` previews the draft languages too (never `make build`); ONLY=fr builds English and French only;
# PORT=8001 serves on another port.
ONLY ?=
PORT ?= 8000
serve: setup ## Serve on http://127.0.0.1:8000/ with drafts, rebuilding on save; problems show in the browser. ONLY=fr: one language; PORT=8001: another port
	AIPRINCIPLES_PREVIEW=drafts AIPRINCIPLES_ONLY="$(ONLY)" $(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

# Tests run on every core (pytest-xdist), a file's tests together: each file's shared builds are made once;
# the files marked slow first (tests/conftest.py), in that order.
test: setup ## Run every test: corpus, checker, site build, browser (Debian's chromium)
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder

test-fast: setup ## Every test but the browser ones
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder -m "not browser"

lint: setup ## ruff on the Python code
	$(VENV)/bin/ruff check aiprinciples hooks tests benchmarks

fmt: setup ## Rewrite translation files in canonical form
	$(TOOL) fmt

# BASE=<ref>: the commit to compare with (default: the merge base with main); FULL=1: 10 and 100 documents × 5 and 10 languages.
BASE ?=
FULL ?=
bench: setup ## Benchmark the build (CPU, memory, wall; cold and warm) against an earlier commit on synthetic corpora. FULL=1, BASE=<ref>
	$(PY) benchmarks/run.py $(if $(BASE),--base $(BASE)) $(if $(FULL),--full)

clean: ## Remove build outputs (keeps .venv)
	rm -rf site build .pytest_cache
