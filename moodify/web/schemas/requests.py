"""What a client sends: JSON bodies, multipart forms and query strings. A field that is wrong is
a 400 naming it (moodify.web.openapi); what needs the catalogue or the database to check (an
emotion's name, a reading's probabilities, ids) is checked by the core, in its own words."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

from moodify.domain.viewer import MAX_PAGE, MAX_PER_PAGE
from moodify.web.schemas.base import FeedbackKind, Mode, RequestBody, RequestFields, Usable

Unit = Annotated[float, Field(ge=-1, le=1)]
User = Annotated[str, Field(description="single-person mode: whose request this is (default: the local user); "
                            "the multi-user server acts for the signed-in account only")]
BINARY = {"type": "string", "format": "binary"}
# Files are read by moodify.web.uploads (which fields, how many); the model only names them.
File = Annotated[Any, WithJsonSchema(BINARY)]
Files = Annotated[Any, WithJsonSchema({"type": "array", "items": BINARY})]


def _listed(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Words = Annotated[list[str], BeforeValidator(_listed), Field(description="one or more (a single one may be "
                                                                         "given as a string)")]


class SentReading(RequestBody):
    """A reading as the API gives it (its probs as a mapping or a list of seven)."""

    model_config = ConfigDict(extra="allow")

    probs: Annotated[Any, WithJsonSchema({
        "anyOf": [{"type": "object", "additionalProperties": {"type": "number"}},
                  {"type": "array", "items": {"type": "number"}, "minItems": 7, "maxItems": 7}]})]
    valence: Unit | None = None
    arousal: Unit | None = None


class Feeling(RequestBody):
    """What a post feels like. Give one of: emotion; valence and arousal; reading (or probs)."""

    emotion: str | None = Field(None, description="an English or Korean category name, e.g. sadness or 슬픔")
    valence: Unit | None = None
    arousal: Unit | None = None
    reading: SentReading | None = None
    probs: Annotated[Any, WithJsonSchema({"type": "object", "additionalProperties": {"type": "number"}}),
                     Field(description="a reading's probabilities, without the reading around them")] = None


class ListOptions(RequestBody):
    """How the list is made: its mode, its length, and filters."""

    mode: Mode = "match"
    limit: int = Field(10, ge=1, le=200)
    instrumental: bool = False
    own_music: bool = Field(False, description="only tracks you imported")
    usable: Usable = Field("any", description="personal: what a post may use; monetised: only licences allowing "
                           "commercial use and video, plus your own music; a licence not known is never offered "
                           "under either")
    min_duration: float | None = Field(None, description="seconds")
    max_duration: float | None = Field(None, description="seconds")
    genres: Words | None = None
    exclude_genres: Words | None = None
    caption: str | None = Field(None, max_length=20_000, description="post text, for semantic fit")
    user: User | None = None


class RecommendationRequest(Feeling, ListOptions):
    """Music for an emotion, a valence-arousal point or a full reading."""


class FeedbackRequest(RequestBody):
    track_id: int
    kind: FeedbackKind
    recommendation_id: int | None = Field(None, description="the list the track was shown in")
    user: User | None = None


class CaptionPost(RequestBody):
    """A post that is only a caption."""

    caption: str
    user: User | None = None


class PostForm(RequestFields):
    """A post with files (multipart): its caption, and one field per kind of file part, added to
    the document from the analysers registered (moodify.web.openapi)."""

    caption: str | None = None
    user: User | None = None
    keep: bool = Field(False, description="keep the uploaded files with the analysis (default: deleted once read)")

    @field_validator("caption")
    @classmethod
    def _readable(cls, caption: str | None) -> str | None:
        # Werkzeug decodes form fields with errors="replace": bytes that were not UTF-8 arrive as
        # U+FFFD, and the text they held is already lost.
        if caption is not None and "\ufffd" in caption:
            raise ValueError("the caption is not valid UTF-8 (some bytes could not be read): send it as UTF-8 text")
        return caption


class FetchRequest(RequestBody):
    usable: Usable = "any"
    user: User | None = None


class FindOnlineRequest(Feeling):
    """What to search for: a feeling, or a stored analysis's reading."""

    analysis_id: int | None = Field(None, description="use this analysis's reading")
    mode: Mode = "match"
    usable: Usable = "any"
    limit: int = Field(20, ge=1, le=100)
    user: User | None = None


class LibraryForm(RequestFields):
    files: Files = Field(description="audio files: mp3, m4a/aac, wav, flac, ogg/opus")
    user: User | None = None


class RenderForm(RequestFields):
    video: File
    track_id: int = Field(description="yours, or a catalogue track whose licence allows it (fetched first)")
    start: float | None = Field(None, ge=0, le=24 * 3600, description="seconds into the track "
                                "(default: the best stretch for the video)")
    analysis_id: int | None = Field(None, description="fit the stretch to this analysis's mood")
    usable: Usable = Field("any", description="monetised refuses NonCommercial music")
    user: User | None = None


class Credentials(RequestBody):
    # The lengths are documented here and checked by moodify.accounts, in its own words.
    name: Annotated[str, WithJsonSchema({"type": "string", "minLength": 3, "maxLength": 32, "description":
                                         "letters, digits, . _ - (NFKC-normalised, unique whatever the case)"})]
    password: Annotated[str, WithJsonSchema({"type": "string", "minLength": 10, "maxLength": 1024,
                                             "description": "not one of the most common passwords, not the name"})]


class NewPassword(RequestBody):
    current: str
    new: Annotated[str, WithJsonSchema({"type": "string", "minLength": 10})]


class TokenRequest(RequestBody):
    name: str = Field("token", description="what the token is for")


class ViewerQuery(RequestFields):
    user: User | None = None


class PageQuery(ViewerQuery):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)


class TrackQuery(PageQuery):
    q: str | None = Field(None, description="words in the title, artist, tags, genres or instruments")
    source: str | None = None
    emotion: str | None = Field(None, description="an English or Korean category name")


class SegmentQuery(ViewerQuery):
    length: float = Field(ge=0.5, le=3600, description="the video's length in seconds")
    analysis_id: int | None = Field(None, description="fit the stretch to this analysis's mood")
