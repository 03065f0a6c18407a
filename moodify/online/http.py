"""HTTP for the online services: one place that knows timeouts, retries, Retry-After, size caps
and the `offline` setting.

    require_online(service)            -> OfflineError when the `offline` setting is on
    get_json(url, params, ...)         -> the decoded JSON document; retries connection errors,
                                          timeouts, 429 and 5xx with exponential backoff (tenacity),
                                          waiting what Retry-After asks when it says

Downloads (size caps, web pages instead of audio, where a file may come from) are in
moodify.online.downloads.

Only what the caller puts in the URL and its parameters is sent (track ids, mood words), never a
person's media.
"""

from __future__ import annotations

import email.utils
import threading
import time
from typing import Callable, TypeVar

import requests
from tenacity import (RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential_jitter)
from tenacity import Retrying

from moodify import config
from moodify.errors import MoodifyError

T = TypeVar("T")
USER_AGENT = "Moodify/0.1 (background music for social posts; https://github.com/moodify)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
CHUNK = 1 << 16


class OnlineError(MoodifyError):
    """An online service could not be reached or answered in a way Moodify cannot use."""

    status = 502
    code = "online_failed"

    def __init__(self, message: str, *, service: str = "") -> None:
        super().__init__(message)
        self.service = service


class OfflineError(OnlineError):
    """The `offline` setting is on: nothing is sent anywhere."""

    status = 409
    code = "offline"


class ServiceRefused(OnlineError):
    """The service refused the request itself (a bad client id, a bad parameter); `document` is
    its decoded JSON answer, when it sent one."""

    code = "online_refused"
    document = None


class RateLimited(OnlineError):
    """The service asks us to slow down for longer than we are willing to wait now."""

    status = 429
    code = "online_rate_limited"

    def __init__(self, message: str, *, service: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, service=service)
        self.retry_after = retry_after


class DownloadRefused(OnlineError):
    """A download that is not what it should be: too large, or a web page instead of audio."""

    status = 422
    code = "download_refused"


class Retryable(Exception):
    """A failed attempt worth repeating (connection error, timeout, 429, 5xx)."""

    def __init__(self, reason: str, retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.status = status


def is_offline() -> bool:
    return config.current().offline


def require_online(service: str) -> None:
    if is_offline():
        raise OfflineError(f"{service} is not asked: Moodify is offline (MOODIFY_OFFLINE=1). "
                           "Unset it to use online features.", service=service)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) in seconds from now; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def new_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def backoff_wait(max_wait: float, base: float) -> Callable[[RetryCallState], float]:
    backoff = wait_exponential_jitter(multiplier=base, max=max_wait, jitter=base)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = getattr(error, "retry_after", None)
        return min(asked, max_wait) if asked is not None else backoff(state)
    return wait


def failure(exc: requests.RequestException, service: str) -> Exception:
    """A requests exception as a failure worth retrying (Retryable) or an OnlineError."""
    if isinstance(exc, requests.Timeout):
        return Retryable(f"{service} did not answer in time")
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                        requests.exceptions.InvalidSchema)):
        return OnlineError(f"the address Moodify has for {service} is not a URL it can use: check the "
                           f"{service.upper()}_API_URL setting", service=service)
    if isinstance(exc, requests.TooManyRedirects):
        return OnlineError(f"{service} sent Moodify round in redirects", service=service)
    # connection refused or reset, an answer cut short (ChunkedEncodingError), a broken encoding
    return Retryable(f"{service} could not be reached or broke off ({exc.__class__.__name__})")


def _attempt(session: requests.Session, url: str, params: dict, timeout, service: str,
             max_wait: float) -> requests.Response:
    try:
        response = session.get(url, params=params, timeout=timeout)
    except requests.RequestException as exc:
        raise failure(exc, service) from None
    if response.status_code in RETRY_STATUSES:
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if response.status_code == 429 and asked is not None and asked > max_wait:
            raise RateLimited(f"{service} asks to wait {asked:.0f} s before the next request: try again later "
                              "(what was done so far is kept)", service=service, retry_after=asked)
        raise Retryable(f"{service} answered HTTP {response.status_code}", asked, response.status_code)
    return response


def within(deadline: float | None, work: Callable[[], T], *, on_late: Callable[[], None], service: str) -> T:
    """work() if it ends within `deadline` seconds (all of it: name lookup, connecting, a server
    that trickles its answer a byte at a time); else on_late() (which closes its connections, so
    the abandoned call ends soon) and a Retryable failure. No deadline: work() as it is."""
    if deadline is None:
        return work()
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:          # noqa: BLE001 - handed to the caller below
            outcome["error"] = exc
    worker = threading.Thread(target=run, daemon=True, name=f"moodify-{service.lower()}-call")
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        on_late()
        raise Retryable(f"{service} did not answer in time")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def get_json(url: str, params: dict | None = None, *, service: str, timeout: float | tuple = 10.0,
             attempts: int = 4, max_wait: float = 30.0, backoff: float = 0.5, deadline: float | None = None,
             session: requests.Session | None = None):
    """GET url and decode its JSON, retrying what is worth retrying; raises an OnlineError
    subclass with a message a person can act on. `deadline`: seconds the whole call may take
    (`timeout` only bounds each wait for the next bytes)."""
    require_online(service)
    session = session or new_session()
    retrying = Retrying(stop=stop_after_attempt(max(1, attempts)), wait=backoff_wait(max_wait, backoff),
                        retry=retry_if_exception(lambda e: isinstance(e, Retryable)), reraise=True)
    try:
        response = within(deadline, lambda: retrying(_attempt, session, url, params or {}, timeout, service,
                                                     max_wait), on_late=session.close, service=service)
    except Retryable as exc:
        tries = f" ({attempts} attempts)" if attempts > 1 else ""
        if exc.status == 429:
            raise RateLimited(f"{exc.reason}{tries}: it limits how often it may be asked; try again later",
                              service=service, retry_after=exc.retry_after) from None
        raise OnlineError(f"{exc.reason}{tries}: try again later", service=service) from None
    if response.status_code >= 400:
        refused = ServiceRefused(f"{service} refused the request (HTTP {response.status_code}"
                                 f"{_detail(response)})", service=service)
        refused.document = _decoded(response)
        raise refused
    try:
        return response.json()
    except ValueError:
        raise OnlineError(f"{service} answered with something that is not JSON: try again later",
                          service=service) from None


def _decoded(response: requests.Response):
    try:
        return response.json()
    except ValueError:
        return None


def _detail(response: requests.Response) -> str:
    """What a refusal's JSON says, briefly (Openverse's `detail`)."""
    document = _decoded(response)
    said = document.get("detail") if isinstance(document, dict) else None
    return f": {str(said)[:200]}" if said else ""
