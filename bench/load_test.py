"""Load: 50 concurrent users for 60 s against a local `moodify serve` (its own worker pool),
mixing caption analyses, recommendations and feedback (bench/locustfile.py).

    python bench/load_test.py [--users 50] [--seconds 60]

Needs `pip install locust` (a bench tool, not a Moodify dependency). Prints throughput, p50/p95/p99
latency and errors per kind of request, and the server's memory every 10 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "MOODIFY_INSTANCE": scratch}
        env.pop("MOODIFY_DATABASE_URL", None)
        server = subprocess.Popen([sys.executable, "-m", "moodify", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(f"{url}/api/v1/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            for caption in ("warm-up 😊", "준비"):            # load the models before timing
                request = urllib.request.Request(f"{url}/api/v1/analyses", method="POST",
                                                 data=f'{{"caption": "{caption}"}}'.encode(),
                                                 headers={"content-type": "application/json"})
                urllib.request.urlopen(request, timeout=60)
            memory = [(0, rss_mb(server.pid))]
            prefix = Path(scratch) / "load"
            locust = subprocess.Popen([sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
                                       "-u", str(args.users), "-r", str(max(1, args.users // 5)),
                                       "-t", f"{args.seconds}s", "--host", url, "--csv", str(prefix),
                                       "--only-summary"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            started = time.monotonic()
            while locust.poll() is None:
                time.sleep(1)
                elapsed = time.monotonic() - started
                if elapsed - memory[-1][0] >= 10:
                    memory.append((round(elapsed), rss_mb(server.pid)))
            memory.append((round(time.monotonic() - started), rss_mb(server.pid)))
            with open(f"{prefix}_stats.csv") as handle:
                rows = list(csv.DictReader(handle))
            with open(f"{prefix}_failures.csv") as handle:
                failures = list(csv.DictReader(handle))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"\n{args.users} users, {args.seconds} s, 2 cores")
    print(f"{'request':<20} {'count':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    for row in rows:
        print(f"{row['Name']:<20} {row['Request Count']:>6} {float(row['Requests/s']):>7.1f} "
              f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7} {row['Failure Count']:>7}")
    for failure in failures:
        print(f"  failed {failure['Occurrences']}x {failure['Name']}: {failure['Error'][:160]}")
    print("\nserver memory (RSS MB) at " + ", ".join(f"{t} s: {m:.0f}" for t, m in memory))


if __name__ == "__main__":
    main()
