# Two commands on a fresh machine: `make demo` and `make test`.
# Everything is installed from requirements.lock (pinned, with hashes) into .venv.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system demo serve test lint bench fuzz eval lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The lock is complete, so nothing is resolved: --no-deps keeps pip from looking up a newer
	# release for a dependency's own range (pip 23 in hash mode then refuses), and pip check
	# proves the pinned set still satisfies every package's requirements.
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip check
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/dateline gazetteer build
	touch $(STAMP)

system:
	scripts/system-packages.sh

setup: system $(STAMP)

demo: setup
	$(BIN)/dateline demo

# The web page and the HTTP API on the demo store (built by `make demo` when missing).
serve: setup
	[ -f demo.db ] || $(BIN)/dateline demo
	$(BIN)/dateline serve --db demo.db

# The gate: lint, format, types, then every test (skips are listed with their reason).
lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/ingest.py

# Hostile inputs through ingest (issue 18): 2,000 generated files plus every listed case;
# a fixed-seed sample of the same runs in `make test` (tests/fuzz).
fuzz: setup
	$(BIN)/python bench/fuzz.py --files 2000
	$(BIN)/python bench/hostile.py

# Regenerate the lock file after editing requirements.in (needs network and uv).
lock:
	uv pip compile --python-version 3.11 --generate-hashes --no-strip-extras --index-url https://pypi.org/simple requirements.in -o requirements.lock

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache
