"""Sign-in for the multi-user server (MOODIFY_AUTH=required).

    a request -> `Authorization: Bearer mdf_...` (a personal token: CLI and scripts)
              or the session cookie (a random token, HttpOnly, SameSite=Lax; the web app), looked
              up server-side (moodify.accounts: lifetimes, ended by sign-out and password changes)
              -> g.account, the user every route then acts for
    state-changing requests on a cookie carry `X-CSRF-Token` (the token /auth/me and /auth/login
    return): a form or script on another site cannot send it
    sign-in and sign-up are rate-limited per address and per name (moodify.web.limits)

In the default single-person mode none of this applies and requests name their user.
"""

from __future__ import annotations

import os
import secrets

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request

from moodify import accounts, config
from moodify.errors import Forbidden, InvalidInput, Unauthorised

COOKIE = "moodify_session"
PUBLIC = {"api.health", "api.ready", "api.limits", "api.openapi", "auth.register", "auth.login", "auth.me"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

bp = Blueprint("auth", __name__, url_prefix="/api/v1/auth")


def required(app: Flask) -> bool:
    return app.config["MOODIFY_AUTH"] == "required"


def init_app(app: Flask, settings: config.Settings) -> None:
    """Sessions and sign-in for the multi-user server (the settings checked its secret)."""
    app.config["MOODIFY_AUTH"] = settings.auth
    app.secret_key = settings.secret_key or os.urandom(32)
    app.config["MOODIFY_COOKIE_SECURE"] = settings.cookie_secure
    app.before_request(_authenticate)
    app.register_blueprint(bp)
    from moodify.web import limits

    limits.init_app(app, settings)


def _store():
    return current_app.extensions["moodify"].store


def _authenticate():
    g.account = None
    if not required(current_app) or not request.path.startswith("/api/"):
        return None
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        g.account = accounts.user_for_token(_store(), header[7:].strip())
        if g.account is None:
            raise Unauthorised("that API token is not valid: create one at /api/v1/auth/tokens")
        return None
    signed_in = accounts.session_for(_store(), request.cookies.get(COOKIE, ""))
    g.account, g.csrf = (signed_in.name, signed_in.csrf) if signed_in else (None, None)
    if g.account is not None and request.method in UNSAFE and request.endpoint != "auth.login":
        sent = request.headers.get("X-CSRF-Token", "")
        if not sent or not secrets.compare_digest(sent, g.csrf):
            raise Forbidden("missing or wrong X-CSRF-Token header: read it from /api/v1/auth/me")
    if g.account is None and request.endpoint not in PUBLIC:
        raise Unauthorised("sign in first (POST /api/v1/auth/login) or send a personal API token")
    return None


def _credentials() -> tuple[str, str]:
    from moodify.web.api import json_body       # the API's limits and checks on JSON bodies

    data = json_body()
    if not isinstance(data.get("name"), str) or not isinstance(data.get("password"), str):
        raise InvalidInput("send {\"name\": ..., \"password\": ...} as JSON")
    return data["name"], data["password"]


def _signed_in(user: dict, status: int = 200) -> Response:
    """Start a session (a fresh token; this browser's old one ends) and set its cookie."""
    token, csrf = accounts.start_session(_store(), user["id"], replacing=request.cookies.get(COOKIE))
    response = jsonify({"name": user["name"], "csrf_token": csrf})
    response.status_code = status
    _, absolute = accounts.lifetimes()
    response.set_cookie(COOKIE, token, max_age=int(absolute.total_seconds()), httponly=True, samesite="Lax",
                        secure=current_app.config["MOODIFY_COOKIE_SECURE"], path="/")
    return response


def _single_person(what: str) -> None:
    if not required(current_app):
        raise InvalidInput(f"this Moodify is single-person (MOODIFY_AUTH=none): {what}")


@bp.post("/register")
def register():
    _single_person("there are no accounts")
    name, password = _credentials()
    return _signed_in(accounts.register(_store(), name, password), 201)


@bp.post("/login")
def login():
    _single_person("there is nothing to sign in to")
    name, password = _credentials()
    return _signed_in(accounts.login(_store(), name, password))


@bp.post("/logout")
def logout():
    accounts.end_session(_store(), request.cookies.get(COOKIE, ""))
    response = jsonify({"signed_out": True})
    response.delete_cookie(COOKIE, path="/")
    return response


@bp.post("/password")
def change_password():
    """{"current", "new"}: a new password; every session and token of the account ends, and this
    browser gets a fresh session."""
    from moodify.web.api import json_body

    data = json_body()
    if not isinstance(data.get("current"), str) or not isinstance(data.get("new"), str):
        raise InvalidInput("send {\"current\": ..., \"new\": ...} as JSON")
    user = accounts.login(_store(), _account(), data["current"])
    accounts.set_password(_store(), user["name"], data["new"])
    return _signed_in(user)


@bp.get("/me")
def me():
    if not required(current_app):
        return jsonify({"auth": "none", "name": None})
    if g.account is None:
        raise Unauthorised("not signed in")
    return jsonify({"auth": "required", "name": g.account, "csrf_token": g.get("csrf")})


@bp.get("/tokens")
def list_tokens():
    return jsonify({"tokens": accounts.tokens(_store(), _account())})


@bp.post("/tokens")
def create_token():
    from moodify.web.api import json_body

    data = json_body(optional=True)
    if not isinstance(data.get("name", "token"), str):
        raise InvalidInput("'name' must be text: what the token is for")
    return jsonify(accounts.create_token(_store(), _account(), data.get("name", "token"))), 201


@bp.delete("/tokens/<int:token_id>")
def revoke_token(token_id: int):
    accounts.revoke_token(_store(), _account(), token_id)
    return jsonify({"revoked": token_id})


def _account() -> str:
    if g.get("account") is None:
        raise InvalidInput("personal API tokens exist on the multi-user server only (MOODIFY_AUTH=required)")
    return g.account
