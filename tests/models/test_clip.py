"""The CLIP backend's real loading and scoring code, on a tiny randomly initialised CLIP that
the test builds and saves (no weights can be downloaded here)."""

from __future__ import annotations

import json
import string

import numpy as np
import pytest
from click.testing import CliRunner
from skimage import data

from moodify.cli import main
from moodify.emotion import EMOTIONS
from moodify.errors import InvalidInput
from moodify.models import clip


def build_tiny_clip(folder):
    """A 2-layer CLIP with a letters-only tokenizer, saved as save_pretrained writes it."""
    import torch
    from transformers import CLIPConfig, CLIPModel, CLIPProcessor, CLIPTokenizer
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for ch in string.ascii_lowercase + ".":
        vocab[ch] = len(vocab)
        vocab[ch + "</w>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    tokenizer = CLIPTokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"))
    images = CLIPImageProcessorPil(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32})
    config = CLIPConfig(
        text_config=dict(vocab_size=len(vocab), hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                         num_attention_heads=2, max_position_embeddings=64, bos_token_id=0,
                         eos_token_id=1, pad_token_id=1),
        vision_config=dict(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=2,
                           image_size=32, patch_size=8),
        projection_dim=16)
    torch.manual_seed(0)
    CLIPModel(config).save_pretrained(folder)
    CLIPProcessor(image_processor=images, tokenizer=tokenizer).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny_clip(tmp_path_factory.mktemp("clip") / "tiny-clip")


@pytest.fixture
def instance(tmp_path, monkeypatch):
    monkeypatch.setenv("MOODIFY_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("MOODIFY_CLIP_MODEL", raising=False)
    clip.load.cache_clear()
    yield tmp_path / "instance"
    clip.load.cache_clear()


def test_loads_from_a_directory_and_scores_seven_emotions(tiny):
    reader = clip.ClipReader(str(tiny))
    assert reader.class_vectors.shape == (len(EMOTIONS), 16)
    photo, flat = reader.probs(data.astronaut()), reader.probs(np.zeros((60, 90, 3), np.uint8))
    for probs in (photo, flat):
        assert probs.shape == (7,) and abs(probs.sum() - 1) < 1e-5 and (probs > 0).all()
    assert np.abs(photo - flat).max() > 1e-4        # the image really goes through the model


def test_prompt_set_covers_every_emotion():
    assert set(clip.PROMPT_WORDS) == set(EMOTIONS)
    assert all(len(words) >= 3 for words in clip.PROMPT_WORDS.values())


def test_without_weights_photos_are_read_from_colour_and_it_says_so(instance):
    from moodify.analysers.image import ImageAnalyser

    assert clip.locate() is None
    reading = ImageAnalyser().analyse(data.coffee())
    assert [item.code for item in reading.evidence] == ["no_faces", "no_clip", "colour"]
    assert set(reading.evidence[2].params) == {"light", "saturation", "tone", "valence", "arousal"}


def test_install_then_models_lists_it_and_photos_use_it(instance, tiny):
    from moodify.analysers.image import ImageAnalyser

    runner = CliRunner()
    before = json.loads(runner.invoke(main, ["models", "--json"]).output)
    assert {b["name"]: b["present"] for b in before}["clip"] is False
    result = runner.invoke(main, ["models", "install", "clip", "--from", str(tiny)])
    assert result.exit_code == 0, result.output
    assert (instance / "models" / "clip" / "config.json").exists()
    after = {b["name"]: b for b in json.loads(runner.invoke(main, ["models", "--json"]).output)}
    assert after["clip"]["present"] and "installed with" in after["clip"]["origin"]
    reading = ImageAnalyser().analyse(data.coffee())
    assert [item.code for item in reading.evidence] == ["no_faces", "clip"]


def test_install_refuses_a_folder_that_is_not_a_model(instance, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match="config.json"):
        clip.install(tmp_path / "empty")


def test_a_hub_name_that_is_not_cached_says_how_to_install(monkeypatch):
    from moodify.errors import ModelUnavailable

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable, match="moodify models install clip"):
        clip.ClipReader("openai/clip-vit-base-patch32-not-here")
