"""Reading photos, sound and video: latency per part, the video ratio, peak memory.

    python bench/media_latency.py [--cache DIR]

Prints one table. The media are generated (and cached in --cache, default bench/.cache): a
512x512 photo with a face, a 30 s music clip, speech, and two 60 s 720p H.264 videos with
sound: a moving, noisy "phone" clip (camera drifting over four photos, CRF 20) and a still
slideshow (the same four photos, CRF 28), which decodes far faster than filmed video and so is
the hardest case for the ratio. The ratio is the whole video analysis (frames, faces, colour,
sound) over decoding every frame and nothing else, both timed in this process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path


HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))        # tests.mediafactory makes the media

from moodify import analysers                                   # noqa: E402
from moodify.media import MediaFile                             # noqa: E402
from moodify.media import audio as audio_media                  # noqa: E402
from moodify.media import images as image_media                 # noqa: E402
from moodify.media import video as video_media                  # noqa: E402
from tests import mediafactory                                  # noqa: E402

FIXTURES = HERE.parent / "tests" / "fixtures"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def media(cache: Path) -> dict[str, Path]:
    from PIL import Image
    from skimage import data

    cache.mkdir(parents=True, exist_ok=True)
    pictures = [data.astronaut(), data.coffee(), data.rocket(), data.chelsea()]
    made = {"photo": cache / "photo.jpg", "music": cache / "music30.m4a",
            "moving": cache / "moving60.mp4", "still": cache / "still60.mp4"}
    if not made["photo"].exists():
        Image.fromarray(data.astronaut()).save(made["photo"])
    if not made["music"].exists():
        mediafactory.write_audio(made["music"], mediafactory.chord_clip(30, bpm=124), codec="aac")
    if not made["moving"].exists():
        print("making the 60 s moving video (about a minute, once)...", file=sys.stderr)
        mediafactory.write_moving_video(made["moving"], pictures, 15, sound=mediafactory.chord_clip(60))
    if not made["still"].exists():
        mediafactory.write_video(made["still"], pictures, 15, fps=30, size=(1280, 720),
                                 sound=mediafactory.chord_clip(60))
    made["speech"] = FIXTURES / "speech_calm.wav"
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    args = parser.parse_args()
    files = media(args.cache)
    started = time.perf_counter()
    text, image, sound, video = (analysers.analyser(f).model for f in ("caption", "images", "audio", "video"))
    text.analyse("warm-up")
    load_s = time.perf_counter() - started
    warm = MediaFile(files["music"], "warm-up")
    sound.read(audio_media.decode(warm)[:16000 * 4])     # librosa's first calls compile
    photo = MediaFile(files["photo"], "photo.jpg")

    rows = []
    rows.append(("caption (one, loaded)", timed(lambda: text.analyse("오늘 너무 행복해 😍 #행복"), 5)[0]))
    rows.append(("photo 512x512, 1 face", timed(lambda: image.analyse(image_media.decode(photo)), 5)[0]))
    for name, key in (("music clip 30 s (m4a)", "music"), ("speech clip 6.6 s (wav)", "speech")):
        clip = MediaFile(files[key], key)
        rows.append((name, timed(lambda clip=clip: sound.read(audio_media.decode(clip)), 3)[0]))
    print(f"\n{'part':<34} {'seconds':>8}")
    for name, seconds in rows:
        print(f"{name:<34} {seconds:>8.3f}")

    print(f"\n{'60 s 720p H.264 video':<36} {'decode only s':>13} {'analysis s':>10} {'ratio':>6} {'frames':>6}")
    for label, key in (("moving camera, CRF 20", "moving"), ("still slideshow, CRF 28", "still")):
        clip = MediaFile(files[key], key)
        video.read(clip)                                  # warm the file cache and the models
        decode_s, _ = timed(lambda clip=clip: video_media.decode_only(clip), 3)
        analyse_s, reading = timed(lambda clip=clip: video.read(clip), 3)
        mbps = clip.size * 8 / 60 / 1e6
        print(f"{label + f' ({mbps:.1f} Mb/s)':<36} {decode_s:>13.2f} {analyse_s:>10.2f} "
              f"{analyse_s / decode_s:>6.2f} {len(reading.timeline):>6}")
    print(f"\n{'models load (all four)':<34} {load_s:>8.2f} s")
    print(f"{'peak RSS':<34} {peak_rss_mb():>8.0f} MB")


if __name__ == "__main__":
    main()
