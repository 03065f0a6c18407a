"""Analysers read one kind of a post's parts. Every kind plugs in the same way, the built-in four
included: `register(PartKind(...))`, the call an outside package makes (or lists under the
`moodify.analysers` entry-point group as a function that registers). Adding a kind of part is
one registration: the post, the upload API, the jobs, the flow and the fusion all read this table.

A PartKind says which field of a post it reads, how a part is named, how many a post may have and
what one costs; its analyser (built once per process, on first use) follows `PartAnalyser`:

    prepare(part)            check a part by its content, before any is read, and decode it once
                             (InvalidInput / PayloadTooLarge say what is wrong)
    read(prepared, name, progress) -> PartReading
"""

from __future__ import annotations

from moodify.analysers.registry import (PartAnalyser, PartKind, analyser, available, by_field, kinds,
                                        register, reliabilities, unregister)

__all__ = ["PartAnalyser", "PartKind", "analyser", "available", "by_field", "kinds", "register",
           "reliabilities", "unregister"]


def _builtin() -> None:
    from moodify import config
    from moodify.analysers import parts

    register(PartKind("text", "caption", "caption", parts.CaptionPart, reliability=1.0, text=True))
    register(PartKind("image", "images", "photo", parts.PhotoPart, lambda: config.current().max_images,
                      "max_images", numbered=True, reliability=0.8))
    register(PartKind("audio", "audio", "sound", parts.SoundPart, lambda: config.current().max_audio,
                      "max_audio", cost=3.0, numbered=True, reliability=0.6))
    register(PartKind("video", "video", "video", parts.VideoPart, cost=12.0, reliability=0.9))


_builtin()
