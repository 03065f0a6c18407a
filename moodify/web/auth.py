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

from flask import Blueprint, Flask, Response, after_this_request, current_app, g, request

from moodify import accounts, config
from moodify.errors import Forbidden, InvalidInput, Unauthorised
from moodify.web.contract import operation
from moodify.web.schemas.requests import Credentials, NewPassword, TokenRequest
from moodify.web.schemas.server import Me, NewToken, Revoked, Session, SignedOut, TokenList

COOKIE = "moodify_session"
PUBLIC = {"api.health", "api.ready", "api.limits", "api_doc.served", "auth.register", "auth.login", "auth.me"}
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


def _signed_in(user: dict) -> dict:
    """Start a session (a fresh token; this browser's old one ends); its cookie goes on the answer."""
    token, csrf = accounts.start_session(_store(), user["id"], replacing=request.cookies.get(COOKIE))
    _, absolute = accounts.lifetimes()

    @after_this_request
    def _set_cookie(response: Response) -> Response:
        response.set_cookie(COOKIE, token, max_age=int(absolute.total_seconds()), httponly=True, samesite="Lax",
                            secure=current_app.config["MOODIFY_COOKIE_SECURE"], path="/")
        return response
    return {"name": user["name"], "csrf_token": csrf}


def _single_person(what: str) -> None:
    if not required(current_app):
        raise InvalidInput(f"this Moodify is single-person (MOODIFY_AUTH=none): {what}")


@bp.post("/register")
@operation({201: Session}, 409, 413, 429)
def register(json: Credentials):
    """Multi-user server only: create an account ({name, password}) and sign in"""
    _single_person("there are no accounts")
    return _signed_in(accounts.register(_store(), json.name, json.password)), 201


@bp.post("/login")
@operation(Session, 401, 413, 429)
def login(json: Credentials):
    """Multi-user server only: sign in; sets an HttpOnly session cookie and returns the CSRF token
    to send as X-CSRF-Token with every change"""
    _single_person("there is nothing to sign in to")
    return _signed_in(accounts.login(_store(), json.name, json.password))


@bp.post("/logout")
@operation(SignedOut)
def logout():
    """Sign out: the session ends on the server"""
    accounts.end_session(_store(), request.cookies.get(COOKIE, ""))

    @after_this_request
    def _forget_cookie(response: Response) -> Response:
        response.delete_cookie(COOKIE, path="/")
        return response
    return {"signed_out": True}


@bp.post("/password")
@operation(Session, 401)
def change_password(json: NewPassword):
    """Multi-user server only: {current, new}: a new password; every session and API token of the
    account ends, and this browser gets a fresh session"""
    user = accounts.login(_store(), _account(), json.current)
    accounts.set_password(_store(), user["name"], json.new)
    return _signed_in(user)


@bp.get("/me")
@operation(Me, 401)
def me():
    """Who is signed in: {auth: none} on the single-person tool"""
    if not required(current_app):
        return {"auth": "none", "name": None}
    if g.account is None:
        raise Unauthorised("not signed in")
    return {"auth": "required", "name": g.account, "csrf_token": g.get("csrf")}


@bp.get("/tokens")
@operation(TokenList)
def list_tokens():
    """Your personal API tokens (never their text)"""
    return {"tokens": accounts.tokens(_store(), _account())}


@bp.post("/tokens")
@operation({201: NewToken})
def create_token(json: TokenRequest):
    """A new personal API token for the CLI and scripts (`Authorization: Bearer ...`); its text is
    shown once"""
    return accounts.create_token(_store(), _account(), json.name), 201


@bp.delete("/tokens/<int:token_id>")
@operation(Revoked, 404)
def revoke_token(token_id: int):
    """Revoke a token"""
    accounts.revoke_token(_store(), _account(), token_id)
    return {"revoked": token_id}


def _account() -> str:
    if g.get("account") is None:
        raise InvalidInput("personal API tokens exist on the multi-user server only (MOODIFY_AUTH=required)")
    return g.account
