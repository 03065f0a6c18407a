"""The four built-in kinds of part as plugins (moodify.analysers.PartAnalyser): each prepares a
part once (checked by its content and decoded) and reads it into a PartReading with the details a
person sees. The readers themselves (text.py, image.py, sound.py, video.py) know nothing of posts."""

from __future__ import annotations

from typing import cast

from moodify.media import MediaFile
from moodify.reading import PartReading


class CaptionPart:
    def __init__(self) -> None:
        from moodify.analysers.text import TextAnalyser

        self.model = TextAnalyser()

    def prepare(self, caption: str) -> str:
        return caption

    def read(self, caption: str, name: str, progress) -> PartReading:
        return PartReading("text", name, self.model.analyse(caption))


class PhotoPart:
    def __init__(self) -> None:
        from moodify.analysers.image import ImageAnalyser

        self.model = ImageAnalyser()

    def prepare(self, media: MediaFile):
        from moodify.media import images

        return media, images.decode(media)       # upright RGB at working size: decoded once

    def read(self, prepared, name: str, progress) -> PartReading:
        media, rgb = prepared
        reading, faces = self.model.analyse_with_faces(rgb)
        return PartReading("image", name, reading,
                           {"file": media.name, "faces": len(faces), "whole_image": self.model.backend})


class SoundPart:
    def __init__(self) -> None:
        from moodify.analysers.sound import SoundAnalyser

        self.model = SoundAnalyser()

    def prepare(self, media: MediaFile) -> MediaFile:
        from moodify.media import audio

        audio.probe(media)                      # opened and its first frame decoded
        return media

    def read(self, media: MediaFile, name: str, progress) -> PartReading:
        from moodify.media import audio

        sound = self.model.read(audio.decode(media))
        return PartReading("audio", name, sound.estimate,
                           {"file": media.name, "seconds": round(sound.seconds, 2),
                            "speech": [[round(a, 2), round(b, 2)] for a, b in sound.speech]})


class VideoPart:
    def __init__(self) -> None:
        from moodify.analysers import registry
        from moodify.analysers.video import VideoAnalyser

        # the photo and sound analysers registered now (built-in, or a plugin with the same `model`)
        photos = cast(PhotoPart, registry.analyser("images"))
        sounds = cast(SoundPart, registry.analyser("audio"))
        self.model = VideoAnalyser(photos.model, sounds.model)

    def prepare(self, media: MediaFile) -> MediaFile:
        from moodify.media import video

        video.probe(media)                      # opened, frame size and length checked
        return media

    def read(self, media: MediaFile, name: str, progress) -> PartReading:
        reading = self.model.read(media, progress=progress)
        return PartReading("video", name, reading.estimate,
                           {"file": media.name, "seconds": round(reading.duration, 2),
                            "frames": len(reading.timeline)},
                           timeline=tuple(p.to_dict() for p in reading.timeline))
