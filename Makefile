# permafrost_magt developer commands. `make test` sets up a fresh Debian 12 (as root) and runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
SYSTEM_PYTHON := /usr/bin/python3
APT_PACKAGES := qgis python3-qgis python3-gdal python3-scipy python3-matplotlib python3-venv gdal-bin fonts-wqy-microhei python3-distributed
HEADLESS := QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$${XDG_RUNTIME_DIR:-/tmp/runtime-$$(id -u)} \
	PYTHONPATH=/usr/share/qgis/python/plugins$${PYTHONPATH:+:$$PYTHONPATH}
ZIP := dist/permafrost_magt.zip
ZIP_EXCLUDES := ./tests ./benchmarks ./demo ./demo_output ./validation_output ./bench_domain_output ./dist ./.venv ./.git ./.ci ./pytest.ini ./.gitignore ./.ruff_cache .pytest_cache __pycache__ '*.pyc' '.*.part.*'

.PHONY: help setup test test-core test-qgis lint zip demo bench bench-region bench-domain validate clean translations screenshots

help:
	@echo "make demo   - run the whole workflow on the bundled demo region (writes demo_output/)"
	@echo "make test   - install what is needed (Debian 12, as root) and run all tests headless"
	@echo "make test-core | test-qgis | lint | zip | bench | bench-region | bench-domain | validate | translations | screenshots | clean"

setup: $(VENV)/.ready

$(VENV)/.ready:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check pytest-qgis==2.1.0
	touch $@

test: setup
	@mkdir -p -m 700 $${XDG_RUNTIME_DIR:-/tmp/runtime-$$(id -u)}
	$(HEADLESS) $(PY) -m pytest tests -q -rs

test-core: setup
	$(PY) -m pytest -p no:pytest_qgis -W ignore::pytest.PytestConfigWarning tests/core -q -rs

test-qgis: setup
	@mkdir -p -m 700 $${XDG_RUNTIME_DIR:-/tmp/runtime-$$(id -u)}
	$(HEADLESS) $(PY) -m pytest tests/qgis -q -rs

lint: setup
	$(PY) -m pip install -q --disable-pip-version-check ruff==0.6.9
	$(PY) -m ruff check --no-cache --line-length 120 --target-version py39 .
	$(PY) -m pytest tests/core/test_core_purity.py -q

zip:
	@stage=$$(mktemp -d) && mkdir -p $$stage/permafrost_magt $(dir $(ZIP)) && \
	tar -c $(addprefix --exclude=,$(ZIP_EXCLUDES)) . | tar -x -C $$stage/permafrost_magt && \
	rm -f $(ZIP) && out=$$(realpath $(ZIP)) && (cd $$stage && $(SYSTEM_PYTHON) -m zipfile -c $$out permafrost_magt) && \
	rm -rf $$stage && echo "wrote $(ZIP)"

# Merge new interface strings into i18n/*.ts (translations kept), then compile the .qm files shipped in the zip
# (lrelease: Debian package qttools5-dev-tools; the compiled .qm files are committed, so tests do not need it).
translations:
	$(HEADLESS) $(SYSTEM_PYTHON) i18n/update_ts.py
	lrelease -silent i18n/*.ts

# Dialog screenshots in English and Chinese (docs/dialog_*.png): under Xvfb when xvfb-run is installed,
# else with Qt's offscreen platform.
screenshots:
	@mkdir -p -m 700 $${XDG_RUNTIME_DIR:-/tmp/runtime-$$(id -u)}
	if command -v xvfb-run >/dev/null; then xvfb-run -a $(SYSTEM_PYTHON) docs/screenshots.py; \
	else XDG_RUNTIME_DIR=$${XDG_RUNTIME_DIR:-/tmp/runtime-$$(id -u)} $(SYSTEM_PYTHON) docs/screenshots.py; fi

demo: setup
	$(SYSTEM_PYTHON) demo/run_demo.py

bench: setup
	$(PY) benchmarks/bench_solver.py
	$(PY) benchmarks/solver_cost.py --columns 1000 --years 5
	$(PY) benchmarks/dt_convergence.py

bench-region: setup
	$(PY) benchmarks/bench_region.py --size 500 --years 1 --dask local:2
	$(PY) benchmarks/bench_region.py --memory
	$(PY) benchmarks/warm_skip_accuracy.py

# The full published domain (112.75–134.94 E, 38.04–54.35 N at 30″) end to end from ../shared/data, timed, with
# peak memory and an exact check at 2 000 random pixels: HWSD soil, then per-pixel continuous soil.
bench-domain: setup
	$(SYSTEM_PYTHON) benchmarks/bench_domain.py
	$(SYSTEM_PYTHON) benchmarks/bench_domain.py --continuous-soil

validate: setup
	$(SYSTEM_PYTHON) benchmarks/validate.py

clean:
	rm -rf dist demo_output .pytest_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
