"""Accounts for the multi-user server (MOODIFY_AUTH=required), after OWASP ASVS level 2 (V2, V3):

- names: NFKC-normalised, 3-32 letters, digits or `._-`, no control or bidirectional characters,
  unique as they compare (case-folded); registration never takes over an existing user (the
  single-person mode's `local`, users made by feedback or imports): that is a CLI job
  (`moodify users set-password`)
- passwords: 10 to 1,024 characters, not one of the 30,000 most common (zxcvbn's list), not the
  name; hashed with Argon2id; an unknown name is checked against a dummy hash, so it takes the
  time a wrong password takes
- sessions: a random token in the cookie, only its SHA-256 kept, a fresh one at every sign-in,
  ended by sign-out, by a password change and by deletion (with every token of the user), and by
  an idle and an absolute lifetime (settings)
- personal API tokens for the CLI and scripts: shown once, only their SHA-256 kept

By default Moodify is a single-person tool and none of this is used.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from moodify import config
from moodify.errors import Conflict, InvalidInput, NotFound, Unauthorised
from moodify.store import Store
from moodify.store.models import ApiToken, User, UserSession, utcnow

TOKEN_PREFIX = "mdf_"
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
NAME = re.compile(r"^[^\W_]([\w.\-]*[^\W_])?$")     # letters and digits, with . _ - inside
NAME_LENGTH = (3, 32)
SESSION_TOUCH = timedelta(minutes=1)                # how often a session's last use is written


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def account_name(raw) -> tuple[str, str]:
    """A name as typed -> (the name, the key it is unique by); InvalidInput saying what is wrong."""
    if not isinstance(raw, str):
        raise InvalidInput("a name must be text")
    name = unicodedata.normalize("NFKC", raw).strip()
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in name):
        raise InvalidInput("a name may not hold control, invisible or direction-changing characters")
    low, high = NAME_LENGTH
    if not low <= len(name) <= high or not NAME.match(name):
        raise InvalidInput(f"a name has {low} to {high} letters or digits, and may hold . _ - between them")
    return name, name.casefold()


def check_password(password, name: str) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidInput(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    folded = password.casefold()
    if folded in _common_passwords() or folded == name.casefold():
        raise InvalidInput("that password is among the most common ones (or is your name): choose another")
    return password


def register(store: Store, raw_name, password) -> dict:
    """A new account; 409 when the name, as it compares, exists in any form."""
    name, key = account_name(raw_name)
    check_password(password, name)
    hashed = _hasher().hash(password)
    taken = Conflict(f"the name {name!r} is taken: choose another")
    try:
        with store.session() as session:
            # Any user: accounts by their key, and the single-person mode's users by their name.
            if session.scalar(select(User.id).where(or_(User.name_key == key, func.lower(User.name) == name.lower()))):
                raise taken
            user = User(name=name, name_key=key, password_hash=hashed)
            session.add(user)
            session.flush()
            return {"id": user.id, "name": user.name}
    except IntegrityError:          # the same name registered at the same moment
        raise taken from None


def login(store: Store, raw_name, password) -> dict:
    """The account, if the password is right; the same refusal, in the same time, otherwise."""
    from argon2.exceptions import VerificationError

    key = unicodedata.normalize("NFKC", raw_name if isinstance(raw_name, str) else "").strip().casefold()
    with store.session() as session:
        user = session.scalar(select(User).where(User.name_key == key)) if key else None
        hashed = user.password_hash if user is not None and user.password_hash else _dummy_hash()
        try:
            _hasher().verify(hashed, password if isinstance(password, str) else "")
            if user is None or not user.password_hash:
                raise VerificationError
        except VerificationError:
            raise Unauthorised("wrong name or password") from None
        return {"id": user.id, "name": user.name}


def set_password(store: Store, name: str, password: str) -> None:
    """Give a user (an account, or the single-person mode's user) a new password; every session
    and token of theirs ends."""
    with store.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"no user named {name!r}")
        check_password(password, user.name)
        if user.name_key is None:
            key = unicodedata.normalize("NFKC", user.name).casefold()
            if session.scalar(select(User.id).where(User.name_key == key, User.id != user.id)):
                raise Conflict(f"another account's name compares equal to {user.name!r}")
            user.name_key = key
        user.password_hash = _hasher().hash(password)
        end_everything(session, user.id)


def end_everything(session, user_id: int) -> None:
    """Sign a user out everywhere: every session and every API token."""
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))
    session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))


# -- sessions --------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignedIn:
    name: str
    csrf: str


def lifetimes() -> tuple[timedelta, timedelta]:
    """(idle, absolute): how long a session lives unused, and at most."""
    return (timedelta(minutes=config.current().session_idle_minutes),
            timedelta(hours=config.current().session_max_hours))


def start_session(store: Store, user_id: int, replacing: str | None = None) -> tuple[str, str]:
    """A new session (a fresh token at every sign-in; the browser's old one ends): (token, csrf)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with store.session() as session:
        if replacing:
            session.execute(delete(UserSession).where(UserSession.id == token_hash(replacing)))
        session.add(UserSession(id=token_hash(token), user_id=user_id, csrf=csrf))
    return token, csrf


def session_for(store: Store, token: str) -> SignedIn | None:
    """Who a session token signs in, if it is current; an expired one is ended."""
    if not token:
        return None
    idle, absolute = lifetimes()
    now = utcnow()
    with store.session() as session:
        row = session.get(UserSession, token_hash(token))
        if row is None:
            return None
        if now - row.last_seen_at > idle or now - row.created_at > absolute:
            session.delete(row)
            return None
        if now - row.last_seen_at > SESSION_TOUCH:
            row.last_seen_at = now
        name = session.scalar(select(User.name).where(User.id == row.user_id))
        return None if name is None else SignedIn(name, row.csrf)


def end_session(store: Store, token: str) -> None:
    with store.session() as session:
        session.execute(delete(UserSession).where(UserSession.id == token_hash(token or "")))


# -- personal API tokens ------------------------------------------------------------------

def create_token(store: Store, user_name: str, label: str) -> dict:
    """A new token; its text is shown once and never stored."""
    label = (label or "token").strip()[:100] or "token"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.session() as session:
        user = session.scalar(select(User).where(User.name == user_name))
        if user is None:
            raise NotFound(f"no user named {user_name!r}")
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
        row = session.get(ApiToken, token_id) if 1 <= token_id < 2**63 else None
        owner = session.scalar(select(User.id).where(User.name == user_name))
        if row is None or row.user_id != owner:
            raise NotFound(f"no token with id {token_id}")
        session.delete(row)


def user_for_token(store: Store, token: str) -> str | None:
    with store.session() as session:
        return session.scalar(select(User.name).join(ApiToken, ApiToken.user_id == User.id)
                              .where(ApiToken.token_hash == token_hash(token)))
