# Stadt360 – the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
PG_URL ?= postgres://postgres@127.0.0.1:5432/stadt360
PYTEST_WORKERS ?= 2

.PHONY: run test check bench install install-test assets lock clean serve

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 13) else "Stadt360 needs Python 3.13 (see .python-version); found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs are reproducible: every version is pinned in constraints.txt.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Front-end assets (KERN UX, Leaflet, htmx) from npm with the lock file; served by us.
assets: $(VENV)/.installed
	$(BIN)/python scripts/assets.py

# First start: migrate the embedded SQLite database, load Gera and the demo data, serve with a
# worker kept alive by scripts/worker.sh (restarted with a back-off; interrupted imports recovered).
run: install assets
	$(BIN)/stadt360 migrate --no-input
	$(BIN)/stadt360 setup_demo
	@echo "Stadt360 on http://$(HOST):$(PORT)/ (worker running alongside, restarted if it dies; Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  BIN=$(BIN) scripts/worker.sh & \
	  $(BIN)/stadt360 runserver $(HOST):$(PORT)

# The whole suite: lint, types, migrations, then pytest on SQLite and (when reachable or required) PostgreSQL.
test: install-test assets
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src/stadt360
	$(BIN)/stadt360 makemigrations --check --dry-run
	$(BIN)/python scripts/test_suite.py --workers $(PYTEST_WORKERS) --pg-url $(PG_URL)

check: install-test
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy src/stadt360
	$(BIN)/stadt360 makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9') \
	  ALLOWED_HOSTS=stadt360.example REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	  $(BIN)/stadt360 check --deploy --fail-level WARNING

# Each benchmark prints its figures and, as its last line, `name: key=value …`.
BENCHES := bundles pages imports search events travel
bench: install-test assets
	@set -e; for name in $(BENCHES); do \
	  echo "== bench/$$name.py"; $(BIN)/python bench/$$name.py; done

# Regenerates the constraints file from a fresh resolution of pyproject.toml.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet -e '.[test]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) node_modules var test-artifacts
