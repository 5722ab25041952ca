PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo serve test test-slow bench bench-web mutation clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sessionbuilder validate
	$(BIN)/sessionbuilder build pathways-to-harm -o out
	$(BIN)/sessionbuilder sheet --theme domestic-abuse --audience police --audience probation -o out/learning-sheet-domestic-abuse.pdf
	@ls -l out

WEB_STAMP := $(VENV)/.web-installed
PORT ?= 8000

$(WEB_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[web]'
	touch $(WEB_STAMP)

serve: $(WEB_STAMP)
	$(BIN)/sessionbuilder serve --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

# Mutation testing, one module at a time (CPU heavy): make mutation MODULES="session.plan session.selection"
MODULES ?= session.plan session.selection text.fit library.loading library.models library.recipes
mutation: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,mutation]'
	for m in $(MODULES); do \
	  nice $(BIN)/mutmut run "sessionbuilder.$$m.*" --max-children 1 >/dev/null || exit 1; done
	$(BIN)/python tools/mutation_report.py $(MODULES)

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Load on the web app: 20 simulated users for 60 s against `serve` on 127.0.0.1:8101
bench-web: $(STAMP)
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache mutants
