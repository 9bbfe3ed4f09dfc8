# sitrep: `make demo` sets everything up and runs the main job; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BENCH  ?= ../shared/bench
DEMO_SERVE ?= 1
DEMO_PORT  ?= 8000

.PHONY: install assets model demo test bench bench-reliability clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# The dashboard's offline map assets: npm packages pinned in web/package-lock.json,
# copied into $$SITREP_HOME/assets (skipped when the lock file is unchanged).
ASSETS_STAMP := web/node_modules/.sitrep-assets-stamp
$(ASSETS_STAMP): web/package-lock.json $(STAMP)
	cd web && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/sitrep assets build web/node_modules
	touch $(ASSETS_STAMP)

assets: $(ASSETS_STAMP)
	@test -f "$${SITREP_HOME:-$$HOME/.cache/sitrep}/assets/assets.json" || $(BIN)/sitrep assets build web/node_modules

# Builds the sub-type classifier from the bundled corpus and the gazetteer from
# the GeoNames packages (both cached under $$SITREP_HOME; skipped when current).
model: install assets
	$(BIN)/sitrep train
	$(BIN)/sitrep gazetteer build

demo: model
	@mkdir -p demo-out
	$(BIN)/sitrep extract samples/articles.jsonl -o demo-out/events.jsonl
	$(BIN)/sitrep extract samples/articles.jsonl -o demo-out/events.csv -q
	$(BIN)/sitrep summary demo-out/events.jsonl
	$(BIN)/sitrep ingest samples/articles.jsonl --db sqlite:///demo-out/sitrep.db -q
	$(BIN)/sitrep report --db sqlite:///demo-out/sitrep.db --country SD --date 2024-06-15 -o demo-out/report-SD-2024-06-15.html
	@echo "Events written to demo-out/events.jsonl and demo-out/events.csv, stored in demo-out/sitrep.db;"
	@echo "a situation report in demo-out/report-SD-2024-06-15.html"
	@if [ "$(DEMO_SERVE)" != "0" ]; then \
	  echo "Dashboard: http://127.0.0.1:$(DEMO_PORT)/  (API docs at /docs; Ctrl-C stops it; DEMO_SERVE=0 skips this)"; \
	  $(BIN)/sitrep serve --db sqlite:///demo-out/sitrep.db --port $(DEMO_PORT); fi

test: model
	$(BIN)/python -m pytest -q

# Figures, never pass/fail: accuracy (sitrep eval) and speed (sitrep bench).
bench: model
	@if [ -d "$(BENCH)" ]; then \
	  $(BIN)/sitrep eval -q $(BENCH)/seed_gold.jsonl gold/events_gold.jsonl gold/multisource.jsonl && \
	  $(BIN)/sitrep eval -q --cv 5 $(BENCH)/case2021_task2_dev.tsv && \
	  $(BIN)/sitrep eval -q $(BENCH)/acled_2020_notes_dev.csv && \
	  $(BIN)/sitrep eval -q $(BENCH)/GeoVirus.xml && \
	  $(BIN)/sitrep eval -q $(BENCH)/lgl.xml && \
	  $(BIN)/sitrep eval -q $(BENCH)/../data/event_location_labeled_text.jsonl.zip && \
	  $(BIN)/sitrep bench $(BENCH) && \
	  $(BIN)/sitrep bench scale; \
	else echo "make bench: $(BENCH) not found; benchmarks need ../shared/bench"; fi

# Fuzzing (100,000 inputs), SIGKILL mid-ingest, concurrent ingest + reads, a 60 s load
# test with wrk (installed with apt when possible) and a backup round trip. Figures only.
bench-reliability: model
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null 2>&1; } || \
	  echo "make bench-reliability: wrk not installed; using the Python load client"
	$(BIN)/sitrep bench reliability $(BENCH) --out bench-out

clean:
	rm -rf $(VENV) demo-out bench-out .pytest_cache
