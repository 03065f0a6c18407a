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
