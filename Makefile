# govreply: `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: venv run test eval eval-dev eval-ocr schemas bench bench-zoo bench-load bench-report bench-ocr clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[export,ocr,test]'
	$(PY) -m compileall -q pipeline  # (an editable install is not compiled: 0.1 s of every start-up)
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

## process corpora/ into out/ (letters.jsonl, errors.jsonl, letters.db, manifest.json)
run: $(STAMP)
	$(PY) -m pipeline run corpora --out out

## the test suite (unit, component, end-to-end, seed letter, schema freshness)
test: $(STAMP)
	$(PY) -m pytest -q

## score out/ against the gold corpus
eval: run
	$(PY) -m pipeline eval corpora/gold --out out

## score the real-letter dev set (devset/raw/, fetched locally and never committed) against devset/gold
eval-dev: $(STAMP)
	@if ls devset/raw/*.txt >/dev/null 2>&1; then \
		$(PY) -m pipeline -q run devset/raw --out out-dev --no-db && $(PY) -m pipeline eval devset/gold --out out-dev $(EVAL); \
	else echo "eval-dev: skipped, devset/raw/ holds no letters (devset/README.md says how to fetch them)"; fi

## the corpus rendered to scans (out-ocr/: clean 300 dpi, degraded 150 and 300 dpi), read by OCR and
## scored against the same gold as the text letters (takes about half an hour on two cores)
OCR_VARIANTS ?= clean300 degraded degraded300
eval-ocr: $(STAMP)
	$(PY) benchmarks/ocr_render.py --out out-ocr --variants $(OCR_VARIANTS) --quiet
	@for v in $(OCR_VARIANTS); do \
		echo "== $$v"; \
		$(PY) -m pipeline -q run out-ocr/$$v --out out-ocr/run-$$v --no-db --jobs 2 && \
		$(PY) -m pipeline eval corpora/gold --out out-ocr/run-$$v --by-stem $(EVAL) || exit 1; \
	done

## regenerate schemas/letter.schema.json from the models (schemas/*.sql link to pipeline/store/)
schemas: $(STAMP)
	$(PY) -m pipeline schema --out schemas

## throughput of the full pipeline (2,000 letters, one and two workers) against plain jieba.lcut
## (make bench BENCH="--letters 20000 --repeat 3" passes options on)
bench: $(STAMP)
	$(PY) benchmarks/bench.py $(BENCH)

## time and peak memory of a run over the bad-input zoo (ZIP bomb, 200 MB file, deep HTML …)
bench-zoo: $(STAMP)
	$(PY) benchmarks/zoo.py

## how long loading 10,000 records into SQLite takes (relational tables and the search index)
bench-load: $(STAMP)
	$(PY) benchmarks/load.py

## the HTML report at scale: build time and page weight for 20,000 letters
bench-report: $(STAMP)
	$(PY) benchmarks/report.py

## OCR: pages/s, seconds a page and peak RSS on rendered scans, one and two workers
bench-ocr: $(STAMP)
	$(PY) benchmarks/ocr.py $(BENCH)

clean:
	rm -rf out out-dev out-ocr .pytest_cache
