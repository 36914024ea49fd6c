# The two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The development server runs with DEBUG on; tests set their own settings.
DEV := DEBUG=1

.PHONY: run test install messages migrate demo lint format clean

run: install messages
	mkdir -p var
	$(DEV) $(PY) manage.py migrate --no-input
	$(DEV) $(PY) manage.py load_demo
	@echo "Serving the hub on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install messages
	mkdir -p var
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/test_all.py

install: $(STAMP)

# Reinstall only when the dependencies change, so a second `make run` is fast.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=…)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Compiled with Babel (pure Python), so no system gettext is needed to run the hub.
messages: install
	$(VENV)/bin/pybabel -q compile --domain django --directory locale

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) *.egg-info
