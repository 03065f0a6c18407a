"""How often someone may try to sign in or sign up (Flask-Limiter): per client address, and per
account name, so that guessing one account's password from many addresses is slow too.

Counts live in Redis when jobs run there (`jobs=redis://...`: every server process shares them),
in memory otherwise. A request over a limit gets 429 with Retry-After, in the common error shape.
Behind a reverse proxy, run Moodify with the proxy's address trusted (ProxyFix) so the client's
own address is the one counted.
"""

from __future__ import annotations

import unicodedata
from typing import cast

from flask import Flask, request
from flask import typing as ft
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from moodify import config

PER_ADDRESS = "20 per minute;200 per day"      # sign-ins and sign-ups from one address
PER_NAME = "5 per minute;30 per hour"          # sign-ins to one account, from anywhere


def _name_key() -> str:
    data = request.get_json(silent=True)
    name = data.get("name") if isinstance(data, dict) else None
    folded = unicodedata.normalize("NFKC", name).strip().casefold() if isinstance(name, str) else ""
    return f"name:{folded[:64]}"


def storage_uri(settings: config.Settings) -> str:
    return settings.jobs if settings.redis_jobs else "memory://"


def init_app(app: Flask, settings: config.Settings) -> Limiter:
    """Put the limits on the sign-in and sign-up views (registered before this runs)."""
    limiter = Limiter(get_remote_address, app=app, storage_uri=storage_uri(settings), headers_enabled=True,
                      strategy="moving-window", key_prefix="moodify")
    for endpoint in ("auth.login", "auth.register"):
        view = limiter.limit(PER_ADDRESS, scope=f"{endpoint}:address")(app.view_functions[endpoint])
        if endpoint == "auth.login":
            view = limiter.limit(PER_NAME, key_func=_name_key, scope="login:name")(view)
        # Limiter.limit() is generic over one callable; given Flask's union of sync and async views
        # it infers a single callable returning either, which is the same view to Flask.
        app.view_functions[endpoint] = cast(ft.RouteCallable, view)
    return limiter
