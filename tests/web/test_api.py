"""The JSON API, on SQLite and on MariaDB."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import select

from moodify.domain.viewer import Viewer
from moodify.store.models import Track

from tests.published import sad_by_ratings


def test_sadness_gives_ten_sad_tracks_with_reasons(client):
    response = client.post("/api/v1/recommendations", json={"emotion": "sadness"})
    assert response.status_code == 200
    tracks = response.get_json()["tracks"]
    assert len(tracks) == 10
    for track in tracks:
        assert sad_by_ratings(track), track["reasons"][0]
        assert track["reasons"] and track["score"] > 0
        for key in ("id", "title", "artist", "source", "source_id", "tags", "valence", "arousal",
                    "score", "reasons", "url", "license"):
            assert key in track


@pytest.mark.parametrize("body", [
    {"emotion": "슬픔"}, {"valence": -0.5, "arousal": -0.4},
    {"reading": {"probs": {"sadness": 0.7, "fear": 0.3}, "valence": -0.6, "arousal": -0.2}},
    {"emotion": "happiness", "mode": "calm", "limit": 5, "instrumental": True},
    {"emotion": "neutral", "caption": "퇴근길 ☕️ 오늘도 수고했어 #일상", "genres": ["ambient"]},
])
def test_each_way_of_asking(client, body):
    response = client.post("/api/v1/recommendations", json=body)
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["tracks"] and data["recommendation_id"]
    assert len(data["tracks"]) <= body.get("limit", 10)


@pytest.mark.parametrize("body, fragment", [
    ({"emotion": "joyful-ish"}, "unknown emotion"),
    ({"valence": 3, "arousal": 0}, "valence"),
    ({"valence": 0.2}, "both"),
    ({}, "say what the post feels like"),
    ({"emotion": "sadness", "mode": "louder"}, "mode"),
    ({"emotion": "sadness", "limit": "ten"}, "limit"),
    ({"emotion": "sadness", "limit": 0}, "limit"),
    ({"emotion": "sadness", "genres": [1, 2]}, "genres"),
    ({"emotion": ["sadness"]}, "emotion"),
    ({"reading": {"probs": [0, 0, 0, 0, 0, 0, 0]}}, "not all zero"),
    ({"reading": {"probs": {"joy": 1}}}, "unknown emotions"),
    ({"reading": "sad"}, "reading"),
])
def test_bad_requests_get_a_json_400(client, body, fragment):
    response = client.post("/api/v1/recommendations", json=body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_input" and fragment in error["message"]


@pytest.mark.parametrize("method, url, body, message", [
    ("post", "/api/v1/recommendations", {"emotion": "sadness", "mode": "louder"},
     "'mode' must be 'match', 'uplift' or 'calm', got 'louder'"),
    ("post", "/api/v1/feedback", {"track_id": "7", "kind": "like"}, "'track_id' must be a whole number, got '7'"),
    ("post", "/api/v1/feedback", {"kind": "like"}, "'track_id' is missing"),
    ("get", "/api/v1/tracks?per_page=1000", None, "'per_page' must be less than or equal to 100, got '1000'"),
])
def test_a_wrong_field_is_named_with_what_is_allowed(client, method, url, body, message):
    response = getattr(client, method)(url, json=body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["message"] == message and error["details"]["field"] == message.split("'")[1]


def test_malformed_bodies(client):
    for data, ctype, says in ((b"{not json", "application/json", "JSON object"),
                              (b"\xff\xfe\x00bad", "application/json", "not valid UTF-8"),
                              (b"emotion=sad", "application/x-www-form-urlencoded", "JSON object"),
                              (b"[1,2]", "application/json", "JSON object")):
        response = client.post("/api/v1/recommendations", data=data, content_type=ctype)
        assert response.status_code == 400
        assert says in response.get_json()["error"]["message"]
    huge = b'{"caption": "' + b"a" * (3 * 1024 * 1024) + b'"}'
    response = client.post("/api/v1/recommendations", data=huge, content_type="application/json")
    assert response.status_code == 413 and response.get_json()["error"]["message"]


def test_unknown_routes_and_methods_are_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and "error" in response.get_json()
    response = client.get("/api/v1/recommendations")
    assert response.status_code == 405 and "error" in response.get_json()


def test_tracks_search_and_detail(client):
    response = client.get("/api/v1/tracks?q=piano&per_page=5&page=2")
    data = response.get_json()
    assert response.status_code == 200 and len(data["tracks"]) == 5 and data["total"] > 100
    detail = client.get(f"/api/v1/tracks/{data['tracks'][0]['id']}").get_json()
    assert detail["annotation"] and detail["source"]
    assert client.get("/api/v1/tracks?source=4q&emotion=슬픔").get_json()["total"] > 0
    assert client.get("/api/v1/tracks/999999999").status_code == 404
    assert client.get("/api/v1/tracks?page=zero").status_code == 400
    assert client.get("/api/v1/tracks?per_page=1000").status_code == 400


def test_feedback_is_stored_and_checked(client, user_name):
    shown = client.post("/api/v1/recommendations", json={"emotion": "happiness", "user": user_name})
    data = shown.get_json()
    body = {"track_id": data["tracks"][0]["id"], "kind": "like", "user": user_name,
            "recommendation_id": data["recommendation_id"]}
    response = client.post("/api/v1/feedback", json=body)
    assert response.status_code == 201 and response.get_json()["kind"] == "like"
    assert client.post("/api/v1/feedback", json={**body, "kind": "love"}).status_code == 400
    assert client.post("/api/v1/feedback", json={**body, "track_id": 10**9}).status_code == 404
    assert client.post("/api/v1/feedback", json={**body, "track_id": "7"}).status_code == 400
    # Another user's recommendation list is not yours to give feedback on.
    assert client.post("/api/v1/feedback", json={**body, "user": f"{user_name}-x"}).status_code == 404


def test_health_and_stats(client):
    health = client.get("/api/v1/health").get_json()
    assert health["status"] == "ok" and health["tracks"] >= 22425
    stats = client.get("/api/v1/catalog/stats").get_json()
    assert stats["by_source"]["jamendo"] == 18486


def _most_common(counts: Counter) -> list[dict]:
    return [{"word": w, "count": n} for w, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:40]]


def test_vocabulary_counts_the_words_of_the_tracks_a_person_can_be_given(own_app, user_name):
    app, _ = own_app()
    client, store = app.test_client(), app.extensions["moodify"].store
    with store.session() as session:
        rows = session.execute(select(Track.genres, Track.mood_tags).where(Track.owner_id.is_(None))).all()
    genres = Counter(g for row in rows for g in set(row.genres))
    moods = Counter(m for row in rows for m in set(row.mood_tags))
    catalogue = client.get(f"/api/v1/catalog/vocabulary?user={user_name}").get_json()
    assert catalogue == {"genres": _most_common(genres), "moods": _most_common(moods)}
    assert len(catalogue["genres"]) == 40 and catalogue["genres"][0]["count"] > 1000

    genre, mood = catalogue["genres"][0]["word"], catalogue["moods"][0]["word"]
    with store.session() as session:
        owner = Viewer(user_name).user(session)
        session.add(Track(source="user", source_id=f"test-{user_name}", license="own", annotation={},
                          emotion="neutral", owner_id=owner.id, genres=[genre], mood_tags=[mood]))
    mine = client.get(f"/api/v1/catalog/vocabulary?user={user_name}").get_json()
    assert mine["genres"][0] == {"word": genre, "count": genres[genre] + 1}
    assert mine["moods"][0] == {"word": mood, "count": moods[mood] + 1}
    # Another person's vocabulary is the catalogue's alone.
    assert client.get(f"/api/v1/catalog/vocabulary?user={user_name}-other").get_json() == catalogue


def test_openapi_document_matches_the_routes(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    registered = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            registered |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == registered


def test_korean_and_emoji_round_trip_through_the_api(client):
    caption = "오늘 너무 행복해 🎉❤️ #행복 #주말"
    reading = {"probs": {"happiness": 1}, "evidence": [f"caption: '{caption}'"]}   # as stored before codes
    response = client.post("/api/v1/recommendations", json={"reading": reading, "caption": caption})
    assert response.status_code == 200
    assert response.get_json()["reading"]["evidence"] == [{"code": "text", "params": {"text": f"caption: '{caption}'"}}]
    assert caption in response.get_data(as_text=True)


@pytest.mark.parametrize("url, raw", [
    ("/api/v1/recommendations", b'{"emotion": "sadness", "caption": "\\ud800 hi"}'),
    ("/api/v1/recommendations", b'{"emotion": "sadness", "min_duration": Infinity}'),
    ("/api/v1/recommendations", b'{"emotion": "sadness", "limit": 1e300}'),
    ("/api/v1/feedback", b'{"track_id": 1, "kind": "like", "user": "\\udfff"}'),
])
def test_hostile_values_get_a_400(client, url, raw):
    response = client.post(url, data=raw, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]["message"]


def test_ids_beyond_64_bits_are_not_found(client):
    assert client.get(f"/api/v1/tracks/{10**30}").status_code == 404
    response = client.post("/api/v1/feedback", json={"track_id": 10**30, "kind": "like"})
    assert response.status_code == 404
    response = client.post("/api/v1/feedback", json={"track_id": 1, "kind": "like",
                                                      "recommendation_id": 10**30})
    assert response.status_code == 404


def test_retired_sample_hosts_are_not_offered_as_previews(client):
    four_q = client.get("/api/v1/tracks?source=4q&per_page=5").get_json()["tracks"]
    assert four_q and all(t["sample_url"] for t in four_q)        # kept as published
    assert all(t["preview_url"] is None for t in four_q)           # but no player for a dead host


def test_limits_come_from_the_servers_settings(tmp_path, sqlite_store):
    from moodify.web import create_app

    app = create_app({"database_url": sqlite_store.url, "instance": str(tmp_path), "max_upload_mb": 50,
                      "max_images": 4, "max_image_megapixels": 12.5})
    limits = app.test_client().get("/api/v1/limits").get_json()
    assert limits["upload_mb"] == 50 and limits["images"] == 4 and limits["image_megapixels"] == 12.5
    assert limits["json_mb"] == 2 and limits["video"] == 1 and limits["library_quota_mb"] == 5120
