"""A request's body, checked before its model reads it: of a kind the operation takes (JSON, or a
form where it takes one), and a JSON body whole (size, UTF-8, depth, text every UTF-8 can hold,
an object). The model then checks its fields (moodify.web.contract)."""

from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from moodify.errors import InvalidInput, LengthRequired, PayloadTooLarge
from moodify.web.contract import takes

JSON_LIMIT = 2 * 1024 * 1024
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
NO_BODY = ("GET", "HEAD", "OPTIONS", "DELETE")


def init_app(app: Flask) -> None:
    app.before_request(check_body)


def check_body() -> None:
    """Refuse a body the operation does not take, and a JSON body that cannot be read as one
    object; an empty JSON body reads as {} (the model says what is missing)."""
    if request.method in NO_BODY or request.endpoint is None:
        return
    json, form = takes(current_app.view_functions.get(request.endpoint))
    if form and (request.mimetype in FORMS or not json):
        if request.mimetype not in FORMS:
            raise InvalidInput("send a multipart form (content-type multipart/form-data)")
    elif json:
        json_object()


def json_object() -> dict:
    """The request's JSON object, checked (size, UTF-8, depth); {} for an empty body."""
    too_large = PayloadTooLarge(f"the request is too large: the API takes at most {JSON_LIMIT >> 20} MB "
                                "of JSON (files go in a multipart post)")
    if (request.content_length or 0) > JSON_LIMIT:
        raise too_large
    if request.content_length is None and "chunked" in request.headers.get("Transfer-Encoding", "").lower() \
            and not request.environ.get("wsgi.input_terminated"):
        # The server hands the app no end to such a body (Werkzeug would read it as empty).
        raise LengthRequired("send the JSON with a Content-Length header (not chunked)")
    request.max_content_length = JSON_LIMIT + 1     # a chunked body: read one byte past the limit at most
    try:
        raw = request.get_data()
    except RequestEntityTooLarge:
        raise too_large from None
    if len(raw) > JSON_LIMIT:
        raise too_large
    if not raw:
        return {}
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"the request body is not valid UTF-8 (byte {exc.start}): send UTF-8 text") from None
    try:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise InvalidInput("send a JSON object with content-type application/json")
        _check_text(data)
    except RecursionError:
        raise InvalidInput("the JSON is nested deeper than Moodify reads: send a flat object") from None
    return data


def _check_text(value) -> None:
    """JSON may escape lone surrogates (\\ud800) that no UTF-8 text can hold: refuse them."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput("the request holds text that is not valid UTF-8 (a lone surrogate "
                               "escape such as \\ud800): send real characters") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list):
        for item in value:
            _check_text(item)
