"""What social-media writing says beyond its words: emoji, hashtags, ㅠㅠ and ㅋㅋ, shouting.

`read_cues(text)` turns a caption into the text a model should read (hashtags split into
words, emoji spelled out by their Unicode names) and a list of `Cue`s, each a piece of
category evidence a person can check (evidence `cue`: "emoji 😭 → sadness").

The tables are ours: faces, hearts and a few signs whose use in Korean and English posts is
well settled (😭 crying, 💔 heartbreak, 🤬 cursing, 🎉 celebrating), and the Korean and
English chat markers. Any other emoji still reaches the model through its name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from moodify.emotion import EMOTIONS
from moodify.evidence import Evidence

_EMOJI = {
    "happiness": "😀 😃 😄 😁 😆 😊 ☺️ 😍 🥰 😘 🤗 🥳 🎉 💕 💖 💗 💞 💛 🧡 ❤️ ♥️ 😻 🙌 👏 🤩 🫶 😂 🤣 😋",
    "sadness": "😢 😭 😞 😔 😿 💔 🥲 🥺 😥 😪 😓 🙁 ☹️ 😩",
    "anger": "😡 🤬 😠 💢 😤 👿 🖕",
    "fear": "😨 😰 😱 😧 🫣 😬 😵‍💫",
    "surprise": "😲 😮 😯 😳 🤯 ‼️ ⁉️ 😦 🙀",
    "disgust": "🤢 🤮 🙄 😒 🤧 😖",
    "neutral": "😐 😶 😑",
}
EMOJI_EMOTIONS: dict[str, str] = {sign: emotion for emotion, signs in _EMOJI.items()
                                  for sign in signs.split()}

# Chat markers: a regex, the category it speaks for, and what kind of sign it is (evidence `cue`).
MARKERS: tuple[tuple[re.Pattern, str, str], ...] = (
    (re.compile(r"[ㅠㅜ]{2,}"), "sadness", "crying"),
    (re.compile(r"[ㅋㅎ]{2,}"), "happiness", "laughing"),
    (re.compile(r"\b(?:lol|lmao|haha+|hehe+)\b", re.I), "happiness", "laughing"),
    (re.compile(r"(?:헐|대박|실화냐|실화\?)"), "surprise", "exclamation"),
    (re.compile(r"\b(?:omg|no way)\b", re.I), "surprise", "exclamation"),
    (re.compile(r"(?:극혐|으웩|우웩)|\b(?:ew+|gross|yuck)\b", re.I), "disgust", "disgust_word"),
    (re.compile(r"(?:빡침|빡치|열받)"), "anger", "anger_slang"),
)
CUE_WEIGHT = 1.0  # log-odds each cue adds to its category
MAX_CUES_PER_CATEGORY = 3

_HASHTAG = re.compile(r"#(\w+)")


@dataclass(frozen=True)
class Cue:
    sign: str
    emotion: str
    what: str

    def evidence(self) -> Evidence:
        return Evidence.of("cue", cue=self.what, sign=self.sign, emotion=self.emotion)


@dataclass(frozen=True)
class ReadCaption:
    text: str                   # hashtags split, emoji spelled out: what the embedding model reads
    plain: str                  # hashtags split, emoji removed: what the character model reads
    cues: tuple[Cue, ...]
    shouting: bool              # many ! or CAPITALS: more arousal

    def cue_logits(self) -> list[float]:
        """Per-category log-odds bonus from the cues, capped per category."""
        counts = [0] * len(EMOTIONS)
        for cue in self.cues:
            counts[EMOTIONS.index(cue.emotion)] += 1
        return [CUE_WEIGHT * min(c, MAX_CUES_PER_CATEGORY) for c in counts]


def split_hashtag(tag: str) -> str:
    """'#sadday' -> 'sad day'; '#SadDay' -> 'Sad Day'; '#행복' -> '행복'."""
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", tag.replace("_", " "))
    if re.fullmatch(r"[A-Za-z]+", words) and len(words) >= 5:
        import wordninja  # English Wikipedia unigram segmentation, MIT

        return " ".join(wordninja.split(words))
    return words


def _emoji_in(text: str) -> list[str]:
    import emoji  # BSD; knows every emoji sequence, with its name

    return [match["emoji"] for match in emoji.emoji_list(text)]


def _emoji_name(sign: str) -> str:
    import emoji

    return emoji.demojize(sign, delimiters=(" ", " ")).replace("_", " ").strip()


def read_cues(text: str) -> ReadCaption:
    text = unicodedata.normalize("NFC", text)
    cues: list[Cue] = []
    for sign in _emoji_in(text):
        emotion = EMOJI_EMOTIONS.get(sign) or EMOJI_EMOTIONS.get(sign.replace("\ufe0f", ""))
        if emotion:
            cues.append(Cue(sign, emotion, "emoji"))
    for pattern, emotion, what in MARKERS:
        for match in pattern.finditer(text):
            cues.append(Cue(match.group(0), emotion, what))
    readable = plain = _HASHTAG.sub(lambda m: split_hashtag(m.group(1)), text)
    for sign in sorted(set(_emoji_in(readable)), key=len, reverse=True):
        readable = readable.replace(sign, f" {_emoji_name(sign)} ")
        plain = plain.replace(sign, " ")
    letters = [c for c in text if c.isalpha() and c.isascii()]
    shouting = text.count("!") >= 3 or (len(letters) >= 8 and
                                         sum(c.isupper() for c in letters) / len(letters) > 0.6)
    readable, plain = (" ".join(t.replace("\ufe0f", " ").split()) for t in (readable, plain))
    return ReadCaption(readable, plain, tuple(cues), shouting)
