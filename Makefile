# The two set-up commands of the README: `make run` and `make test`.
# Each creates .venv, installs the project and the system libraries Qt needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench wheel clean package package-test messages translations

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

# Translations (README "How to add a language"): `make messages` extracts every message
# into resources/locale/ccn_desktop.pot and merges it into each language's .po;
# `make translations` compiles the .po files into the .mo files the program reads.
LOCALE := resources/locale
KEYWORDS := -k tr -k _tr -k translate:2 -k npgettext:1c,2,3 -k ntr:1,2
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(KEYWORDS) --no-location --sort-output \
		--project=ccn-desktop --msgid-bugs-address="" --copyright-holder="UNESCO Creative Cities Network" \
		-o $(LOCALE)/ccn_desktop.pot ccn_desktop resources/factsheet
	$(BIN)/pybabel update -i $(LOCALE)/ccn_desktop.pot -d $(LOCALE) -D ccn_desktop \
		--no-fuzzy-matching --ignore-obsolete --no-wrap

translations: $(STAMP)
	$(BIN)/pybabel compile -d $(LOCALE) -D ccn_desktop --statistics

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
