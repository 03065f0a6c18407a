"""POST/GET /api/v1/analyses and recommendations for a stored reading."""

from __future__ import annotations


def test_caption_reading_is_stored_and_returned(client, user_name):
    response = client.post("/api/v1/analyses", json={"caption": "할머니 보고 싶어요 ㅠㅠ 😢", "user": user_name})
    assert response.status_code == 201
    created = response.get_json()
    assert created["fused"]["label"] == "sadness"
    assert created["parts"][0]["kind"] == "text" and created["fused"]["evidence"]
    again = client.get(f"/api/v1/analyses/{created['id']}?user={user_name}").get_json()
    assert again["fused"] == created["fused"] and again["caption"] == "할머니 보고 싶어요 ㅠㅠ 😢"
    # Another user cannot read it.
    assert client.get(f"/api/v1/analyses/{created['id']}?user={user_name}-x").status_code == 404


def test_multipart_caption(client):
    response = client.post("/api/v1/analyses", data={"caption": "헐 대박 실화냐 😲"},
                           content_type="multipart/form-data")
    assert response.status_code == 201 and response.get_json()["fused"]["label"] == "surprise"


def test_recommendations_for_an_analysis_use_its_caption(client, user_name):
    created = client.post("/api/v1/analyses", json={"caption": "메리 크리스마스! 🎄 너무 행복해 🎉",
                                                    "user": user_name}).get_json()
    response = client.post(f"/api/v1/analyses/{created['id']}/recommendations",
                           json={"user": user_name, "limit": 5})
    assert response.status_code == 200
    data = response.get_json()
    assert data["reading"]["label"] == created["fused"]["label"]
    assert len(data["tracks"]) == 5 and all("semantic" in t["score_parts"] for t in data["tracks"])
    assert client.post(f"/api/v1/analyses/{10**6}/recommendations", json={}).status_code == 404


def test_bad_captions_get_a_400(client):
    cases = [
        dict(json={"caption": ""}), dict(json={"caption": "   "}), dict(json={}),
        dict(json={"caption": 5}),
        dict(data=b'{"caption": "\xff\xfe bad"}', content_type="application/json"),
        dict(data=b"--b\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n\xff\xfe\r\n--b--\r\n",
             content_type="multipart/form-data; boundary=b"),
    ]
    for case in cases:
        response = client.post("/api/v1/analyses", **case)
        assert response.status_code == 400, case
        assert response.get_json()["error"]["message"]
    message = client.post("/api/v1/analyses", json={"caption": ""}).get_json()["error"]["message"]
    assert "empty" in message
    message = client.post("/api/v1/analyses", data=b'{"caption": "\xff"}',
                          content_type="application/json").get_json()["error"]["message"]
    assert "UTF-8" in message


def test_history_lists_analyses_with_their_chosen_tracks(client, user_name):
    first = client.post("/api/v1/analyses", json={"caption": "비 오는 날 혼자 ㅠㅠ", "user": user_name}).get_json()
    second = client.post("/api/v1/analyses", json={"caption": "여행 최고 🎉", "user": user_name}).get_json()
    shown = client.post(f"/api/v1/analyses/{first['id']}/recommendations",
                        json={"user": user_name, "limit": 3}).get_json()
    track = shown["tracks"][0]
    assert track["feedback"] is None
    client.post("/api/v1/feedback", json={"track_id": track["id"], "kind": "chosen", "user": user_name,
                                          "recommendation_id": shown["recommendation_id"]})
    again = client.post(f"/api/v1/analyses/{first['id']}/recommendations",
                        json={"user": user_name, "limit": 10}).get_json()
    assert {t["id"]: t["feedback"] for t in again["tracks"]}[track["id"]] == "chosen"
    listed = client.get(f"/api/v1/analyses?user={user_name}").get_json()
    assert listed["total"] == 2 and [a["id"] for a in listed["analyses"]] == [second["id"], first["id"]]
    assert listed["analyses"][1]["chosen"][0]["id"] == track["id"]
    assert listed["analyses"][0]["chosen"] == []
    assert client.get(f"/api/v1/analyses?user={user_name}-nobody").get_json()["total"] == 0
    assert client.get(f"/api/v1/analyses?user={user_name}&per_page=0").status_code == 400


def test_recommendations_carry_the_users_feedback(client, user_name):
    shown = client.post("/api/v1/recommendations", json={"emotion": "happiness", "user": user_name}).get_json()
    liked = shown["tracks"][2]["id"]
    client.post("/api/v1/feedback", json={"track_id": liked, "kind": "like", "user": user_name})
    again = client.post("/api/v1/recommendations", json={"emotion": "happiness", "user": user_name}).get_json()
    marks = {t["id"]: t["feedback"] for t in again["tracks"]}
    assert marks.get(liked) == "like"
    others = client.post("/api/v1/recommendations", json={"emotion": "happiness", "user": user_name + "x"}).get_json()
    assert all(t["feedback"] is None for t in others["tracks"])
