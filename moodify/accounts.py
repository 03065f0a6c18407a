"""Accounts for the multi-user server (MOODIFY_AUTH=required): passwords hashed with Argon2id,
personal API tokens of which only a SHA-256 is kept.

By default Moodify is a single-person tool and none of this is used.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from moodify.errors import InvalidInput, NotFound, Unauthorised
from moodify.store import Store
from moodify.store.models import ApiToken, User

TOKEN_PREFIX = "mdf_"
MIN_PASSWORD = 10


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register(store: Store, name: str, password: str) -> dict:
    name = (name or "").strip()
    if not 1 <= len(name) <= 150:
        raise InvalidInput("a user name must have 1 to 150 characters")
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD} characters")
    with store.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is not None and user.password_hash:
            raise InvalidInput(f"the name {name!r} is taken: choose another")
        if user is None:
            user = User(name=name)
            session.add(user)
        user.password_hash = _hasher().hash(password)
        session.flush()
        return {"id": user.id, "name": user.name}


def login(store: Store, name: str, password: str) -> dict:
    from argon2.exceptions import VerificationError

    with store.session() as session:
        user = session.scalar(select(User).where(User.name == (name or "").strip()))
        try:
            if user is None or not user.password_hash or not _hasher().verify(user.password_hash, password or ""):
                raise VerificationError
        except VerificationError:
            raise Unauthorised("wrong name or password") from None
        return {"id": user.id, "name": user.name}


def create_token(store: Store, user_name: str, label: str) -> dict:
    """A new token; its text is shown once and never stored."""
    label = (label or "token").strip()[:100] or "token"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.session() as session:
        user = session.scalar(select(User).where(User.name == user_name))
        row = ApiToken(user_id=user.id, name=label, token_hash=token_hash(token))
        session.add(row)
        session.flush()
        return {"id": row.id, "name": row.name, "token": token}


def tokens(store: Store, user_name: str) -> list[dict]:
    with store.session() as session:
        rows = session.execute(select(ApiToken.id, ApiToken.name, ApiToken.created_at).join(User)
                               .where(User.name == user_name).order_by(ApiToken.id)).all()
        return [{"id": i, "name": n, "created_at": c.isoformat() + "Z"} for i, n, c in rows]


def revoke_token(store: Store, user_name: str, token_id: int) -> None:
    with store.session() as session:
        row = session.get(ApiToken, token_id)
        owner = session.scalar(select(User.id).where(User.name == user_name))
        if row is None or row.user_id != owner:
            raise NotFound(f"no token with id {token_id}")
        session.delete(row)


def user_for_token(store: Store, token: str) -> str | None:
    with store.session() as session:
        return session.scalar(select(User.name).join(ApiToken, ApiToken.user_id == User.id)
                              .where(ApiToken.token_hash == token_hash(token)))
