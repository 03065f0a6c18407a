"""A new kind of part, added from this test module alone, through the same call the built-in four
use: posts take it, the upload API takes its field, jobs carry it, the flow reads it, fusion
weighs it and the reliability setting knows it. Nothing in the package is edited."""

from __future__ import annotations

import dataclasses
import io

import pytest

from moodify import analysers
from moodify.analysers import PartKind
from moodify.emotion import EmotionEstimate
from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.evidence import Evidence
from moodify.media import MediaFile
from moodify.pipeline import read
from moodify.post import Post
from moodify.reading import PartReading
from moodify.words import evidence_text
from tests.web.test_media_api import poll


class HeartbeatPart:
    """A smartwatch's heart rate during the moment (one beats-per-minute number a line): a racing
    heart reads as excitement, a slow one as calm."""

    def prepare(self, media: MediaFile) -> list[float]:
        try:
            rates = [float(line) for line in media.path.read_text().split()]
        except (UnicodeDecodeError, ValueError):
            raise InvalidInput(f"{media.name} is not a heart-rate log: one number a line") from None
        if not rates:
            raise InvalidInput(f"{media.name} is empty")
        return rates

    def read(self, rates: list[float], name: str, progress) -> PartReading:
        bpm = sum(rates) / len(rates)
        excited = bpm > 100
        estimate = EmotionEstimate.from_label("happiness" if excited else "neutral", strength=0.7)
        estimate = dataclasses.replace(estimate, arousal=0.8 if excited else -0.4, confidence=0.7,
                                       evidence=(f"heart at {bpm:.0f} bpm",))
        return PartReading("heartbeat", name, estimate, {"bpm": round(bpm)})


@pytest.fixture()
def heartbeats():
    analysers.register(PartKind("heartbeat", "heartbeats", "heartbeat", HeartbeatPart, most=lambda: 2,
                                numbered=True, reliability=0.7))
    yield
    analysers.unregister("heartbeats")


def log(tmp_path, name: str, text: str) -> MediaFile:
    path = tmp_path / name
    path.write_text(text)
    return MediaFile(path, name)


def test_the_flow_reads_and_fuses_a_kind_it_was_never_told_of(heartbeats, tmp_path):
    post = Post(caption="finally at the top of the mountain", heartbeats=(log(tmp_path, "run.txt", "128\n134\n"),))
    reading = read(post)
    caption, heart = reading.parts
    assert (heart.kind, heart.name, heart.detail) == ("heartbeat", "heartbeat 1", {"bpm": 131})
    assert heart.estimate.arousal == 0.8
    # its own sentence is kept as evidence `text`, and said where the post's evidence names the part
    assert heart.estimate.evidence == (Evidence.text("heart at 131 bpm"),)
    assert "heartbeat 1: heart at 131 bpm → happiness 0.70" in [evidence_text(item) for item in reading.fused.evidence]
    assert caption.kind == "text"


def test_its_limits_and_its_bad_files_are_refused_like_anyone_elses(heartbeats, tmp_path):
    three = tuple(log(tmp_path, f"{n}.txt", "70") for n in range(3))
    with pytest.raises(PayloadTooLarge, match="3 heartbeats files: a post takes at most 2$"):
        Post(heartbeats=three)
    with pytest.raises(InvalidInput, match="not a heart-rate log"):
        read(Post(heartbeats=(log(tmp_path, "notes.txt", "felt great"),)))
    with pytest.raises(InvalidInput, match="a post has no part 'smells'"):
        Post(smells=("roses",))


def test_the_reliability_setting_knows_it(heartbeats, monkeypatch):
    from moodify import config

    from moodify.fusion import reliability

    monkeypatch.setenv("MOODIFY_RELIABILITY", "heartbeat=2.5")
    assert config.current().reliability == {"heartbeat": 2.5} and reliability()["heartbeat"] == 2.5


def test_the_upload_api_and_the_job_carry_it(heartbeats, own_app, user_name):
    app, _ = own_app()
    client = app.test_client()
    posted = client.post("/api/v1/analyses", content_type="multipart/form-data",
                         data={"user": user_name, "heartbeats": [(open(__file__, "rb"), "code.txt")]})
    assert posted.status_code == 400 and "code.txt is not a heart-rate log" in posted.get_json()["error"]["message"]

    posted = client.post("/api/v1/analyses", content_type="multipart/form-data",
                         data={"user": user_name, "caption": "race day",
                               "heartbeats": [(io.BytesIO(b"150\n160\n"), "race.txt")]})
    assert posted.status_code == 202, posted.get_json()
    job = poll(client, posted.headers["Location"], user_name)
    assert job["status"] == "done", job["error"]
    analysis = client.get(f"/api/v1/analyses/{job['analysis_id']}?user={user_name}").get_json()
    assert [(p["kind"], p["name"]) for p in analysis["parts"]] == [("text", "caption"), ("heartbeat", "heartbeat 1")]
    assert analysis["parts"][1]["bpm"] == 155


def test_the_api_document_names_its_upload_field(heartbeats, client):
    document = client.get("/api/v1/openapi.json").get_json()
    ref = document["paths"]["/api/v1/analyses"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    form = document["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]["properties"]
    assert form["heartbeats"]["maxItems"] == 2 and form["images"]["maxItems"] == 10 and "format" in form["video"]
