"""A post as people give it (what Moodify reads in it: moodify.reading).

A post holds its parts by field: `caption` (text), `images`, `audio`, `video`, and any field an
analyser plugin registered (moodify.analysers). Single fields (a caption, a video) hold one part.
"""

from __future__ import annotations

from typing import Any, Iterator

from moodify.errors import InvalidInput, PayloadTooLarge


class Post:
    """Post(caption="...", images=(MediaFile, ...), audio=..., video=MediaFile, <plugin field>=...)."""

    __slots__ = ("_parts",)

    def __init__(self, caption: str | None = None, images=(), audio=(), video=None, **more: Any) -> None:
        from moodify.analysers import registry as analysers

        given = {"caption": caption, "images": images, "audio": audio, "video": video, **more}
        parts: dict[str, tuple] = {}
        for name, value in given.items():
            kind = analysers.by_field(name)         # refuses a field no analyser reads
            items = tuple(value) if isinstance(value, (list, tuple)) else (() if value is None else (value,))
            if kind.text:
                items = tuple(t for t in items if isinstance(t, str) and t.strip())
            parts[name] = items
        self._parts = parts
        if not any(parts.values()):
            raise InvalidInput("the post is empty: give a caption, a photo, a sound clip or a video")
        for kind in analysers.kinds():
            count, most = len(parts.get(kind.field, ())), kind.most()
            if count > most:
                setting = f" (setting {kind.most_setting})" if kind.most_setting else ""
                raise PayloadTooLarge(f"{count} {kind.field} files: a post takes at most {most}{setting}")

    def __repr__(self) -> str:
        return f"Post({', '.join(f'{k}={v!r}' for k, v in self._parts.items() if v)})"

    def parts(self, field: str) -> tuple:
        return self._parts.get(field, ())

    def items(self) -> Iterator[tuple[str, tuple]]:
        """(field, its parts) for every field that has any."""
        return ((k, v) for k, v in self._parts.items() if v)

    @property
    def caption(self) -> str | None:
        return self.parts("caption")[0] if self.parts("caption") else None

    @property
    def images(self) -> tuple:
        return self.parts("images")

    @property
    def audio(self) -> tuple:
        return self.parts("audio")

    @property
    def video(self):
        return self.parts("video")[0] if self.parts("video") else None
