"""One small exception tree. Each error carries the HTTP status and a message a user can act on."""

from __future__ import annotations


class MoodifyError(Exception):
    """Base of every error Moodify raises on purpose."""

    status = 500
    code = "internal"

    def __init__(self, message: str, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details          # numbers the app puts in its own words (the error's `details`)


class InvalidInput(MoodifyError):
    """The request or file is malformed; the message says what to change."""

    status = 400
    code = "invalid_input"


class NotFound(MoodifyError):
    status = 404
    code = "not_found"


class Unauthorised(MoodifyError):
    """The multi-user server needs a signed-in account or a token for this."""

    status = 401
    code = "unauthorised"


class Forbidden(MoodifyError):
    """Signed in, but this request may not do that (another user's name, no CSRF token)."""

    status = 403
    code = "forbidden"


class Conflict(MoodifyError):
    """The request clashes with what exists (a name that is taken)."""

    status = 409
    code = "conflict"


class PayloadTooLarge(MoodifyError):
    status = 413
    code = "too_large"


class LengthRequired(MoodifyError):
    status = 411
    code = "length_required"


class LibraryFull(PayloadTooLarge):
    code = "library_full"


class CatalogError(MoodifyError):
    """The catalogue cannot be built or read (missing source file, empty database)."""

    status = 503
    code = "catalog_unavailable"


class ModelUnavailable(MoodifyError):
    """A model's package or weights are missing on this machine."""

    status = 503
    code = "model_unavailable"
