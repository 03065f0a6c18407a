"""Write moodify/catalog/data/word_va.csv: Warriner et al. (2013) ratings of every mood word
the catalogue uses (MTG-Jamendo mood tags, 4Q AllMusic mood words, our category words).

    python tools/derive_word_va.py --warriner ../shared/data/lexicons/warriner/Ratings_Warriner_et_al.csv

Only the ratings of these few hundred words are written, with the word that was rated,
so the table can be checked against the published norms.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from moodify.catalog.moodwords import EMOTION_WORDS, RATED_AS, WORD_VA_FILE
from moodify.catalog.sources import SOURCES_DIR, split_list


def catalogue_words() -> set[str]:
    words = {w for table in EMOTION_WORDS.values() for w in table}
    with (SOURCES_DIR / "jamendo" / "moodtheme_tracks.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words.update(split_list(row["mood_tags"], "|"))
    with (SOURCES_DIR / "4q" / "panda_dataset_taffc_metadata.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words.update(split_list(row["MoodsStrSplit"], ";"))
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warriner", type=Path, required=True)
    args = parser.parse_args()
    with args.warriner.open(encoding="utf-8") as handle:
        norms = {row["Word"]: row for row in csv.DictReader(handle)}
    rows, missing = [], []
    for word in sorted(catalogue_words()):
        rated = word if word in norms else RATED_AS.get(word)
        if rated not in norms:
            missing.append(word)
            continue
        rows.append({"word": word, "rated_word": rated,
                     "valence_1_9": norms[rated]["V.Mean.Sum"],
                     "arousal_1_9": norms[rated]["A.Mean.Sum"]})
    with WORD_VA_FILE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} words to {WORD_VA_FILE}; without a rating: {', '.join(missing) or 'none'}")


if __name__ == "__main__":
    main()
