# The README's two commands: `make maps` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: maps test chromium bench lint

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

maps: $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	$(VENV)/bin/warmap build

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(VENV)/bin/python chromium
	$(PY) -m pip install -q -e '.[test]'
	$(VENV)/bin/ruff check warmap tests benchmarks examples
	$(PY) -m pytest -q

bench: $(VENV)/bin/python chromium
	$(PY) -m pip install -q -e '.[test,bench]'
	$(PY) -m benchmarks
