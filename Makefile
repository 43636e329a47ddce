# Mimic: `make run` sets everything up and starts the app; `make test` runs the whole suite.
# Each set-up step leaves a stamp, so a second `make run` skips what is done and keeps the data.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# Settings in .env (see .env.example) reach the app and this file alike.
-include .env
export

PYTHON_SYS ?= python3
VENV       := .venv
PY         := $(VENV)/bin/python
TOOLS      := .tools
BUN        := $(TOOLS)/bin/bun
BUN_VERSION := 1.4.5
# axe-core, run inside the pages of browser sessions (accessibility findings); never from a CDN.
AXE_VERSION := 4.14.1
AXE        := $(TOOLS)/lib/node_modules/axe-core/axe.min.js
PORT       ?= 3000
# The interface the app listens on: this machine only, unless told otherwise (a container
# publishing the port sets MIMIC_HOST=0.0.0.0; README: Settings).
MIMIC_HOST ?= 127.0.0.1
CHROMIUM   := /usr/bin/chromium
# The offline voice of personas and of the demo voice agent (voice sessions).
ESPEAK     := /usr/bin/espeak-ng

export PATH := $(CURDIR)/$(TOOLS)/bin:$(CURDIR)/$(VENV)/bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_CHECK_LATEST_VERSION := 0
export LITELLM_LOCAL_MODEL_COST_MAP := True
# The demo's agents and websites run on this machine: permit loopback unless told otherwise.
export MIMIC_OUTBOUND_ALLOW ?= loopback
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve setup install install-dev bun axe chromium espeak migrate secret cli test test-scaled services bench bench-peers clean help worker run-scaled schemas sdk-js sdk-js-types

help:
	@echo "make run     set up (venv, requirements, bun, chromium, database) and start the app on :$(PORT)"
	@echo "make test    the whole test suite (what CI runs), then \`make test-scaled\`"
	@echo "make test-scaled  the API, engine and services tests on a throwaway PostgreSQL and Redis"
	@echo "make bench   the benchmarks under bench/, which print figures"
	@echo "make bench-peers  Mimic over REST beside a hand-written loop on the same stubs (issue 20's protocol)"
	@echo "make migrate alembic upgrade head on the configured database"
	@echo "make cli     install the \`mimic\` command line into .venv/bin"
	@echo "make schemas        regenerate schemas/mimic.yaml.schema.json (the JSON Schema of mimic.yaml)"
	@echo "make sdk-js-types   regenerate sdk/js/src/schema.d.ts from the app's OpenAPI document"
	@echo "make worker  a queue worker that runs sessions (MIMIC_SESSION_EXECUTION=queue; README: Running at scale)"
	@echo "make run-scaled  PostgreSQL, Redis, 2 backend workers and 2 queue workers on this machine"
	@echo "make clean   remove build output (keeps the database and the virtualenv)"

run: setup serve

setup: install bun axe chromium espeak migrate secret cli

# A secret key made on first start and kept outside git (.gitignore), unless one is set.
secret: .secret_key

.secret_key:
	@if [ -z "$$MIMIC_SECRET_KEY" ]; then umask 077; $(PYTHON_SYS) -c "import secrets; print(secrets.token_urlsafe(48))" > $@; \
		echo "Generated a secret key in $@ (keep it: it signs sessions and encrypts stored secrets)"; fi

install: $(VENV)/.installed $(VENV)/.sdk-installed

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON_SYS) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

# What tests, the fuzzer, the linter and the benchmarks add (requirements-dev.txt); `make run`
# installs only what runs.
install-dev: $(VENV)/.dev-installed

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# The Python SDK (sdk/python, `mimic-sdk`: the CLI's client and the pytest plugin), editable.
$(VENV)/.sdk-installed: $(VENV)/.installed sdk/python/pyproject.toml
	$(PY) -m pip install --quiet --no-deps -e sdk/python
	@touch $@

# The TypeScript SDK's tools (typescript, openapi-typescript; pinned in its package-lock.json).
SDK_JS_STAMP := sdk/js/node_modules/.package-lock.json
sdk-js: $(SDK_JS_STAMP)

$(SDK_JS_STAMP): sdk/js/package.json sdk/js/package-lock.json
	npm ci --prefix sdk/js --no-audit --no-fund --silent
	@touch $@

# sdk/js/src/schema.d.ts from the app's OpenAPI document (a test fails while it is stale).
sdk-js-types: install sdk-js
	PYTHONPATH=. $(PY) -c "import json; from app.api.main import create_api; \
		print(json.dumps(create_api().openapi()))" > sdk/js/openapi.json
	cd sdk/js && node scripts/generate-types.mjs --from openapi.json && rm openapi.json

# `mimic`, the command line for scripts and CI: a wrapper that runs the app/cli package from this project.
cli: $(VENV)/bin/mimic

$(VENV)/bin/mimic: $(VENV)/.installed
	@printf '#!/bin/sh\n# The Mimic command line (made by `make cli`).\nPYTHONPATH="%s$${PYTHONPATH:+:$$PYTHONPATH}" exec "%s" -m app.cli "$$@"\n' \
		"$(CURDIR)" "$(CURDIR)/$(PY)" > $@
	@chmod +x $@

bun: $(BUN)

axe: $(AXE)

$(AXE):
	npm install --silent --prefix $(TOOLS) -g axe-core@$(AXE_VERSION)
	@test -s $(AXE)

$(BUN):
	npm install --silent --prefix $(TOOLS) -g bun@$(BUN_VERSION)
	@$(BUN) --version >/dev/null

chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's chromium (browser sessions and UI tests use it)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium is missing: browser sessions and UI tests need it. Install it with:"; \
		echo "    sudo apt-get install -y chromium"; \
	fi

espeak:
	@if [ -x $(ESPEAK) ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's espeak-ng (the offline voice of voice sessions)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null; \
	else \
		echo "espeak-ng is missing: voice sessions need it to speak offline. Install it with:"; \
		echo "    sudo apt-get install -y espeak-ng"; \
	fi

migrate: install
	$(VENV)/bin/alembic upgrade head

# A queue worker: runs the sessions that backends queue in Redis. Start any number, anywhere,
# with the same MIMIC_DATABASE_URL, MIMIC_REDIS_URL and MIMIC_SECRET_KEY as the backends.
QUEUE_WORKER_PROCESSES ?= 1
worker: install espeak secret
	@$(PY) -c "import sys; from app.settings import settings; sys.exit(0 if settings.uses_queue else \
		'make worker needs MIMIC_SESSION_EXECUTION=queue and MIMIC_REDIS_URL (README: Running at scale)')"
	$(VENV)/bin/taskiq worker app.worker:broker --workers $(QUEUE_WORKER_PROCESSES) \
		--max-async-tasks $${MIMIC_MAX_CONCURRENT_SESSIONS:-8}

# The scaled topology on one machine (scripts/run-scaled.sh says what it starts).
run-scaled: install bun axe chromium espeak secret cli services
	scripts/run-scaled.sh

# Starts the app as `make run` does, without the set-up (the UI tests use it too).
# BACKEND_ONLY=1 serves the API and the app's background work without building the frontend
# (the recovery tests, which only speak REST, use it).
# The built frontend bakes in its port, so each port builds into a folder of its own: a second
# instance started from this checkout on another port never rebuilds the first one's pages.
serve: export REFLEX_WEB_WORKDIR ?= .web/port-$(PORT)
serve: export REFLEX_STATES_WORKDIR ?= .states/port-$(PORT)
serve:
	$(VENV)/bin/reflex run --env prod --backend-host $(MIMIC_HOST) --backend-port $(PORT) --loglevel warning \
		$(if $(BACKEND_ONLY),--backend-only,--frontend-port $(PORT))

# PostgreSQL and Redis from Debian's packages, for `make test-scaled` and `make run-scaled`.
# Only the programs: each of those starts its own servers on 127.0.0.1 (tests/support/servers.py).
services:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's$$missing (the PostgreSQL + Redis test run and make run-scaled use them)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Missing:$$missing (the PostgreSQL + Redis test run needs them). Install them with:"; \
		echo "    sudo apt-get install -y$$missing"; exit 1; \
	fi

# First the whole suite on the embedded default (SQLite, in-memory bus), then the API,
# services and migration tests again on a real PostgreSQL and Redis.
# The tests run on every core (pytest-xdist: each worker has its own database, data folder and
# servers), except the dashboard's (tests/ui): they share one build of the app and drive it in
# Chromium, one at a time, mostly waiting for the page; so they run beside the two passes (their
# own database, ports and build folder), their report kept in .test-ui.log and printed at the end.
# Every pass runs to its end; `make test` fails if any failed.
# PYTEST_ARGS takes options (-x, -k ...), given to each pass.
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
test: install install-dev bun axe chromium espeak cli services sdk-js
	@$(PY) -m pytest tests/ui $(PYTEST_ARGS) > .test-ui.log 2>&1 & dashboard=$$!; \
	$(PY) -m pytest -n $(TEST_JOBS) --ignore=tests/ui $(PYTEST_ARGS) 2>&1 | tee .test-sqlite.log; \
	first=$${PIPESTATUS[0]}; \
	$(MAKE) --no-print-directory test-scaled 2>&1 | tee .test-scaled.log; scaled=$${PIPESTATUS[0]}; \
	wait $$dashboard; ui=$$?; \
	echo "== the dashboard's tests (tests/ui), run beside the passes above:"; cat .test-ui.log; \
	echo "== what failed, from each pass's log (.test-sqlite.log, .test-scaled.log, .test-ui.log):"; \
	grep -hE "^(FAILED|ERROR) " .test-sqlite.log .test-scaled.log .test-ui.log || echo "nothing"; \
	echo "== exit status: SQLite pass $$first, PostgreSQL + Redis pass $$scaled, dashboard $$ui"; \
	[ $$first -eq 0 ] && [ $$scaled -eq 0 ] && [ $$ui -eq 0 ]

# The browser and end-to-end tests (marked e2e) run once, in the first run, and so does the
# OpenAPI fuzzer: it checks the API's contract, which does not depend on the storage backend.
# The engine's tests run on its in-memory store (the contract test in tests/services holds it to
# the database's): only those of the Redis bus run again.
SCALED_TESTS ?= tests/api tests/services tests/models tests/engine/test_redis_bus.py \
	tests/engine/test_whatsapp_replies.py --ignore=tests/api/test_fuzz.py
test-scaled: install install-dev espeak cli services
	MIMIC_TEST_BACKEND=postgres $(PY) -m pytest -n $(TEST_JOBS) $(SCALED_TESTS) -m "not e2e" $(PYTEST_ARGS)

bench: install install-dev axe espeak
	@for b in bench/*.py; do echo "== $$b"; PYTHONPATH=. $(PY) $$b || exit 1; done

# QUICK=1 for a smoke run of a minute (3 turns, 5 conversations at once).
bench-peers: install install-dev
	PYTHONPATH=. $(if $(QUICK),MIMIC_BENCH_QUICK=1 )$(PY) bench/peers.py

# schemas/mimic.yaml.schema.json, the JSON Schema of mimic.yaml made from the models (a test
# checks that the committed file is current).
schemas: install
	PYTHONPATH=. $(PY) -c "import json; from app.models.mimic_file import schema; \
		open('schemas/mimic.yaml.schema.json', 'w').write(json.dumps(schema(), indent=2, ensure_ascii=False) + '\\n')"

clean:
	rm -rf .web .states
