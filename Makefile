# The two set-up commands of the README: `make run` and `make test`.
# Each creates .venv, installs the project and the system libraries Qt needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench wheel clean package package-test

run: $(STAMP)
	$(BIN)/ccn-desktop

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python -m tests.perf

# The frozen one-folder app (dist/ccn-desktop/) and its smoke test; see docs/install.md.
package: $(STAMP)
	PYTHON=$(PYTHON) bash packaging/system-deps.sh --build
	CCN_BUILD_VENV=$(VENV) packaging/build

package-test: package
	packaging/smoke-test

$(STAMP): pyproject.toml packaging/system-deps.sh
	bash packaging/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
