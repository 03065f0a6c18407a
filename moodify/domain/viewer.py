"""Who is asking: the signed-in account, the CLI's --user, or the installation's local user.

Reading never creates a user (a name never seen owns nothing); acting (analysing, feedback,
importing) creates one on first use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from moodify.errors import InvalidInput, NotFound
from moodify.evidence import stored_reading
from moodify.store.models import Analysis, User

MAX_ID = 2**63 - 1          # ids beyond a 64-bit integer cannot exist
MAX_PAGE = 100_000
MAX_PER_PAGE = 100
NOBODY = -1                 # the id of a name never seen: it owns nothing


@dataclass(frozen=True)
class Viewer:
    name: str

    def id(self, session: Session) -> int:
        """The user's id, or NOBODY for a name never seen; never creates one."""
        found = session.scalar(select(User.id).where(User.name == self.name))
        return NOBODY if found is None else found

    def user(self, session: Session) -> User:
        """The user, created on first use."""
        if not self.name or len(self.name) > 150:
            raise InvalidInput("a user name must have 1 to 150 characters")
        user = session.scalar(select(User).where(User.name == self.name))
        if user is None:
            user = User(name=self.name)
            session.add(user)
            session.flush()
        return user


def check_id(value: int, what: str) -> int:
    """Ids beyond a 64-bit integer cannot exist; say so instead of overflowing the driver."""
    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no {what} with id {value}")
    return value


def check_page(page: int, per_page: int) -> None:
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidInput(f"page must be from 1 to {MAX_PAGE:,} and per_page from 1 to {MAX_PER_PAGE}")


def analysis_view(stored: Analysis) -> dict:
    """A stored reading as the API gives it (a post's, or a finished job's); evidence stored as
    sentences (before codes) comes out as `text` codes."""
    view = {"id": stored.id, "caption": stored.caption, "fused": stored_reading(stored.reading),
            "parts": [stored_reading(part) for part in stored.parts or []],
            "created_at": stored.created_at.isoformat() + "Z"}
    if stored.timeline is not None:
        view["timeline"] = stored.timeline
    return view
