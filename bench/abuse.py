"""The server under abuse, measured: slow connections, pixel bombs, racing sign-ups, name probing.

    python bench/abuse.py [--slow-seconds 60]

Prints one table:
  - 300 connections that never finish their headers (one header line every 5 s, "slowloris")
    held against a real `moodify serve` for 60 s, while /api/v1/health and a recommendation are
    asked twice a second: their p95, and how many slow clients the header timeout cut;
  - Schemathesis over the whole OpenAPI document, both modes (single-person and multi-user),
    --fuzz-examples valid and invalid requests per operation: cases run, 5xx answers, answers off
    the document;
  - peak memory growth for one and for eight concurrent decodes of a 6300x6300 PNG (128 KB on disk)
    through the photo reader (full-size decodes take turns, two at a time);
  - 100 concurrent sign-ups of one name on SQLite: how many 201, 409 and 5xx;
  - sign-in time for an unknown name against a wrong password (the dummy hash makes them alike).
Each memory figure is read in a fresh child process, so one row's allocations cannot hide another's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import json
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


SLOW_CLIENTS = 300


async def _slow_client(port: int, seconds: float, cut: list) -> None:
    """Opens a request and sends one more header line every 5 s, never the blank line; when the
    server cuts it, it comes straight back (as an attacker would) until the time is up."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        opened = time.monotonic()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /api/v1/health HTTP/1.1\r\nHost: bench\r\n")
            await writer.drain()
            while time.monotonic() < until:
                try:
                    await asyncio.wait_for(reader.read(1), timeout=5)   # b"" or an answer: cut
                    break
                except asyncio.TimeoutError:
                    writer.write(b"X-Slow: 1\r\n")
                    await writer.drain()
            else:
                writer.close()
                return
        except OSError:
            pass
        cut.append(time.monotonic() - opened)
        await asyncio.sleep(0.1)


def _timed(url: str, body: bytes | None = None) -> float:
    import urllib.request

    started = time.perf_counter()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            answer.read()
    except OSError:
        return 10_000.0                 # no answer within 10 s counts as 10 s
    return (time.perf_counter() - started) * 1000


async def _under_slowloris(port: int, seconds: float) -> dict:
    cut: list[float] = []
    slow = [asyncio.create_task(_slow_client(port, seconds, cut)) for _ in range(SLOW_CLIENTS)]
    await asyncio.sleep(1)
    base, health, recommend = f"http://127.0.0.1:{port}/api/v1", [], []
    ask = json.dumps({"emotion": "happiness", "limit": 10}).encode()
    until = time.monotonic() + seconds - 2
    while time.monotonic() < until:
        health.append(await asyncio.to_thread(_timed, f"{base}/health"))
        recommend.append(await asyncio.to_thread(_timed, f"{base}/recommendations", ask))
        await asyncio.sleep(0.5)
    await asyncio.gather(*slow)
    return {"health": health, "recommend": recommend, "cut": cut}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def slow_connections(database_url: str, instance: Path, seconds: float) -> dict:
    """A real `moodify serve` (the production stack) on a free port under SLOW_CLIENTS slow clients."""
    import resource

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    env = {**os.environ, "MOODIFY_DATABASE_URL": database_url, "MOODIFY_INSTANCE": str(instance)}
    server = subprocess.Popen([str(Path(sys.executable).with_name("moodify")), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _timed(f"http://127.0.0.1:{port}/api/v1/health") >= 10_000:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("moodify serve did not start")
            time.sleep(0.5)
        _timed(f"http://127.0.0.1:{port}/api/v1/recommendations", b'{"emotion": "happiness"}')   # warm
        return asyncio.run(_under_slowloris(port, seconds))
    finally:
        server.terminate()
        server.wait(30)


def fuzz(app, examples: int) -> dict:
    """What tests/web/test_schema_fuzz.py asserts, counted instead: every case is run to the end."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from schemathesis.generation import GenerationMode

    from tests.web.test_schema_fuzz import CHECKS, OPERATIONS

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    counts = {"cases": 0, "5xx": 0, "off_schema": 0}
    for path, method in OPERATIONS:
        operation = schema[path][method]

        @given(case=st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                              operation.as_strategy(GenerationMode.NEGATIVE)))
        @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case):
            counts["cases"] += 1
            response = case.call()
            counts["5xx"] += response.status_code >= 500
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception:           # noqa: BLE001 - any failed check is counted, not raised
                counts["off_schema"] += 1
        run()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slow-seconds", type=float, default=60.0)
    parser.add_argument("--fuzz-examples", type=int, default=100)
    args = parser.parse_args()
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
        app = create_app({"database_url": store.url, "instance": str(root), "auth": "required", "offline": "1",
                          "secret_key": "b" * 48})
        raced = race(app, "raced")
        unknown, wrong = sign_in_ms(app, "nobody-at-all"), sign_in_ms(app, "raced")
        fuzzed = [fuzz(app, args.fuzz_examples),
                  fuzz(create_app({"database_url": store.url, "instance": str(root), "offline": "1"}),
                       args.fuzz_examples)]
        slow = slow_connections(store.url, root / "served", args.slow_seconds)

    held = f"{SLOW_CLIENTS} slow connections for {args.slow_seconds:.0f} s"
    print(f"\n{'case':<58} {'value':>14}")
    print(f"{held + ': /health p95':<58} {p95(slow['health']):>11.0f} ms")
    print(f"{'  the same: a recommendation, p95':<58} {p95(slow['recommend']):>11.0f} ms")
    print(f"{'  slow clients cut by the header timeout':<58} {len(slow['cut']):>14}")
    if slow["cut"]:
        print(f"{'  ... each after (median)':<58} {statistics.median(slow['cut']):>12.1f} s")
    cases = sum(f["cases"] for f in fuzzed)
    print(f"{'API fuzzing (Schemathesis, both modes): cases run':<58} {cases:>14}")
    print(f"{'  5xx answers':<58} {sum(f['5xx'] for f in fuzzed):>14}")
    print(f"{'  answers off the OpenAPI document':<58} {sum(f['off_schema'] for f in fuzzed):>14}")
    print(f"{f'6300x6300 PNG ({kb} KB), one decode: RSS growth':<58} {one:>11.0f} MB")
    print(f"{'the same, 8 at once':<58} {eight:>11.0f} MB")
    print(f"{'100 racing sign-ups of one name (SQLite)':<58} {', '.join(f'{n}x{s}' for s, n in raced.items()):>14}")
    print(f"{'sign-in, unknown name (median of 10)':<58} {unknown:>11.0f} ms")
    print(f"{'sign-in, wrong password (median of 10)':<58} {wrong:>11.0f} ms")
    print(f"{'ratio unknown / wrong':<58} {unknown / wrong:>13.2f}x")


if __name__ == "__main__":
    main()
