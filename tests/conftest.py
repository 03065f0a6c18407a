"""Shared fixtures: a built catalogue on SQLite and on the MariaDB server, an app, a client.

MariaDB tests use a fresh database on 127.0.0.1:3306 (root, empty password), dropped at the
end. Where the server cannot be reached they are skipped, except under CI=true, where that
is a failure.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from moodify.catalog import build
from moodify.service import Moodify
from moodify.store import Store

MARIADB_ADMIN_URL = os.environ.get("MOODIFY_TEST_MARIADB", "mysql+pymysql://root@127.0.0.1:3306/test")
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BACKENDS = ("sqlite", "mariadb")


def _mariadb_database():
    """Create a throw-away database on the server; yield its URL; drop it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"moodify_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(MARIADB_ADMIN_URL)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        admin.dispose()
        message = f"MariaDB at {MARIADB_ADMIN_URL} is not reachable: {exc.__class__.__name__}: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI requires it)")
        pytest.skip(message)
    try:
        yield make_url(MARIADB_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    """An empty database of each backend (the MariaDB one is dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'moodify.db'}"
    else:
        yield from _mariadb_database()


def _built(url: str):
    store = Store(url)
    store.upgrade()
    build.build(store)
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def built_store(database_url):
    """A store with the schema and the full shipped catalogue, per backend."""
    yield from _built(database_url)


@pytest.fixture(scope="session")
def sqlite_store(tmp_path_factory):
    """The built catalogue on SQLite alone, for ranking tests that need no second backend."""
    yield from _built(f"sqlite:///{tmp_path_factory.mktemp('rank') / 'moodify.db'}")


@pytest.fixture(scope="session")
def service(sqlite_store):
    return Moodify(sqlite_store)


@pytest.fixture()
def user_name():
    """A user no other test has used, so feedback never leaks between tests."""
    return f"user-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session")
def app(built_store):
    from moodify.web import create_app

    return create_app({"database_url": built_store.url})


@pytest.fixture(scope="module")
def own_app(tmp_path_factory):
    """make(**settings) -> (app, instance folder): an app on its own SQLite catalogue, for tests
    whose users import tracks or sign in, which must not reach other tests' rankings."""
    from moodify.web import create_app

    stores = []

    def make(**settings):
        instance = tmp_path_factory.mktemp("instance")
        store = Store(f"sqlite:///{instance / 'moodify.db'}")
        store.upgrade()
        build.build(store)
        stores.append(store)
        return create_app({"database_url": store.url, "instance": str(instance), **settings}), instance
    yield make
    for store in stores:
        store.dispose()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def shared_data():
    if not SHARED_DATA.exists():
        pytest.skip(f"../shared/data not found at {SHARED_DATA}: tests that read it are skipped")
    return SHARED_DATA
