# Koers — the two commands: `make run` (set up everything and serve the demo) and
# `make test` (set up everything and run every test). Both work on a fresh Debian machine.
SHELL := /bin/bash
UV ?= uv
KOERS := $(UV) run --frozen koers
HOST ?= 127.0.0.1
PORT ?= 8000
# Give a PostgreSQL URL to run the whole suite on PostgreSQL as well, e.g.
#   make test KOERS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/koers
KOERS_TEST_DATABASE_URL ?=
# The suite runs in parallel (pytest-xdist, one test database per worker); `auto` is one worker
# per core. Each file's tests stay on one worker, so a file's shared fixtures are made once.
TEST_WORKERS ?= auto
PYTEST := $(UV) run --frozen pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=15
APT_PACKAGES := chromium gettext graphviz libreoffice-writer-nogui poppler-utils postgresql-client

.PHONY: run test setup system-deps python-deps node-deps messages makemessages demo lint format test-sqlite test-postgres configdocs clean

run: setup
	KOERS_DEBUG=true KOERS_DEMO=true $(KOERS) migrate --no-input
	KOERS_DEBUG=true KOERS_DEMO=true $(KOERS) demo
	KOERS_DEBUG=true KOERS_DEMO=true $(KOERS) runserver $(HOST):$(PORT)

test: setup lint test-sqlite test-postgres

setup: system-deps python-deps node-deps messages

system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v pg_dump >/dev/null || missing="$$missing postgresql-client"; \
	if [ -n "$$missing" ]; then \
	  echo "Debian-pakketten installeren:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

python-deps:
	@command -v $(UV) >/dev/null || python3 -m pip install --quiet uv
	$(UV) sync --frozen --quiet

node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

messages:
	cd src/koers && $(UV) run --frozen koers compilemessages --ignore=.venv >/dev/null

# After changing UI text: collect the strings into the Dutch catalogue, then translate them.
makemessages:
	cd src/koers && $(UV) run --frozen koers makemessages -l nl --no-location --ignore=migrations

lint:
	$(UV) run --frozen ruff check src tests $(wildcard bench)
	$(UV) run --frozen ruff format --check src tests $(wildcard bench)

format:
	$(UV) run --frozen ruff format src tests $(wildcard bench)
	$(UV) run --frozen ruff check --fix src tests $(wildcard bench)

test-sqlite:
	$(PYTEST)

test-postgres:
	@if [ -n "$(KOERS_TEST_DATABASE_URL)" ]; then \
	  echo "== dezelfde tests op PostgreSQL =="; \
	  DATABASE_URL="$(KOERS_TEST_DATABASE_URL)" $(PYTEST); \
	else echo "(KOERS_TEST_DATABASE_URL niet gezet: PostgreSQL overgeslagen)"; fi

configdocs:
	$(KOERS) configdocs > docs/configuration.md

clean:
	rm -rf .venv node_modules var/static
