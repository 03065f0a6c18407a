"""A catalogue of its own per test module, and the fake Jamendo and Openverse servers on
127.0.0.1 with the settings that point Moodify at them. No test reaches the real network."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from moodify.catalog import build
from moodify.store import Store
from tests.fakes.jamendo import FakeJamendo
from tests.fakes.openverse import FakeOpenverse

CLIENT_ID = "moodify-test-client"


@pytest.fixture(scope="module")
def fakes():
    with FakeJamendo() as jamendo, FakeOpenverse() as openverse:
        yield SimpleNamespace(jamendo=jamendo, openverse=openverse)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="module")
def catalogue(instance):
    """The shipped catalogue on SQLite, built afresh for this module (its tracks get enriched)."""
    store = Store(f"sqlite:///{instance / 'moodify.db'}")
    store.upgrade()
    build.build(store)
    yield store
    store.dispose()


@pytest.fixture()
def online(monkeypatch, fakes, instance):
    """Online features on, pointed at the fakes; fetched audio under this module's instance."""
    monkeypatch.delenv("MOODIFY_OFFLINE", raising=False)
    monkeypatch.setenv("MOODIFY_INSTANCE", str(instance))
    monkeypatch.setenv("MOODIFY_JAMENDO_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("MOODIFY_JAMENDO_API_URL", fakes.jamendo.url)
    monkeypatch.setenv("MOODIFY_JAMENDO_AUDIO_HOST", fakes.jamendo.root)
    monkeypatch.setenv("MOODIFY_OPENVERSE_API_URL", fakes.openverse.url)
    fakes.jamendo.reset()
    fakes.openverse.reset()
    yield fakes
    fakes.jamendo.reset()
    fakes.openverse.reset()


@pytest.fixture(autouse=True)
def awake(monkeypatch):
    """No test inherits another's minute of rest after a failed on-demand look-up."""
    from moodify.catalog import enrich
    monkeypatch.setattr(enrich, "_rest_until", 0.0)
