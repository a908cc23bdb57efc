# The two commands of the README: `make run` and `make test`. Both bootstrap .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshots clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py

test: $(STAMP)
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -rs -n auto  # a worker a core; -rs: why skipped

bench: $(STAMP)
	$(BIN)/python benchmarks/load_bench.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-main.png \
		--anchor op11 --search PNR
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-dark.png \
		--anchor op11 --search PNR --theme dark
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-compare.png \
		--compare S/2017/1051 --changes 7
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-annotations.png \
		--anchor op10 --annotate
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-structure.png \
		--document "S/RES/820 (1993)" --anchor partB --side Outline
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-record.png \
		--card "S/RES/1267 (1999)" --record Cyprus
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-redline.png \
		--compare S/2017/1051 --redline --changes 7
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py docs/screenshot-laptop.png \
		--anchor op11 --search PNR --size 1024x640

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
