"""The golden posts and what Moodify makes of them, as one JSON-ready dict.

    python -m tests.golden_posts WORKDIR  ->  the dict as JSON on stdout

tests/test_golden.py runs this in a fresh interpreter with pinned settings (the instance folder
among them, under WORKDIR); it makes its media and its catalogue under WORKDIR and writes nothing
else.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PIL import Image
from skimage import data

from moodify import recommend as ranking
from moodify.catalog import build
from moodify.domain import posts as reading_posts
from moodify.domain import recommendations
from moodify.media import MediaFile
from moodify.pipeline import Post
from moodify.service import Moodify
from moodify.store import Store
from tests.mediafactory import chord_clip, write_audio, write_video

FIXTURES = Path(__file__).parent / "fixtures"
USER = "golden"
LIMIT = 10
SEMANTIC_CAPTION = "slow acoustic guitar for a rainy evening"
# Each list asked for every post: name -> the options, as the API's analysis route takes them.
LISTS: dict[str, ranking.Options] = {
    **{mode: ranking.Options(limit=LIMIT, mode=mode) for mode in ranking.MODES},
    "match_personal": ranking.Options(limit=LIMIT, usable="personal"),
    "match_semantic": ranking.Options(limit=LIMIT, caption=SEMANTIC_CAPTION),
}
CAPTION_EN = "Best day ever at the beach with my favourite people ☀️🌊😂 #summer #friends #happy"
CAPTION_KO = "비 오는 날 혼자 집에 있으니까 너무 외롭고 우울하다 ㅠㅠ"
CAPTION_PLAIN = "They cancelled the concert again an hour before it started. I am furious."
CAPTION_MIXED = "Missing you tonight 🌙 #lonely"


def _png(folder: Path, name: str, rgb) -> MediaFile:
    """Lossless, so the photo's pixels do not hang on an encoder's version."""
    path = folder / f"{name}.png"
    Image.fromarray(rgb).save(path)
    return MediaFile(path, path.name)


def posts(folder: Path) -> dict[str, Post]:
    """The fixed posts, their media written under folder."""
    astronaut, coffee = _png(folder, "astronaut", data.astronaut()), _png(folder, "coffee", data.coffee())
    music = write_audio(folder / "music.wav", chord_clip(12.0, bpm=128))
    video = write_video(folder / "clip.mp4", [data.astronaut(), data.coffee()], 2.0,
                        sound=chord_clip(4.0, bpm=70, notes=(0, 3, 7, 3)))
    return {
        "caption_en_emoji_hashtags": Post(caption=CAPTION_EN),
        "caption_ko": Post(caption=CAPTION_KO),
        "caption_plain": Post(caption=CAPTION_PLAIN),
        "photo_astronaut": Post(images=(astronaut,)),
        "photo_coffee": Post(images=(coffee,)),
        "sound_music": Post(audio=(MediaFile(music, music.name),)),
        "video_two_scenes": Post(video=MediaFile(video, video.name)),
        "caption_photo_speech": Post(caption=CAPTION_MIXED, images=(astronaut,),
                                     audio=(MediaFile(FIXTURES / "speech_excited.wav", "speech_excited.wav"),)),
    }


def estimate(view: dict) -> dict:
    """The numbers of a reading as the API shows them (already rounded to 4 decimals there)."""
    return {key: view[key] for key in ("label", "probs", "valence", "arousal", "confidence")}


def ranked(shown) -> dict:
    return {"ids": [t["id"] for t in shown.tracks], "scores": [round(t["score"], 4) for t in shown.tracks]}


def golden(workdir: Path) -> dict:
    """Every post analysed and recommended for, through the service the web API uses."""
    media = workdir / "media"
    media.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{workdir / 'moodify.db'}")
    store.upgrade()
    build.build(store)
    service = Moodify(store)        # its settings (instance, semantic fit) come from test_golden's pins
    out = {}
    try:
        for name, post in posts(media).items():
            analysis = reading_posts.analyse(service, service.viewer(USER), post)
            out[name] = {
                "reading": estimate(analysis["fused"]),
                "parts": [{"name": p["name"], "kind": p["kind"], **estimate(p)} for p in analysis["parts"]],
                "recommendations": {key: ranked(recommendations.for_analysis(service, service.viewer(USER),
                                                                             analysis["id"], options))
                                    for key, options in LISTS.items()},
            }
    finally:
        store.dispose()
    return out


if __name__ == "__main__":
    json.dump(golden(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, sort_keys=True)
