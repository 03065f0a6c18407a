"""What every shape of the API shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from moodify.emotion import EMOTIONS
from moodify.licence import KINDS, USABLE
from moodify.recommend import MODES


class RequestBody(BaseModel):
    """A JSON body: types as JSON has them ("7" is not a number, 1.0 not a whole one). A null for
    an option means its default, as leaving it out does."""

    model_config = ConfigDict(strict=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _null_is_the_default(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {name: value for name, value in data.items()
                if value is not None or name not in fields or fields[name].is_required()
                or fields[name].default is None}


class RequestFields(BaseModel):
    """Query strings and form fields: text, read as the numbers and booleans they spell."""

    model_config = ConfigDict(allow_inf_nan=False)


class ResponseBody(BaseModel):
    """An answer: what it declares is what a client gets (anything else is left out)."""


# The enums are the constants the core declares. mypy cannot read a Literal or a model built
# from a tuple at run time; pydantic, and so the document, can.
if TYPE_CHECKING:
    Emotion: TypeAlias = str
    Mode: TypeAlias = str
    Usable: TypeAlias = str
    LicenceKind: TypeAlias = str
    Probs: TypeAlias = dict[str, float]
else:
    Emotion = Literal[EMOTIONS]
    Mode = Literal[MODES]
    Usable = Literal[USABLE]
    LicenceKind = Literal[KINDS]
    Probs = create_model("Probs", __base__=ResponseBody, __doc__="A probability for each of the seven emotions.",
                         **{emotion: (float, ...) for emotion in EMOTIONS})

FeedbackKind = Literal["like", "skip", "chosen"]


class Coded(ResponseBody):
    """A piece of evidence or a reason as a code and its values; the app puts it into words."""

    code: str
    params: dict[str, Any]


class ErrorBody(ResponseBody):
    code: str = Field(description="what went wrong, for the app to pick its words")
    message: str = Field(description="what went wrong and what to do, in English")
    details: dict[str, Any] | None = Field(None, description="values for the app's own words, e.g. "
                                           "library_full: used_mb, quota_mb, incoming_mb")


class Error(ResponseBody):
    """Every error: its 4xx or 5xx status, and this body."""

    error: ErrorBody
