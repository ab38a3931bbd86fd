# Relais: `make run` shows the pipeline on the embedded default, `make test` runs the whole suite.
# Both create .venv and install what they need; nothing is installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
AXE_DIR := tests/web/axe
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js

export AIRFLOW_HOME := $(CURDIR)

.PHONY: run run-cluster test test-cluster venv browser axe lint lock clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Relais needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# The browser tests drive Debian's chromium; install it once if the machine lacks it.
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# axe-core, the accessibility engine the browser tests inject into pages (tests/web/
# test_accessibility.py), at the version pinned in its package-lock.json, from the npm registry.
$(AXE): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's npm for the accessibility tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm ci --prefix $(AXE_DIR) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(AXE)

axe: $(AXE)

run: $(STAMP)
	$(BIN)/python -m pipeline.demo

# The same demo on a cluster's engines: PostgreSQL (store and Airflow metadata), Redis (Celery
# broker), Airflow's CeleryExecutor with two workers. docs/deploying.md says more.
run-cluster: $(STAMP)
	$(BIN)/python -m pipeline.cluster

# The suite waits on crawls, DAG runs and the browser more than it computes: four workers
# (pytest-xdist; each has its own Airflow metadata DB, state folder and PostgreSQL database)
# run it in about 40 % of the time of one; `--dist worksteal` lets an idle worker take tests
# queued on a busy one, so the long DAG tests do not end the run on one worker alone.
# `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= 4

test: $(STAMP) browser $(AXE)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not cluster" $(PYTEST_ARGS)

# Celery workers, a scheduler and an API server on Redis and PostgreSQL (tests/cluster/): a few
# minutes on their own, run apart from `make test` so the suite keeps its time budget.
test-cluster: $(STAMP)
	$(BIN)/python -m pytest -n 0 -m cluster tests/cluster $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev pyproject.toml -o requirements.lock

clean:
	rm -rf $(VENV) $(AXE_DIR)/node_modules var/airflow var/relais.db* .pytest_cache .mypy_cache .ruff_cache
