"""The server itself: whether it is up, what it accepts, its models and catalogue, sign-in."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, RootModel

from moodify.web.schemas.base import Error, ResponseBody

UpOrDown = Literal["up", "down"]


class Health(ResponseBody):
    status: Literal["ok"]
    tracks: int
    database: str = Field(description="sqlite, mysql, ...")
    queue: UpOrDown


class Ready(ResponseBody):
    status: Literal["ready"]
    database: UpOrDown
    queue: UpOrDown


class NotReady(Error):
    """Not ready: what cannot be reached."""

    database: UpOrDown
    queue: UpOrDown


class Limits(ResponseBody):
    """What this server accepts (its settings), for a client to check before it uploads; the web
    app takes its limits from here only. Beside these, files per post for each kind of file part
    a plugin registers, under its multipart field's name."""

    model_config = ConfigDict(extra="allow")

    upload_mb: int = Field(ge=0, description="a whole multipart post")
    json_mb: int = Field(ge=0, description="a JSON body")
    images: int = Field(ge=0, description="photos per post")
    audio: int = Field(ge=0, description="sound clips per post")
    video: int = Field(ge=0, description="videos per post")
    image_megapixels: float = Field(gt=0, description="a photo, and a video's frame")
    audio_seconds: float = Field(gt=0)
    video_megapixels: float = Field(gt=0)
    video_seconds: float = Field(gt=0)
    library_quota_mb: float = Field(gt=0, description="a person's own music")


class ModelBackend(ResponseBody):
    name: str
    used_for: str
    present: bool
    origin: str = Field(description="where its weights come from")


class ModelList(ResponseBody):
    models: list[ModelBackend]


class JamendoCounts(ResponseBody):
    looked_up: int
    not_looked_up: int
    unavailable: int


class CatalogStats(ResponseBody):
    tracks: int
    by_source: dict[str, int]
    by_emotion: dict[str, int]
    by_license: dict[str, int] = Field(description="by the licence as each source states it")
    by_licence: dict[str, int] = Field(description="by licence code, or kind where there is none")
    jamendo: JamendoCounts


class OpenAPIDocument(RootModel[dict[str, Any]]):
    """This document."""


class Session(ResponseBody):
    """Signed in: send csrf_token as X-CSRF-Token with every change."""

    name: str
    csrf_token: str


class SignedOut(ResponseBody):
    signed_out: bool


class Me(ResponseBody):
    auth: Literal["none", "required"] = Field(description="none: the single-person tool, no accounts")
    name: str | None
    csrf_token: str | None = None


class Token(ResponseBody):
    id: int
    name: str
    created_at: str


class TokenList(ResponseBody):
    tokens: list[Token]


class NewToken(ResponseBody):
    """A personal API token; its text is shown this once."""

    id: int
    name: str
    token: str


class Revoked(ResponseBody):
    revoked: int
