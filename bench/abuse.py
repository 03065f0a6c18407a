"""The server under abuse, measured: pixel bombs, racing sign-ups, name probing.

    python bench/abuse.py

Prints one table:
  - peak memory growth for one and for eight concurrent decodes of a 6300x6300 PNG (128 KB on disk)
    through the photo reader (full-size decodes take turns, two at a time);
  - 100 concurrent sign-ups of one name on SQLite: how many 201, 409 and 5xx;
  - sign-in time for an unknown name against a wrong password (the dummy hash makes them alike).
Each memory figure is read in a fresh child process, so one row's allocations cannot hide another's.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

BOMB_CHILD = """
import resource, sys
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, {root!r})
from moodify.media import MediaFile
from moodify.media.images import decode
import PIL.Image
PIL.Image.new("RGB", (64, 64)).save({tiny!r})
decode(MediaFile(Path({tiny!r}), "tiny.png"))      # every library loaded before the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with ThreadPoolExecutor({n}) as pool:
    list(pool.map(lambda i: decode(MediaFile(Path({path!r}), "bomb.png")).shape, range({n})))
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
"""


def bomb_growth(path: Path, n: int) -> float:
    code = BOMB_CHILD.format(root=str(HERE.parent), n=n, path=str(path), tiny=str(path.with_name("tiny.png")))
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def race(app, name: str, attempts: int = 100) -> dict[int, int]:
    def attempt(i: int) -> int:
        return app.test_client().post("/api/v1/auth/register", json={"name": name, "password": "a long walk at dusk"},
                                      environ_overrides={"REMOTE_ADDR": f"10.{i // 250}.{i % 250}.9"}).status_code
    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(attempt, range(attempts)))
    return {status: statuses.count(status) for status in sorted(set(statuses))}


def sign_in_ms(app, name: str, repeats: int = 10) -> float:
    client, times = app.test_client(), []
    for i in range(repeats):
        started = time.perf_counter()
        client.post("/api/v1/auth/login", json={"name": name, "password": f"not it {i} at all"},
                    environ_overrides={"REMOTE_ADDR": f"10.200.{i}.1"})
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    from PIL import Image

    from moodify.catalog import build
    from moodify.store import Store
    from moodify.web import create_app

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        bomb = root / "bomb.png"
        Image.new("RGB", (6300, 6300), (200, 30, 30)).save(bomb, optimize=True)
        one, eight, kb = bomb_growth(bomb, 1), bomb_growth(bomb, 8), bomb.stat().st_size // 1024

        store = Store(f"sqlite:///{root / 'bench.db'}")
        store.upgrade()
        build.build(store)
        app = create_app({"database_url": store.url, "instance": str(root), "auth": "required",
                          "secret_key": "b" * 48})
        raced = race(app, "raced")
        unknown, wrong = sign_in_ms(app, "nobody-at-all"), sign_in_ms(app, "raced")

    print(f"\n{'case':<58} {'value':>14}")
    print(f"{f'6300x6300 PNG ({kb} KB), one decode: RSS growth':<58} {one:>11.0f} MB")
    print(f"{'the same, 8 at once':<58} {eight:>11.0f} MB")
    print(f"{'100 racing sign-ups of one name (SQLite)':<58} {', '.join(f'{n}x{s}' for s, n in raced.items()):>14}")
    print(f"{'sign-in, unknown name (median of 10)':<58} {unknown:>11.0f} ms")
    print(f"{'sign-in, wrong password (median of 10)':<58} {wrong:>11.0f} ms")
    print(f"{'ratio unknown / wrong':<58} {unknown / wrong:>13.2f}x")


if __name__ == "__main__":
    main()
