PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND_PORT ?= 8020

.PHONY: run test bench lint format

# The virtualenv is rebuilt whenever requirements.txt changes.
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@echo
	@echo "Admin:    http://$(HOST):$(PORT)/admin/"
	@echo "API:      http://$(HOST):$(PORT)/api/v2/"
	@echo "Frontend: http://localhost:$(FRONTEND_PORT)/"
	@echo
	# The reference frontend, the schedule and the task worker run beside the CMS and
	# stop with it.
	$(BIN)/python frontend/serve.py --port $(FRONTEND_PORT) & frontend=$$!; \
	$(BIN)/python manage.py publish_on_schedule & schedule=$$!; \
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$frontend $$schedule $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(BIN)/.installed
	$(BIN)/pytest

# The API under gunicorn on generated reviews, measured with wrk: see bench/run.py.
bench: $(BIN)/.installed
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python bench/run.py

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
