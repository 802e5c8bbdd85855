# One obvious command per job. `make` alone lists them.
#
#   make serve    all enabled products, with WebSockets, on http://127.0.0.1:8000/ (HOST, PORT)
#   make test     the test suite (ARGS="-k health" passes extra pytest arguments)
#   make lint     ruff
#   make worker   Celery worker  (needs REDIS_URL)
#   make beat     Celery beat    (needs REDIS_URL)
#   make stripe   local Stripe server for development on http://127.0.0.1:12111/ (STRIPE_PORT)
#   make prod     the production server (gunicorn with uvicorn workers)
#   make postman  OpenAPI schemas and Postman collections in build/
#   make bench    benchmarks on the production stack, written to bench/RESULTS.md
#   make bench-smoke  the quick check of the benchmark harness that CI runs
#
# Every target first makes sure the virtualenv exists and holds the pinned
# requirements. VENV picks the virtualenv (CI passes its own fresh one:
# `make test VENV=/tmp/ci/venv`); PYTHON picks the interpreter that creates it.

.DEFAULT_GOAL := help
.PHONY: help install serve test lint worker beat stripe prod migrate check-broker postman bench bench-smoke

# --- Interpreter and virtualenv ---------------------------------------------
# Python 3.11 when it is on PATH, otherwise whatever python3 is.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

# A stamp named after a checksum of every requirements file: pip runs again
# only when a pin changes (or the venv is new), not on every command.
REQUIREMENTS := $(sort $(wildcard requirements/*.txt))
REQUIREMENTS_SUM := $(firstword $(shell cat $(REQUIREMENTS) | cksum))
DEV_STAMP := $(VENV)/.installed-test-$(REQUIREMENTS_SUM)
PROD_STAMP := $(VENV)/.installed-production-$(REQUIREMENTS_SUM)

# Development commands run on config.settings.local unless the shell names
# another settings module; `make prod` always runs on production settings.
DEV := env DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-config.settings.local}
PROD := env DJANGO_SETTINGS_MODULE=config.settings.production

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# requirements/test.txt includes production.txt, which includes base.txt.
$(VENV)/.installed-%-$(REQUIREMENTS_SUM): | $(BIN)/python
	@echo "Installing requirements/$*.txt into $(VENV) ..."
	$(BIN)/python -m pip install --quiet -r requirements/$*.txt
	@rm -f $(VENV)/.installed-$*-*
	@touch $@

install: $(DEV_STAMP)

# --- Development ------------------------------------------------------------
# Embedded defaults with nothing set: SQLite, in-memory channel layer and
# cache, Celery tasks run eagerly, e-mail printed to the console.
migrate: $(DEV_STAMP)
	$(DEV) $(BIN)/python manage.py migrate --noinput

# HOST and PORT say where to listen; FORWARDED_ALLOW_IPS which peers' X-Forwarded-For and
# X-Forwarded-Proto to believe (none unless set; uvicorn's own default trusts 127.0.0.1).
# Limits uvicorn answers itself, in plain text: README "Serving".
serve: migrate
	$(DEV) $(BIN)/python manage.py seed_demo
	exec $(DEV) $(BIN)/uvicorn config.asgi:application --host "$${HOST:-127.0.0.1}" --port "$${PORT:-8000}" \
		--forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-}" --timeout-keep-alive 5

# pyproject.toml names config.settings.test; an exported DJANGO_SETTINGS_MODULE
# would win over it in pytest-django, so it is dropped here. The suite runs on
# whatever DATABASE_URL / REDIS_URL the environment gives (SQLite/locmem if unset).
test: $(DEV_STAMP)
	env -u DJANGO_SETTINGS_MODULE $(BIN)/python -m pytest $(ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

# --- Celery -----------------------------------------------------------------
# Without a broker the web process runs tasks itself (eagerly), so a worker
# would have nothing to consume: refuse early with a clear message.
check-broker:
	@if [ -z "$$REDIS_URL$$CELERY_BROKER_URL" ] && ! grep -qsE '^(export )?(REDIS_URL|CELERY_BROKER_URL)=.' .env; then \
		echo "Celery needs a broker: set REDIS_URL (or CELERY_BROKER_URL) in the environment or .env." >&2; exit 1; fi

worker: check-broker $(DEV_STAMP)
	exec $(DEV) $(BIN)/celery -A config worker -l info

# The DatabaseScheduler keeps its schedule in the database, hence the migrate.
beat: check-broker migrate
	exec $(DEV) $(BIN)/celery -A config beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler

# --- Local Stripe -----------------------------------------------------------
# A Stripe-compatible server on 127.0.0.1, state in memory (core/payments/local_stripe):
# README "Payments without a Stripe account". LOCAL_STRIPE_WEBHOOKS says where its events go.
stripe: $(DEV_STAMP)
	exec $(BIN)/python -m core.payments.local_stripe --port "$${STRIPE_PORT:-12111}"

# --- Production -------------------------------------------------------------
# Needs SECRET_KEY (50+ characters), ALLOWED_HOSTS, DATABASE_URL and REDIS_URL;
# WEB_CONCURRENCY, HOST, PORT and FORWARDED_ALLOW_IPS as for serve (host 0.0.0.0 here).
# The uvicorn workers take from gunicorn only its keep-alive, backlog, max-requests and
# forwarded-allow-ips: gunicorn's --limit-request-* would not apply (uvicorn parses HTTP).
prod: $(PROD_STAMP)
	$(PROD) $(BIN)/python manage.py collectstatic --noinput
	$(PROD) $(BIN)/python manage.py migrate --noinput
	exec $(PROD) $(BIN)/gunicorn config.asgi:application -k uvicorn_worker.UvicornWorker \
		-w $${WEB_CONCURRENCY:-2} -b "$${HOST:-0.0.0.0}:$${PORT:-8000}" \
		--forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-}" --keep-alive 5

# --- API clients ------------------------------------------------------------
# Each product's OpenAPI schema, turned into a Postman collection by Postman's
# own converter (npm, offline once fetched).
postman: $(DEV_STAMP)
	$(DEV) $(BIN)/python manage.py export_schemas --out build/openapi
	mkdir -p build/postman
	for schema in build/openapi/*.json; do \
		npx --yes openapi-to-postmanv2@6.3.3 -s $$schema -p \
			-o build/postman/$$(basename $$schema .json).postman_collection.json || exit 1; \
	done

# --- Benchmarks -------------------------------------------------------------
# gunicorn with uvicorn workers on PostgreSQL and Redis (loopback), driven by wrk
# (installed with apt-get when missing); see bench/README.md. ARGS passes options:
# make bench ARGS="--only townspark --duration 5".
bench: $(DEV_STAMP)
	$(BIN)/python -m bench $(ARGS)

bench-smoke: $(DEV_STAMP)
	$(BIN)/python -m bench --smoke $(ARGS)
