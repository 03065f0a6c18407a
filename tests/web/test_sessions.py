"""Accounts and sessions on the multi-user server, after OWASP ASVS level 2 (V2, V3): nobody
takes over a user by signing up under their name, sessions end when they should, guessing is
slow, names and passwords are checked, and racing sign-ups cannot break the database."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from moodify import accounts
from moodify.cli import main
from moodify.store.models import ApiToken, User, UserSession, utcnow
from moodify.web import create_app

SECRET = "k" * 48
PASSWORD = "a long walk at dusk"


@pytest.fixture(scope="module")
def server(own_app):
    app, _ = own_app(auth="required", secret_key=SECRET)
    return app


def store_of(app):
    return app.extensions["moodify"].store


def sign_up(app, name, password=PASSWORD, address="10.0.0.1"):
    client = app.test_client()
    response = client.post("/api/v1/auth/register", json={"name": name, "password": password},
                           environ_overrides={"REMOTE_ADDR": address})
    return client, response


def test_signing_up_under_an_existing_users_name_never_takes_it_over(server):
    """The critical one: `local` (the single-person user) and users made by feedback or imports
    have no password; signing up as them must not hand over their library."""
    store = store_of(server)
    with store.session() as session:
        session.add(User(name="local"))
        session.add(User(name="Someone"))
    for name in ("local", "LOCAL", "someone", "Ｓｏｍｅｏｎｅ"):          # any case, any width
        _, response = sign_up(server, name)
        assert response.status_code == 409, (name, response.get_json())
        assert response.get_json()["error"]["code"] == "conflict"
    with store.session() as session:
        assert session.scalar(select(User.password_hash).where(User.name == "local")) is None


def test_an_existing_user_gets_a_password_from_the_command_line(server, monkeypatch):
    store = store_of(server)
    monkeypatch.setenv("MOODIFY_DATABASE_URL", store.url)
    with store.session() as session:
        session.add(User(name="nopass-owner"))
    result = CliRunner().invoke(main, ["users", "set-password", "nopass-owner", "--password-stdin"],
                                input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    signed = server.test_client().post("/api/v1/auth/login", json={"name": "nopass-owner", "password": PASSWORD})
    assert signed.status_code == 200


@pytest.mark.parametrize("name,ok", [("ab", False), ("a" * 33, False), ("al ice", False), ("-alice", False),
                                     ("alice\u202e", False), ("ali\u200bce", False), ("al\x07ice", False),
                                     ("밝은.하늘_7", True), ("mia-2", True), ("x.y", True)])
def test_names_are_checked(server, name, ok):
    _, response = sign_up(server, name, address="10.0.1.1")
    assert (response.status_code == 201) is ok, response.get_json()


@pytest.mark.parametrize("password", ["short", "x" * 1025, "1234567890", "qwertyuiop", "password123",
                                      "Check-Me-42"])
def test_weak_or_oversized_passwords_are_refused(server, password):
    _, response = sign_up(server, "check-me-42", password=password, address="10.0.2.1")
    assert response.status_code == 400, password


def test_a_session_is_a_server_side_record_that_sign_out_ends(server):
    client, response = sign_up(server, "dana")
    cookie = client.get_cookie("moodify_session")
    assert cookie and cookie.http_only and len(cookie.value) >= 40
    csrf = response.get_json()["csrf_token"]
    assert client.get("/api/v1/analyses").status_code == 200
    stolen = server.test_client()
    stolen.set_cookie("moodify_session", cookie.value)
    assert stolen.get("/api/v1/analyses").status_code == 200          # a copied cookie works...
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert stolen.get("/api/v1/analyses").status_code == 401          # ...until sign-out ends it


def test_signing_in_gives_a_fresh_session(server):
    client, _ = sign_up(server, "erin")
    before = client.get_cookie("moodify_session").value
    assert client.post("/api/v1/auth/login", json={"name": "erin", "password": PASSWORD}).status_code == 200
    after = client.get_cookie("moodify_session").value
    assert after != before
    old = server.test_client()
    old.set_cookie("moodify_session", before)
    assert old.get("/api/v1/analyses").status_code == 401


def test_a_password_change_or_a_purge_ends_every_session_and_token(server, monkeypatch):
    laptop, response = sign_up(server, "frank")
    csrf = response.get_json()["csrf_token"]
    token = laptop.post("/api/v1/auth/tokens", json={"name": "cli"}, headers={"X-CSRF-Token": csrf}).get_json()["token"]
    phone = server.test_client()
    phone.post("/api/v1/auth/login", json={"name": "frank", "password": PASSWORD})
    changed = laptop.post("/api/v1/auth/password", json={"current": PASSWORD, "new": "a newer walk at dawn"},
                          headers={"X-CSRF-Token": csrf})
    assert changed.status_code == 200
    assert phone.get("/api/v1/analyses").status_code == 401
    script = server.test_client()
    assert script.get("/api/v1/analyses", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert laptop.get("/api/v1/analyses").status_code == 200          # this browser got a new session

    store = store_of(server)
    monkeypatch.setenv("MOODIFY_DATABASE_URL", store.url)
    assert CliRunner().invoke(main, ["purge", "--user", "frank", "--yes"]).exit_code == 0
    assert laptop.get("/api/v1/analyses").status_code == 401
    again, response = sign_up(server, "frank", address="10.0.3.1")     # the name is free again...
    assert response.status_code == 201
    with store.session() as session:
        assert session.scalar(select(ApiToken.id).join(User).where(User.name == "frank")) is None


def test_sessions_end_after_their_idle_and_absolute_lifetimes(server):
    store = store_of(server)
    idle, absolute = accounts.lifetimes()

    def age(name: str, **values) -> None:
        with store.session() as session:
            user_id = session.scalar(select(User.id).where(User.name == name))
            session.execute(update(UserSession).where(UserSession.user_id == user_id).values(**values))
    client, _ = sign_up(server, "gina")
    age("gina", last_seen_at=utcnow() - idle - timedelta(minutes=1))
    assert client.get("/api/v1/analyses").status_code == 401
    client, _ = sign_up(server, "hank")
    age("hank", created_at=utcnow() - absolute - timedelta(minutes=1))     # used all along, but too old
    assert client.get("/api/v1/analyses").status_code == 401


def test_an_unknown_name_and_a_wrong_password_look_the_same(server, monkeypatch):
    """Same answer, and the same work: an unknown name is checked against a dummy hash."""
    sign_up(server, "ivan")
    from argon2 import PasswordHasher

    calls = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):
            calls.append(hash)
            return super().verify(hash, password)
    monkeypatch.setattr(accounts, "_hasher", Counting)
    client = server.test_client()
    unknown = client.post("/api/v1/auth/login", json={"name": "nobody-here", "password": PASSWORD},
                          environ_overrides={"REMOTE_ADDR": "10.0.4.1"})
    wrong = client.post("/api/v1/auth/login", json={"name": "ivan", "password": "not the password"},
                        environ_overrides={"REMOTE_ADDR": "10.0.4.1"})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.get_json() == wrong.get_json()
    assert len(calls) == 2 and all(h.startswith("$argon2id$") for h in calls)   # one verification each


def test_guessing_is_rate_limited_per_address_and_per_name(server):
    sign_up(server, "judy")
    client = server.test_client()
    statuses = [client.post("/api/v1/auth/login", json={"name": "judy", "password": f"guess number {i}"},
                            environ_overrides={"REMOTE_ADDR": f"10.9.{i}.1"}).status_code for i in range(8)]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429] * 3       # 5 a minute per name, any address
    limited = client.post("/api/v1/auth/login", json={"name": "judy", "password": "guess number 9"},
                          environ_overrides={"REMOTE_ADDR": "10.9.9.1"})
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert limited.get_json()["error"]["code"] == "too_many_requests"
    flood = [client.post("/api/v1/auth/register", json={"name": f"flood{i}", "password": "x"},
                         environ_overrides={"REMOTE_ADDR": "10.8.0.1"}).status_code for i in range(25)]
    assert 429 in flood and flood.index(429) == 20                      # 20 a minute per address


def test_the_json_limit_holds_on_the_auth_routes(server):
    huge = {"name": "kim", "password": "p" * (3 * 2**20)}
    assert server.test_client().post("/api/v1/auth/register", json=huge,
                                     environ_overrides={"REMOTE_ADDR": "10.0.5.1"}).status_code == 413
    assert server.test_client().post("/api/v1/auth/login", data="[]", content_type="application/json",
                                     environ_overrides={"REMOTE_ADDR": "10.0.5.1"}).status_code == 400


def test_100_racing_sign_ups_of_one_name_give_one_account(database_url, tmp_path):
    """On SQLite and on MariaDB: exactly one 201, every other 409, never a 500."""
    from moodify.catalog import build
    from moodify.store import Store

    store = Store(database_url)
    store.upgrade()
    if build.track_count(store) == 0:
        build.build(store)
    app = create_app({"database_url": database_url, "instance": str(tmp_path), "auth": "required",
                      "secret_key": SECRET})
    name = f"race{tmp_path.name[-6:].replace('_', '')}"

    def attempt(i):
        return app.test_client().post("/api/v1/auth/register", json={"name": name, "password": PASSWORD},
                                      environ_overrides={"REMOTE_ADDR": f"10.{i // 250}.{i % 250}.9"}).status_code
    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(attempt, range(100)))
    assert statuses.count(201) == 1 and statuses.count(409) == 99, sorted(set(statuses))


def test_token_routes_take_only_what_they_should(server):
    client, response = sign_up(server, "lena", address="10.0.6.1")
    headers = {"X-CSRF-Token": response.get_json()["csrf_token"]}
    for body in ([1, 2], "text", {"name": 5}):
        refused = client.post("/api/v1/auth/tokens", json=body, headers=headers)
        assert refused.status_code == 400, body
    assert client.delete(f"/api/v1/auth/tokens/{10**25}", headers=headers).status_code == 404
