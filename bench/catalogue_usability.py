"""Can a person hear, identify and legally use what Moodify recommends? Offline, and after the
catalogue's Jamendo tracks were looked up on the local fake Jamendo (tests/fakes/jamendo.py).

    python bench/catalogue_usability.py [--repeats 30]

Prints four tables:
  1. for each emotion and mode, the share of the top ten that can be played in the app, that may
     go into a monetised post (commercial use and use in a video), and that shows a real title and
     artist, offline and after enrichment; and how many of ten the `monetised` filter finds;
  2. enrichment throughput (tracks/s) for the whole catalogue against the fake;
  3. the latency on-demand enrichment adds to a recommendation (p50/p95), against the same
     recommendation with nothing to look up, in the same process;
  4. the time from "use this track" to a finished render of a 30 s video (download, analysis,
     render) for a 3-minute track.

The fake's licence mix (tests/fakes/jamendo.py LICENCES: 14 CC deeds, evenly; about one track in
ten forbids downloads) is made up: the real share of each licence on Jamendo is not published,
so the "after" figures say what Moodify does with such a mix, not what Jamendo holds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from skimage import data

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from sqlalchemy import update                                   # noqa: E402

from moodify.catalog import build                               # noqa: E402
from moodify.catalog.enrich import enrich_batch                 # noqa: E402
from moodify.domain import recommendations, renders, tracks     # noqa: E402
from moodify.emotion import EMOTIONS, EmotionEstimate           # noqa: E402
from moodify.media import MediaFile                             # noqa: E402
from moodify.online.jamendo import JamendoClient                # noqa: E402
from moodify.recommend import MODES, Options                    # noqa: E402
from moodify.service import Moodify                             # noqa: E402
from moodify.store import Store                                 # noqa: E402
from moodify.store.models import Track                          # noqa: E402
from tests import mediafactory                                  # noqa: E402
from tests.fakes.jamendo import FakeJamendo                     # noqa: E402


def shares(service: Moodify) -> dict[tuple[str, str], tuple[float, float, float, int]]:
    """(emotion, mode) -> (playable, monetised-OK, named) shares of the top ten, and how many
    of ten the monetised filter finds."""
    out = {}
    for emotion in EMOTIONS:
        for mode in MODES:
            reading = EmotionEstimate.from_label(emotion)
            top = recommendations.recommend(service, service.viewer(), reading, Options(limit=10, mode=mode)).tracks
            playable = np.mean([t["playable"] for t in top])
            monetised = np.mean([bool(t["licence"]["commercial_use"] and t["licence"]["video_sync"])
                                 or t["licence"]["kind"] == "own" for t in top])
            named = np.mean([bool(t["artist"]) and not t["title"].startswith("Jamendo track ") for t in top])
            monetised_only = Options(limit=10, mode=mode, usable="monetised")
            found = len(recommendations.recommend(service, service.viewer(), reading, monetised_only).tracks)
            out[(emotion, mode)] = (playable, monetised, named, found)
    return out


def print_shares(before: dict, after: dict) -> None:
    print(f"\n{'emotion':<10} {'mode':<7} | {'playable':>8} {'monetised':>9} {'named':>6} {'filter':>6} |"
          f" {'playable':>8} {'monetised':>9} {'named':>6} {'filter':>6}")
    print(f"{'':<18} | {'offline (no client id)':^34} | {'after enrichment (fake Jamendo)':^34}")
    for key in before:
        a, b = before[key], after[key]
        print(f"{key[0]:<10} {key[1]:<7} | {a[0]:>8.0%} {a[1]:>9.0%} {a[2]:>6.0%} {a[3]:>4}/10 |"
              f" {b[0]:>8.0%} {b[1]:>9.0%} {b[2]:>6.0%} {b[3]:>4}/10")
    a, b = np.mean(list(before.values()), axis=0), np.mean(list(after.values()), axis=0)
    print(f"{'mean':<18} | {a[0]:>8.0%} {a[1]:>9.0%} {a[2]:>6.0%} {a[3]:>6.1f} |"
          f" {b[0]:>8.0%} {b[1]:>9.0%} {b[2]:>6.0%} {b[3]:>6.1f}")


def on_demand_latency(service: Moodify, repeats: int) -> tuple[list[float], list[float]]:
    """Recommendation time with the shown Jamendo tracks unlooked-up (they are looked up) and
    with everything known, alternating, over emotions and modes."""
    cases = [(e, m) for e in EMOTIONS for m in MODES]
    looked, known = [], []
    for i in range(repeats):
        emotion, mode = cases[i % len(cases)]
        reading, options = EmotionEstimate.from_label(emotion), Options(limit=10, mode=mode)
        shown = recommendations.recommend(service, service.viewer(), reading, options)
        ids = [t["id"] for t in shown.tracks if t["source"] == "jamendo"]
        with service.store.session() as session:         # forget them: the next call looks them up
            session.execute(update(Track).where(Track.id.in_(ids)).values(enriched_at=None))
        with service.store.session() as session:         # the index learns that now, outside the timing
            service.index(session)
        started = time.perf_counter()
        recommendations.recommend(service, service.viewer(), reading, options)
        looked.append(time.perf_counter() - started)
        started = time.perf_counter()
        recommendations.recommend(service, service.viewer(), reading, options)
        known.append(time.perf_counter() - started)
    return looked, known


def use_this_track(service: Moodify, jamendo: FakeJamendo, root: Path) -> tuple[float, float, float]:
    """(fetch s, render s, total s) for a 3-minute track under a 30 s video."""
    song = root / "song.mp3"
    mediafactory.write_audio(song, mediafactory.chord_clip(180, bpm=118, amplitude=0.3), codec="libmp3lame")
    jamendo.clip = song.read_bytes()
    pictures = [data.astronaut(), data.coffee(), data.chelsea()]
    video = mediafactory.write_video(root / "post.mp4", pictures, 10.0,
                                     sound=mediafactory.chord_clip(30, amplitude=0.05))
    shown = recommendations.recommend(service, service.viewer(), EmotionEstimate.from_label("happiness"),
                                      Options(limit=50, usable="monetised"))
    track = next(t for t in shown.tracks if t["use"]["video"] and t["use"]["needs_download"])
    started = time.perf_counter()
    tracks.fetch_audio(service, service.viewer(), track["id"], usable="monetised")
    fetched = time.perf_counter()
    renders.render_video(service, service.viewer(), MediaFile(video, video.name), track["id"], root / "out.mp4",
                         usable="monetised")
    done = time.perf_counter()
    return fetched - started, done - fetched, done - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, FakeJamendo() as jamendo:
        root = Path(scratch)
        os.environ.update({"MOODIFY_INSTANCE": str(root), "MOODIFY_JAMENDO_API_URL": jamendo.url,
                           "MOODIFY_JAMENDO_AUDIO_HOST": jamendo.root})
        os.environ.pop("MOODIFY_JAMENDO_CLIENT_ID", None)
        os.environ.pop("MOODIFY_OFFLINE", None)
        store = Store(f"sqlite:///{root / 'bench.db'}")
        store.upgrade()
        build.build(store)
        service = Moodify(store, semantic=False)
        before = shares(service)

        os.environ["MOODIFY_JAMENDO_CLIENT_ID"] = "bench-client"
        started = time.perf_counter()
        report = enrich_batch(store, JamendoClient.from_settings())
        seconds = time.perf_counter() - started
        after = shares(service)
        print_shares(before, after)

        print(f"\n{'enrichment (whole catalogue, fake Jamendo)':<44} {'value':>10}")
        print(f"{'tracks looked up':<44} {report.asked:>10}")
        print(f"{'requests':<44} {report.requests:>10}")
        print(f"{'time':<44} {seconds:>9.1f}s")
        print(f"{'throughput':<44} {report.asked / seconds:>7.0f} /s")

        looked, known = on_demand_latency(service, args.repeats)
        p = lambda xs, q: np.percentile(np.array(xs) * 1000, q)  # noqa: E731
        print(f"\n{'recommend (10 tracks, SQLite)':<44} {'p50 ms':>8} {'p95 ms':>8}")
        print(f"{'nothing to look up (baseline)':<44} {p(known, 50):>8.1f} {p(known, 95):>8.1f}")
        print(f"{'shown Jamendo tracks looked up on demand':<44} {p(looked, 50):>8.1f} {p(looked, 95):>8.1f}")
        print(f"{'added by the look-up':<44} {p(looked, 50) - p(known, 50):>8.1f} "
              f"{p(looked, 95) - p(known, 95):>8.1f}")
        print(f"{'ratio (p50)':<44} {p(looked, 50) / p(known, 50):>7.2f}x")

        fetch_s, render_s, total_s = use_this_track(service, jamendo, root)
        print(f"\n{'use this track: 3 min track, 30 s video':<44} {'seconds':>8}")
        print(f"{'download and analysis':<44} {fetch_s:>8.2f}")
        print(f"{'render':<44} {render_s:>8.2f}")
        print(f"{'total':<44} {total_s:>8.2f}")


if __name__ == "__main__":
    main()
