"""Every error leaves the API as JSON {"error": {"code", "message"[, "details"]}} with its 4xx/5xx
status; `details` holds the numbers an app needs to say it in its own words."""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from moodify.errors import MoodifyError

log = logging.getLogger(__name__)


def error_response(status: int, code: str, message: str, details: dict | None = None):
    error: dict[str, object] = {"code": code, "message": message}
    if details:
        error["details"] = details
    response = jsonify({"error": error})
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(MoodifyError)
    def _moodify_error(exc: MoodifyError):
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        messages = {404: "no such route: see /api/v1/openapi.json for the API",
                    413: "the request is too large: the API takes at most 2 MB of JSON, and "
                         "uploads up to the max_upload_mb setting (MOODIFY_MAX_UPLOAD_MB)",
                    405: "this route does not take that method: see /api/v1/openapi.json"}
        status = exc.code or 500
        return error_response(status, code, messages.get(status, exc.description or code))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error")
        return error_response(500, "internal", "something went wrong on our side; nothing you sent was lost")
