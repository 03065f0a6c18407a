"""Training and measuring the caption model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from moodify.models import caption
from moodify.training.data import holdout_split, read_labelled
from moodify.training.metrics import report
from moodify.training.text import train

BENCH_DATA = Path(__file__).resolve().parents[2] / "bench" / "data"


def test_holdout_is_stratified_and_fixed():
    labels = np.repeat(np.arange(7), [100, 90, 80, 70, 60, 50, 40])
    train_a, held_a = holdout_split(labels)
    train_b, held_b = holdout_split(labels)
    assert np.array_equal(held_a, held_b) and not set(train_a) & set(held_a)
    assert np.bincount(labels[held_a]).tolist() == [10, 9, 8, 7, 6, 5, 4]


def test_training_is_deterministic_and_writes_loadable_weights(tmp_path):
    # A toy run on our two caption sets (140 rows): the real scripts, end to end.
    pytest.importorskip("torch")
    from moodify.training.finetune import finetune

    rows = (BENCH_DATA / "captions_ko.csv").read_text(encoding="utf-8").splitlines()
    rows += (BENCH_DATA / "captions_en.csv").read_text(encoding="utf-8").splitlines()[1:]
    data = tmp_path / "toy.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    encoders = [tmp_path / "enc_a.npz", tmp_path / "enc_b.npz"]
    for path in encoders:
        meta = finetune(data, out=path, epochs=1, rank=4, seed=3, say=lambda _: None)
    assert meta["trained_on"] == 114  # 140 minus the 10 % hold-out, minus 10 % validation
    with np.load(encoders[0]) as a, np.load(encoders[1]) as b:
        assert all(np.array_equal(a[k], b[k]) for k in a.files)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for path in (first, second):
        meta = train(data, out=path, encoder_file=encoders[0], seed=3, say=lambda _: None)
    assert meta["trained_on"] == 126
    a, b = caption.load.__wrapped__(first), caption.load.__wrapped__(second)
    assert np.array_equal(a.char_coef, b.char_coef)
    assert (a.w_char, a.w_enc, a.temperature) == (b.w_char, b.w_enc, b.temperature)
    from moodify.models import caption_encoder

    reader = caption_encoder.CaptionEncoder(encoders[0])
    assert reader.log_probs(["할머니 보고 싶어요 ㅠㅠ"]).shape == (1, 7)


def test_report_figures():
    labels = np.array([0, 0, 1, 2])
    probs = np.eye(7)[[0, 1, 1, 2]] * 0.9 + 0.1 / 7
    figures = report(labels, probs)
    assert figures["accuracy"] == 0.75 and figures["confusion"][0][:2] == [1, 1]
    assert figures["per_class"]["sadness"]["precision"] == 0.5
    assert 0 <= figures["ece"] <= 1


@pytest.mark.shared_data
def test_shipped_model_on_the_held_out_split(shared_data):
    from moodify.analysers.text import TextAnalyser

    corpus = read_labelled(shared_data / "korean_emotion" / "single_turn.csv")
    held = corpus.subset(holdout_split(corpus.labels)[1])
    figures = report(held.labels, TextAnalyser().probabilities(held.texts))
    # Guards against regressions of the shipped model (measured 0.548, ECE 0.023).
    assert figures["n"] == 3472 and figures["accuracy"] >= 0.535 and figures["ece"] < 0.05


def test_extra_rows_cap_neutral_and_skip_held_out_sentences(tmp_path):
    pytest.importorskip("torch")
    from moodify.training.finetune import extra_rows

    path = tmp_path / "multi.csv"
    lines = ["dialog_id,turn,text,label"] + [f"1,{i},평범한 말 {i},중립" for i in range(50)]
    lines += ["2,0,안녕하세요,행복", "2,1,너무 화나,분노", "2,2,,슬픔", "2,3,모르겠다,"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts, labels = extra_rows(path, neutral_cap=10, rng=np.random.default_rng(0), exclude={"안녕하세요"})
    assert "안녕하세요" not in texts and "너무 화나" in texts
    assert (labels == 6).sum() == 10 and len(texts) == 11
