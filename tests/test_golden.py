"""Golden output: what Moodify makes of a fixed set of posts stays exactly as recorded in
tests/golden/posts.json, so a refactor shows it changed no behaviour by passing untouched.

The posts (tests/golden_posts.py): an English caption with emoji and hashtags, a Korean caption, a
plain caption, two photos (skimage's astronaut and coffee), a generated music clip, a short
generated video with sound, and a caption with a photo and a speech clip. Each is analysed and
recommended for through the service the web API uses (`analyse`, then `recommend_for_analysis`),
and recorded:

- the fused reading and each part's: label, the seven probabilities, valence, arousal and
  confidence, rounded to 4 decimals as the API shows them;
- five lists of 10 (match, uplift, calm; match with usable=personal; match with a caption for
  semantic fit): the track ids in order and their scores, rounded to 4 decimals.

Pinned, so the figures depend on the code alone, not on the machine or on earlier tests:

- A fresh interpreter takes them: models are loaded once per process under the settings in force
  then, so in a full run earlier tests would otherwise decide, e.g., the caption encoder's precision.
- Every MOODIFY_* variable of the environment is dropped; then caption_precision=float32 (auto
  picks bfloat16 on a CPU with native bfloat16, which moves caption probabilities by up to 0.001),
  offline=1 (no Jamendo look-ups: nothing leaves the machine), semantic=on, and the instance is a
  temporary folder (CLIP weights installed in ./instance are not used: photos are read from colour
  and light). The service is built as `Moodify(store)`, so it takes these settings as the app does.
- The catalogue is built afresh from the shipped sources in a temporary SQLite file, not the
  session's `sqlite_store`, so no other test's tracks reach the ranking.
- Photos are PNG and the music WAV (lossless). The video is H.264 + AAC from PyAV's bundled
  encoders: an upgrade of `av` may change its pixels, and so its figures.
- Torch's thread count is left alone: one thread and two give the same figures at 4 decimals.

When a change is meant to change these figures, rewrite the file and review what moved:

    MOODIFY_GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/test_golden.py
    git diff tests/golden/posts.json

A run without MOODIFY_GOLDEN_UPDATE=1 never writes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "posts.json"
PINNED = {"MOODIFY_CAPTION_PRECISION": "float32", "MOODIFY_OFFLINE": "1", "MOODIFY_SEMANTIC": "on"}
SHOWN = 60      # differences listed in a failure; the rest are counted


def take_readings(workdir: Path) -> dict:
    """The golden posts' figures, from a fresh interpreter running this checkout's code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOODIFY_")}
    env |= PINNED | {"MOODIFY_INSTANCE": str(workdir / "instance"),
                     "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))}
    done = subprocess.run([sys.executable, "-m", "tests.golden_posts", str(workdir)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"tests/golden_posts.py failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def leaves(value, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], object]:
    """path -> value for every number, string and list of them; a post's parts are keyed by name."""
    if isinstance(value, dict):
        return {k: v for key in value for k, v in leaves(value[key], path + (key,)).items()}
    if isinstance(value, list) and value and all(isinstance(v, dict) and "name" in v for v in value):
        return {k: v for item in value for k, v in leaves(item, path + (item["name"],)).items()}
    return {path: value}


def differences(expected: dict, got: dict) -> list[str]:
    """One line per figure that differs ('post › field: recorded -> now'), or per post that is
    only on one side."""
    lines = [f"{name}: recorded, but no longer made" for name in sorted(expected.keys() - got.keys())]
    lines += [f"{name}: made, but not recorded" for name in sorted(got.keys() - expected.keys())]
    both = expected.keys() & got.keys()
    before, after = leaves({k: expected[k] for k in both}), leaves({k: got[k] for k in both})
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path, "(absent)"), after.get(path, "(absent)")
        if old != new:
            lines.append(f"{' › '.join(path)}: {json.dumps(old, ensure_ascii=False)} -> "
                         f"{json.dumps(new, ensure_ascii=False)}")
    return lines


def dumps(value, indent: str = "") -> str:
    """JSON with sorted keys, one line for each object or list that holds no other."""
    inner = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    if not any(isinstance(v, (dict, list)) for v in inner):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    step = indent + " "
    if isinstance(value, dict):
        items = [f"{step}{json.dumps(k, ensure_ascii=False)}: {dumps(value[k], step)}" for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return "[\n" + ",\n".join(step + dumps(v, step) for v in value) + "\n" + indent + "]"


def test_readings_and_recommendations_are_as_recorded(tmp_path):
    got = take_readings(tmp_path)
    if os.environ.get("MOODIFY_GOLDEN_UPDATE") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(dumps(got) + "\n", encoding="utf-8")
        warnings.warn(f"rewrote {GOLDEN.relative_to(ROOT)}: review it with git diff", stacklevel=1)
        return
    assert GOLDEN.exists(), (f"{GOLDEN.relative_to(ROOT)} is missing: write it with "
                             "MOODIFY_GOLDEN_UPDATE=1 and commit it")
    diff = differences(json.loads(GOLDEN.read_text(encoding="utf-8")), got)
    if diff:
        shown = diff[:SHOWN] + ([f"... and {len(diff) - SHOWN} more"] if len(diff) > SHOWN else [])
        pytest.fail(f"{len(diff)} differences from {GOLDEN.relative_to(ROOT)} (recorded -> now):\n  "
                    + "\n  ".join(shown) + "\nIf the change is meant, rewrite the file with "
                    "MOODIFY_GOLDEN_UPDATE=1 (see this module's docstring).", pytrace=False)
