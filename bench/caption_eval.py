"""Caption model: accuracy on the held-out Korean split and on our two caption sets, speed, memory.

    python bench/caption_eval.py [--korean ../shared/data/korean_emotion/single_turn.csv]

Prints one table. The held-out row needs the AIHub file (its fixed 10 % split is scored; the
model never saw it); without it that row says so.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np

from moodify.analysers.text import TextAnalyser
from moodify.models import caption_encoder
from moodify.training.data import holdout_split, read_labelled
from moodify.training.metrics import report

HERE = Path(__file__).parent
DEFAULT_KOREAN = HERE.parent.parent / "shared" / "data" / "korean_emotion" / "single_turn.csv"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--korean", type=Path, default=DEFAULT_KOREAN)
    args = parser.parse_args()
    analyser = TextAnalyser()
    started = time.perf_counter()
    analyser.analyse("warm-up 😊")
    load_s = time.perf_counter() - started

    sets = []
    if args.korean.exists():
        corpus = read_labelled(args.korean)
        sets.append(("Korean held-out 10 % (AIHub)", corpus.subset(holdout_split(corpus.labels)[1])))
    sets += [("our Korean captions", read_labelled(HERE / "data" / "captions_ko.csv")),
             ("our English captions", read_labelled(HERE / "data" / "captions_en.csv"))]
    print(f"\n{'set':<32} {'n':>5} {'accuracy':>9} {'macro-F1':>9} {'ECE':>6}")
    batch_texts = None
    for name, data in sets:
        figures = report(data.labels, analyser.probabilities(data.texts))
        print(f"{name:<32} {figures['n']:>5} {figures['accuracy']:>9.3f} {figures['macro_f1']:>9.3f} "
              f"{figures['ece']:>6.3f}")
        batch_texts = batch_texts or data.texts
    if not args.korean.exists():
        print(f"{'Korean held-out 10 % (AIHub)':<32} skipped: {args.korean} not found")

    texts = (batch_texts * 3)[:1000]
    encoder = caption_encoder.load()
    shipped = encoder.precision
    per_second = {}
    for precision in dict.fromkeys(["float32", shipped]):  # float32 is the baseline
        encoder.precision = precision
        started = time.perf_counter()
        for start in range(0, len(texts), 64):
            analyser.probabilities(texts[start:start + 64])
        per_second[precision] = len(texts) / (time.perf_counter() - started)
    encoder.precision = shipped
    single = []
    for text in texts[:100]:
        started = time.perf_counter()
        analyser.analyse(text)
        single.append(time.perf_counter() - started)
    print(f"\n{'speed and memory':<32} {'value':>12}")
    print(f"{'model load + first caption':<32} {load_s:>10.2f} s")
    for precision, rate in per_second.items():
        label = f"batch of 64, {precision}" + (" (shipped)" if precision == shipped else "")
        print(f"{label:<32} {rate:>8.0f} /s")
    if len(per_second) > 1:
        print(f"{'  shipped vs float32':<32} {per_second[shipped] / per_second['float32']:>9.2f} x")
    print(f"{'one caption p50 (shipped)':<32} {np.percentile(single, 50) * 1000:>9.1f} ms")
    print(f"{'one caption p95 (shipped)':<32} {np.percentile(single, 95) * 1000:>9.1f} ms")
    print(f"{'peak RSS':<32} {peak_rss_mb():>9.0f} MB")


if __name__ == "__main__":
    main()
