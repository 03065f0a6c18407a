"""Each view's contract, declared beside it and kept by spectree:

    @bp.post("/feedback")
    @operation({201: FeedbackEvent}, 404)
    def feedback(json: FeedbackRequest): ...

The view's signature names what it takes (`json`, `form`, `query`: models of moodify.web.schemas);
`operation` names what it answers (a model per status; the statuses answered with the Error
shape). Before the view runs, spectree validates the request against its model (a wrong field
is a 400 that names it, in the API's error shape); after, it validates the answer and shapes it
by its model; and it writes both into the OpenAPI document (moodify.web.openapi).

Why spectree: it decorates Flask's own views and blueprints (no other app class, unlike
flask-openapi3), takes pydantic v2 models from the signature, validates and serialises answers,
and writes OpenAPI 3.1; its hooks (before, after, the model adapter, the backend) let errors
keep the API's one shape without a fork.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import flask
from pydantic import ValidationError
from spectree import Response, SpecTree
from spectree.model_adapter.pydantic_adapter import PydanticModelAdapter
from spectree.plugins.flask_plugin import FlaskPlugin

from moodify import __version__
from moodify.errors import InvalidInput
from moodify.web.schemas.base import Error

# pydantic's words for a wrong field, in the API's (others keep pydantic's: "Input should be ..." -> "must be ...")
WORDS = {"missing": "is missing", "int_type": "must be a whole number", "int_parsing": "must be a whole number",
         "int_from_float": "must be a whole number", "float_type": "must be a number",
         "float_parsing": "must be a number", "finite_number": "must be a finite number",
         "bool_type": "must be true or false", "bool_parsing": "must be true or false",
         "string_type": "must be text", "list_type": "must be a list", "dict_type": "must be an object",
         "model_type": "must be an object", "model_attributes_type": "must be an object"}


def explain(error: ValidationError) -> InvalidInput:
    """A model's refusal as the API's 400: which field, what is allowed, what came."""
    problems = error.errors(include_url=False)
    first = problems[0]
    field = ".".join(str(part) for part in first["loc"])
    if first["type"] == "value_error":          # a model's own check: its message says it all
        message = str(first["ctx"]["error"])
    else:
        words = WORDS.get(first["type"]) or re.sub(r"^\w+ should ", "must ", first["msg"])
        got = first.get("input")
        shown = f", got {got!r:.40}" if first["type"] != "missing" and isinstance(got, (str, int, float)) else ""
        message = f"'{field}' {words}{shown}" if field else f"the request {words}"
    if len(problems) > 1:
        message += f" (and {len(problems) - 1} more)"
    return InvalidInput(message, {"field": field})


def _refuse(request, response, error: Exception | None, instance, adapter) -> None:
    if isinstance(error, ValidationError):
        raise explain(error) from None


class ResponseDrift(RuntimeError):
    """An answer does not fit its model: a bug, logged; the person gets the API's 500."""


def _drifted(request, response, error: Exception | None, instance, adapter) -> None:
    if error is not None:
        raise ResponseDrift(f"{request.method} {request.path} answered off its model: {error}")


class _Adapter(PydanticModelAdapter):
    """spectree turns a refusal into JSON before our hook sees it: leave out what was sent (an
    uploaded file is not JSON), which `explain` reads from the error itself."""

    def validation_errors(self, err: ValidationError) -> Any:
        return err.errors(include_url=False, include_context=False, include_input=False)


class _Flask(FlaskPlugin):
    """Files (send_file) go out as the stream they are: spectree would read one into memory. Any
    other answer is data for spectree to shape (a Response's own headers would outlive its body:
    set cookies with flask.after_this_request)."""

    def validate_response(self, resp, resp_model, skip_validation, force_resp_serialize):
        if isinstance(resp, flask.Response):
            if resp.direct_passthrough:
                return resp, None
            raise TypeError("a view with an operation returns data (and a status), not a Response")
        return super().validate_response(resp, resp_model, skip_validation, force_resp_serialize)


spec = SpecTree(
    "flask", backend=_Flask, mode="strict", annotations=True,
    model_adapter=_Adapter(),       # type: ignore[arg-type]  # spectree types its adapters' errors as Exception
    naming_strategy=lambda model: model.__name__, nested_naming_strategy=lambda _parent, child: child,
    validation_error_status=400, validation_error_model=Error, before=_refuse, after=_drifted,
    title="Moodify API", version=__version__,
    description="Background music for a social-media post, by its emotion. With MOODIFY_AUTH=required, every "
                "operation but the public ones needs a session or a personal API token.")


def operation(ok: Any = None, *errors: int, **options: Any) -> Callable:
    """What a view answers: `ok`, its model (status 200; None: no body), or {status: model, ...};
    `errors`, the statuses it may answer in the Error shape (400 always: a request off its model).
    `options` go to spectree (`form=`, `query=`, `json=` besides the view's signature)."""
    answers = ok if isinstance(ok, dict) else {200: ok}
    codes = {f"HTTP_{status}": model for status, model in answers.items()}
    codes |= {f"HTTP_{status}": Error for status in errors}
    return spec.validate(resp=Response(**codes), force_resp_serialize=True, **options)


def takes(view: Callable | None) -> tuple[bool, bool]:
    """Whether a view takes a JSON body, and whether a form."""
    found = spec.get_function_metadata(view) if view is not None else None
    return (found is not None and found.json is not None, found is not None and found.form is not None)
