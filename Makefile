# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make run    install, prepare the SQLite database, load the demo once, serve on http://127.0.0.1:8000
#   make test   install what the tests need and run the whole suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Each step prints its wall time and the time since make started (scripts/step.sh); `make run` ends with the
# time to its first served page.
ifndef GONGKAI_MAKE_STARTED
GONGKAI_MAKE_STARTED := $(shell date +%s.%N)
endif
export GONGKAI_MAKE_STARTED
STEP := scripts/step.sh

.PHONY: run test install install-test system-deps system-deps-test messages static migrate demo bench screenshots lint clean assets \
	replica replica-stop

$(BIN)/python:
	@$(STEP) "venv" sh -c '$(PYTHON) -m venv $(VENV) && $(BIN)/pip install -q --upgrade pip'

# What the platform runs on (make run); the test tools (Playwright, Hypothesis, Schemathesis, ruff…) only for
# make test, lint, bench and screenshots.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(STEP) "install (pip)" $(BIN)/pip install -q -e .
	touch $@

# One pip run for the platform and its test tools (one resolution, one editable build), which also stands
# for the platform's own install.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@$(STEP) "install with the test tools (pip)" $(BIN)/pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

system-deps:
	@$(STEP) "system packages" scripts/system-deps.sh runtime

system-deps-test:
	@$(STEP) "system packages" scripts/system-deps.sh test

messages: install
	@$(STEP) "messages" sh -c "$(BIN)/gongkai compilemessages -v0 --ignore='.venv/*' >/dev/null"

# Apache ECharts for the dashboard and Swagger UI for the API docs, pinned in package.json/package-lock.json,
# copied into static (not committed).
ECHARTS := src/gongkai/backoffice/static/vendor/echarts.min.js
SWAGGER := src/gongkai/api/static/vendor/swagger-ui/swagger-ui-bundle.js

assets: $(ECHARTS) $(SWAGGER)

node_modules/.package-lock.json: package.json package-lock.json
	@$(STEP) "assets (npm ci)" npm ci --no-audit --no-fund

$(ECHARTS): node_modules/.package-lock.json
	@mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js $@

$(SWAGGER): node_modules/.package-lock.json
	@mkdir -p $(dir $@)
	cd node_modules/swagger-ui-dist && cp swagger-ui-bundle.js swagger-ui-bundle.js.map swagger-ui.css swagger-ui.css.map \
	  $(CURDIR)/$(dir $@)

static: install
	@$(STEP) "static files" $(BIN)/gongkai collectstatic --noinput -v0

migrate: install
	@mkdir -p "$${GONGKAI_VAR_DIR:-var}"
	@$(STEP) "migrate" $(BIN)/gongkai migrate --noinput -v0

demo: migrate
	@$(STEP) "demo" $(BIN)/gongkai demo load --if-empty --force

# The static files are collected while the database is migrated (two cores, two jobs); the demo waits for them,
# since its commit writes the static pages, which name the collected files.
run: system-deps install assets messages
	@$(MAKE) --no-print-directory -j2 static migrate
	@$(STEP) "demo" $(BIN)/gongkai demo load --if-empty --force
	@$(BIN)/gongkai demo logins --url http://$(HOST):$(PORT)/
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops the server and the minute timer)"
	@GONGKAI_HTTPS=0 $(BIN)/gongkai timer & timer=$$!; \
	$(BIN)/python scripts/first_page.py http://$(HOST):$(PORT)/ & probe=$$!; \
	trap "kill $$timer $$probe 2>/dev/null" EXIT INT TERM; \
	GONGKAI_HTTPS=0 $(BIN)/gunicorn gongkai.config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 \
	  -c python:gongkai.config.gunicorn --log-level warning --limit-request-line 8190

test: system-deps-test install-test assets messages
	@scripts/test.sh

# Production mode's read replica for the tests (scripts/test.sh runs it when CI=true): a streaming copy of the
# PostgreSQL primary on 127.0.0.1:5432, listening on 127.0.0.1:5433, made with pg_basebackup when missing.
replica:
	@scripts/replica.sh

replica-stop:
	@scripts/replica.sh stop

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports --no-cache

bench: system-deps install-test messages
	$(BIN)/python -m bench

screenshots: system-deps-test install-test assets messages
	$(BIN)/pytest -m browser -k screenshot -p no:xdist

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
