# Two commands: `make site` builds the site, `make test` runs the tests.
# Both create the virtual environment and install on first run; only Python 3.11+ is needed.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test convert check export bench browser clean

$(VENV)/.site: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.site
	$(PY) -m pip install -q -e '.[test,pagefind]'
	touch $@

site: $(VENV)/.site          ## convert content/ and build the site into site/
	$(VENV)/bin/dossier build

serve: $(VENV)/.site         ## live preview on http://127.0.0.1:8000
	$(VENV)/bin/dossier serve

convert: $(VENV)/.site
	$(VENV)/bin/dossier convert

check: $(VENV)/.site
	$(VENV)/bin/dossier check

browser:                     ## Debian chromium for the browser tests; waits for apt's lock (BROWSER_LOCK_TIMEOUT, s)
	@DEBIAN_FRONTEND=noninteractive sh tests/install_browser.sh

test: $(VENV)/.test browser  ## lint, types, then the whole test suite
	$(PY) -m ruff check generator bench tests
	$(PY) -m mypy generator bench
	$(PY) -m pytest -q -n 2 --dist loadfile

bench: $(VENV)/.test
	$(PY) -m bench --corpus ../shared/corpora/bbc --sizes 200,1000,2225

clean:
	rm -rf site .cache tests/output
