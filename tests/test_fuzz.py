"""Fuzzing the media readers and the upload API: whatever the bytes, a MoodifyError (a 4xx)
or a reading, never another exception, never a 5xx. Bounded by example counts (about a minute)."""

from __future__ import annotations

import io
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moodify.errors import MoodifyError
from moodify.media import MediaFile
from moodify.media import audio, images, video
from tests.mediafactory import chord_clip, write_audio, write_video

HEADS = [b"", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBPVP8 ",
         b"RIFF\x00\x00\x00\x00WAVEfmt ", b"ID3\x03\x00", b"\xff\xfb\x90", b"fLaC", b"OggS\x00\x02",
         b"\x00\x00\x00\x18ftypmp42", b"\x00\x00\x00\x18ftypheic", b"\x00\x00\x00\x20ftypM4A ",
         b"\x1a\x45\xdf\xa3"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def real_files(tmp_path_factory):
    """Real media to mutate: a truncated or bit-flipped real file reaches deeper code."""
    from PIL import Image
    from skimage import data

    folder = tmp_path_factory.mktemp("fuzz")
    Image.fromarray(data.astronaut()[::4, ::4]).save(folder / "p.jpg")
    Image.fromarray(data.astronaut()[::4, ::4]).save(folder / "p.png")
    write_audio(folder / "a.mp3", chord_clip(1.0), codec="libmp3lame")
    write_audio(folder / "a.flac", chord_clip(1.0), codec="flac")
    write_video(folder / "v.mp4", [data.astronaut()], 1.0, size=(160, 96), sound=chord_clip(1.0))
    return [(folder / n).read_bytes() for n in ("p.jpg", "p.png", "a.mp3", "a.flac", "v.mp4")]


def mutated(real_files):
    return st.tuples(st.sampled_from(range(len(real_files))), st.integers(0, 10_000),
                     st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=20))


def apply(data: bytes, cut: int, flips) -> bytes:
    out = bytearray(data[:max(16, len(data) * cut // 10_000)])
    for position, value in flips:
        if out:
            out[position % len(out)] = value
    return bytes(out)


def read_everything(path) -> None:
    media = MediaFile(path, path.name)
    for reader in (images.decode, audio.probe, audio.decode, video.probe, video.read):
        try:
            reader(media)
        except MoodifyError:
            pass


@SETTINGS
@given(head=st.sampled_from(HEADS), body=st.binary(max_size=4096))
def test_random_bytes_behind_real_magic(tmp_path, head, body):
    path = tmp_path / "file.bin"
    path.write_bytes(head + body)
    read_everything(path)


def test_mutated_real_files(tmp_path, real_files):
    @SETTINGS
    @given(change=mutated(real_files))
    def run(change):
        index, cut, flips = change
        path = tmp_path / "mutant.bin"
        path.write_bytes(apply(real_files[index], cut, flips))
        read_everything(path)
    run()


def test_upload_api_never_answers_5xx(client, real_files):
    started = []

    @settings(max_examples=40, deadline=None)
    @given(field=st.sampled_from(["images", "audio", "video"]), change=mutated(real_files),
           caption=st.one_of(st.none(), st.text(max_size=50)))
    def run(field, change, caption):
        index, cut, flips = change
        data = {field: [(io.BytesIO(apply(real_files[index], cut, flips)), "upload.bin")]}
        if caption is not None:
            data["caption"] = caption
        response = client.post("/api/v1/analyses", data=data, content_type="multipart/form-data")
        assert response.status_code < 500, response.get_json()
        if response.status_code == 202:
            started.append(response.headers["Location"])
    run()
    for location in started:                  # what got past the checks is read without a crash
        for _ in range(600):
            job = client.get(location).get_json()
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert job["status"] in ("done", "failed") and not (job["error"] or "").startswith("internal error")
