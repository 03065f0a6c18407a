"""Emoji, hashtags and chat markers."""

from __future__ import annotations

from moodify.evidence import Evidence
from moodify.models.cues import read_cues, split_hashtag


def test_emoji_and_markers_become_evidence():
    read = read_cues("비 오는 날 혼자 ☔️ 눈물 나 ㅠㅠ 😭")
    assert [(c.sign, c.emotion) for c in read.cues] == [("😭", "sadness"), ("ㅠㅠ", "sadness")]
    assert read.cue_logits()[1] == 2.0
    assert read.cues[0].evidence() == Evidence.of("cue", cue="emoji", sign="😭", emotion="sadness")


def test_hashtags_are_split_into_words():
    assert split_hashtag("sadday") == "sad day"
    assert split_hashtag("SadDay") == "Sad Day"
    assert split_hashtag("행복") == "행복"
    assert read_cues("#worstdayever #일상").text == "worst day ever 일상"


def test_emoji_are_spelled_out_for_the_embedding_and_removed_for_characters():
    read = read_cues("new home 🏡🔑")
    assert "house with garden" in read.text and "🏡" not in read.text
    assert read.plain == "new home"


def test_shouting_is_noticed():
    assert read_cues("WE GOT THE HOUSE").shouting
    assert read_cues("합격했다!!!").shouting
    assert not read_cues("we got the house").shouting


def test_cues_are_capped_per_category():
    assert read_cues("😭" * 20).cue_logits()[1] == 3.0
