"""Classification metrics for the seven emotions: accuracy, macro-F1, per class, confusion, ECE."""

from __future__ import annotations

import numpy as np

from moodify.emotion import EMOTIONS


def report(labels: np.ndarray, probs: np.ndarray) -> dict:
    """labels (n,) ints, probs (n, 7) -> the figures `moodify eval text --json` prints."""
    predicted = probs.argmax(1)
    k = len(EMOTIONS)
    confusion = np.zeros((k, k), np.int64)
    np.add.at(confusion, (labels, predicted), 1)
    per_class = {}
    for i, emotion in enumerate(EMOTIONS):
        tp = confusion[i, i]
        precision = tp / confusion[:, i].sum() if confusion[:, i].sum() else 0.0
        recall = tp / confusion[i].sum() if confusion[i].sum() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[emotion] = {"precision": round(float(precision), 4), "recall": round(float(recall), 4),
                              "f1": round(float(f1), 4), "support": int(confusion[i].sum())}
    present = [e for e in EMOTIONS if per_class[e]["support"]]
    return {
        "n": int(len(labels)),
        "accuracy": round(float((predicted == labels).mean()), 4),
        "macro_f1": round(float(np.mean([per_class[e]["f1"] for e in present])), 4),
        "ece": round(expected_calibration_error(labels, probs), 4),
        "per_class": per_class,
        "labels": list(EMOTIONS),
        "confusion": confusion.tolist(),
    }


def expected_calibration_error(labels: np.ndarray, probs: np.ndarray, bins: int = 15) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    confidence = probs.max(1)
    correct = probs.argmax(1) == labels
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        members = (confidence > low) & (confidence <= high)
        if members.any():
            total += members.mean() * abs(correct[members].mean() - confidence[members].mean())
    return float(total)


def format_report(figures: dict) -> str:
    """A table a person can read."""
    lines = [f"n {figures['n']}   accuracy {figures['accuracy']:.3f}   macro-F1 "
             f"{figures['macro_f1']:.3f}   ECE {figures['ece']:.3f}", "",
             f"{'class':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>6}"]
    for emotion, scores in figures["per_class"].items():
        lines.append(f"{emotion:<10} {scores['precision']:>9.3f} {scores['recall']:>7.3f} "
                     f"{scores['f1']:>6.3f} {scores['support']:>6}")
    short = [e[:5] for e in figures["labels"]]
    lines += ["", "confusion (rows: true, columns: predicted)",
              " " * 10 + " ".join(f"{s:>6}" for s in short)]
    for emotion, row in zip(figures["labels"], figures["confusion"]):
        lines.append(f"{emotion:<10}" + " ".join(f"{v:>6}" for v in row))
    return "\n".join(lines)
