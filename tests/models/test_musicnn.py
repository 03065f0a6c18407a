"""The musicnn port against musicnn's own TensorFlow outputs, recorded once
(tools/record_musicnn_reference.py), and the checkpoint reader it stands on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from moodify.errors import ModelUnavailable
from moodify.models import musicnn, tf_checkpoint

REFERENCE = Path(__file__).parent.parent / "fixtures" / "musicnn_reference.npz"


@pytest.fixture(scope="module")
def reference():
    with np.load(REFERENCE) as data:
        return {k: data[k] for k in data.files}


def test_checkpoint_reader_reads_every_layer():
    variables = tf_checkpoint.read(musicnn.checkpoint_dir())
    assert len(variables) == 64                    # 11 batch norms x 4 + 8 convs x 2 + 2 dense x 2
    assert variables["conv2d_5/kernel"].shape == (7, 561, 1, 64)
    assert variables["dense_1/kernel"].shape == (200, 50)
    assert not any("Adam" in name for name in variables)


def test_checkpoint_reader_refuses_a_missing_checkpoint(tmp_path):
    with pytest.raises(ModelUnavailable, match="no TensorFlow checkpoint"):
        tf_checkpoint.read(tmp_path / "nothing")


def test_port_gives_tensorflows_outputs_on_the_same_patches(reference):
    ours = musicnn.load().forward(torch.from_numpy(reference["patches"].astype(np.float32))).numpy()
    assert ours.shape == reference["probs"].shape == (3, 50)
    assert np.abs(ours - reference["probs"]).max() < 2e-4


def test_mel_matches_musicnns_within_its_float16_rounding(reference):
    samples = reference["samples"].astype(np.float32) / 32768
    ours = musicnn.patches(musicnn.log_mel(samples))
    theirs = reference["patches"].astype(np.float32)
    assert ours.shape == theirs.shape
    assert np.abs(ours - theirs).max() < 4e-3


def test_from_sound_to_tags_end_to_end(reference):
    samples = reference["samples"].astype(np.float32) / 32768
    ours = musicnn.load().tag(samples)
    assert np.abs(ours - reference["probs"]).max() < 1e-3
    assert list(reference["labels"]) == list(musicnn.MSD_LABELS)


def test_short_clips_are_padded_and_long_ones_spread():
    assert musicnn.patches(np.ones((50, 96), np.float32)).shape == (1, 187, 96)
    many = np.arange(30)[:, None, None] * np.ones((30, 187, 96))
    chosen = musicnn.spread(many, 8)
    assert len(chosen) == 8 and chosen[0, 0, 0] == 0 and chosen[-1, 0, 0] == 29
