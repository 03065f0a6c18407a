"""Importing your own music and rendering finished videos.

    python bench/library_render.py [--tracks 12] [--cache DIR]

Prints two tables: import throughput (tracks per minute) for a folder of generated 60 s tracks
in four formats, and render time against video length (720p H.264 with sound, the picture
copied), with the loudness reached. Timed in this process after a warm-up import.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from moodify import library, render, segments                  # noqa: E402
from moodify.media import MediaFile                             # noqa: E402
from moodify.store import Store                                 # noqa: E402
from moodify.store.models import Track                          # noqa: E402
from tests import mediafactory                                  # noqa: E402

FORMATS = [("wav", "pcm_s16le"), ("mp3", "libmp3lame"), ("m4a", "aac"), ("flac", "flac")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tracks", type=int, default=12)
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "music"
        folder.mkdir()
        for i in range(args.tracks):
            suffix, codec = FORMATS[i % len(FORMATS)]
            clip = mediafactory.chord_clip(60, bpm=70 + 7 * i, notes=((0, 4, 7, 12), (0, 3, 7, 3))[i % 2])
            mediafactory.write_audio(folder / f"track{i:02}.{suffix}", clip, codec=codec)
        store = Store(f"sqlite:///{root / 'bench.db'}")
        store.upgrade()
        warm = root / "warm"
        warm.mkdir()
        mediafactory.write_audio(warm / "w.wav", mediafactory.chord_clip(10))
        library.import_dir(store, warm)
        started = time.perf_counter()
        report = library.import_dir(store, folder)
        seconds = time.perf_counter() - started
        again = time.perf_counter()
        library.import_dir(store, folder)
        rescan = time.perf_counter() - again
        print(f"\n{'import':<40} {'value':>10}")
        print(f"{'tracks (60 s each, wav/mp3/m4a/flac)':<40} {len(report.imported):>10}")
        print(f"{'time':<40} {seconds:>9.1f}s")
        print(f"{'throughput':<40} {len(report.imported) / seconds * 60:>6.0f} /min")
        print(f"{'second run (all unchanged, skipped)':<40} {rescan:>9.2f}s")

        with store.session() as session:
            annotation = session.get(Track, report.imported[0]["id"]).annotation
        print(f"\n{'video length s':>14} {'render s':>9} {'x real time':>12} {'LUFS':>7}")
        for length in (5, 15, 30, 60):
            video = mediafactory.write_video(root / f"v{length}.mp4", [_picture()], length, fps=30,
                                             size=(1280, 720), sound=mediafactory.chord_clip(length, amplitude=0.1))
            start = segments.best_segment(annotation, length).start
            began = time.perf_counter()
            done = render.render(MediaFile(video, video.name), annotation, start, root / f"out{length}.mp4")
            took = time.perf_counter() - began
            print(f"{length:>14} {took:>9.2f} {length / took:>11.0f}x {done.loudness_lufs:>7.1f}")


def _picture():
    from skimage import data

    return data.astronaut()


if __name__ == "__main__":
    main()
