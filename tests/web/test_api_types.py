"""The web app's types come from the API's document, never written twice: the checked-in document
(frontend/openapi.json) is the one the code writes now, and the checked-in types
(frontend/src/api-types.ts) are what openapi-typescript makes of it. When either is out of date:

    python -m moodify.web.openapi > frontend/openapi.json && (cd frontend && npm run types)

(`make` does both before it builds the web app.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
CLI = FRONTEND / "node_modules" / "openapi-typescript" / "bin" / "cli.js"
REGENERATE = "python -m moodify.web.openapi > frontend/openapi.json && (cd frontend && npm run types)"


def test_the_checked_in_document_is_the_one_the_code_writes():
    written = subprocess.run([sys.executable, "-m", "moodify.web.openapi"], cwd=ROOT, capture_output=True,
                             text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    checked_in = (FRONTEND / "openapi.json").read_text(encoding="utf-8")
    assert json.loads(written) == json.loads(checked_in), f"frontend/openapi.json is out of date: {REGENERATE}"
    assert written == checked_in, f"frontend/openapi.json is not as the code writes it: {REGENERATE}"


def test_the_web_apps_types_are_generated_from_that_document():
    if not CLI.exists() or not shutil.which("node"):
        reason = "node or frontend/node_modules is missing (cd frontend && npm install)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI checks the generated types)")
        pytest.skip(reason)
    generated = subprocess.run(["node", str(CLI), "openapi.json"], cwd=FRONTEND, capture_output=True, text=True,
                               check=True).stdout
    checked_in = (FRONTEND / "src" / "api-types.ts").read_text(encoding="utf-8")
    assert generated == checked_in, f"frontend/src/api-types.ts is out of date: {REGENERATE}"
