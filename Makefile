# Two commands from a fresh clone:
#   make demo   - set up .venv, install Telusur, analyse the demo corpus into out/demo.db
#   make test   - set up .venv with test dependencies (and Debian's chromium) and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,spark]'
	@# the Spark tests run a real local Spark, which needs a Java runtime (Debian's, as for chromium below)
	@command -v java >/dev/null 2>&1 || [ -n "$$JAVA_HOME" ] || { \
	  echo "installing Debian's openjdk-17-jre-headless for the Spark tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q openjdk-17-jre-headless >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q openjdk-17-jre-headless >/dev/null; }; \
	  else sudo -n apt-get install -y -q openjdk-17-jre-headless >/dev/null 2>&1 || echo "could not install Java (no root): Spark tests will be skipped"; fi; }
	@# the browser tests drive Debian's Chromium (Playwright's own browser download needs a network we do not have)
	@command -v chromium >/dev/null 2>&1 || [ -n "$$TELUSUR_CHROMIUM" ] || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else sudo -n apt-get install -y -q chromium >/dev/null 2>&1 || echo "could not install chromium (no root): browser tests will be skipped"; fi; }

demo: install
	$(BIN)/telusur analyze demo/corpus --db out/demo.db --out out/demo

test: install-test
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench_text.py
	$(BIN)/python bench/bench_html.py
	$(BIN)/python bench/bench_memory.py
	$(BIN)/python bench/bench_dedup.py

clean:
	rm -rf out .pytest_cache
