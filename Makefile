# Prongsai: `make run` to try it, `make test` for the whole suite (SQLite, then PostgreSQL).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/prongsai

.PHONY: run install migrate demo test test-sqlite test-postgres lint bench check-deploy clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
	@script/ensure-system

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: test-sqlite test-postgres

test-sqlite: install
	env -u DATABASE_URL $(BIN)/python -m pytest -q -p no:cacheprovider

test-postgres: install
	@script/ensure-postgres
	DATABASE_URL=$${TEST_POSTGRES_URL:-$(PG_TEST_URL)} $(BIN)/python -m pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check prongsai
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	@script/ensure-postgres
	$(BIN)/python bench/run_all.py

# nginx -t on the site, gunicorn config, check --deploy with a production environment (docs/deploy.md).
check-deploy: install
	script/check-deploy

clean:
	rm -rf var/prongsai.sqlite3* var/media
