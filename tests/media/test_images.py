"""Photos decoded by content, upright, first frame; broken and hostile files refused clearly."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.media import MediaFile, sniff
from moodify.media.images import decode


def write(tmp_path: Path, name: str, data: bytes) -> MediaFile:
    path = tmp_path / name
    path.write_bytes(data)
    return MediaFile(path, name)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def tall_red_top() -> Image.Image:
    """40 wide, 80 tall: red above, blue below."""
    pixels = np.zeros((80, 40, 3), np.uint8)
    pixels[:40, :, 0] = 255
    pixels[40:, :, 2] = 255
    return Image.fromarray(pixels)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_each_format_decodes(tmp_path, fmt):
    rgb = decode(write(tmp_path, f"photo.{fmt.lower()}", encoded(tall_red_top(), fmt)))
    assert rgb.shape == (80, 40, 3) and rgb.dtype == np.uint8
    assert rgb[5, 20, 0] > 200 and rgb[75, 20, 2] > 200


def test_heic_when_the_wheel_is_there(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    rgb = decode(write(tmp_path, "photo.heic", encoded(tall_red_top(), "HEIF")))
    assert rgb.shape == (80, 40, 3)


def test_exif_orientation_is_respected(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6        # "rotate 90 CW to view"
    rgb = decode(write(tmp_path, "phone.jpg", encoded(tall_red_top(), "JPEG", exif=exif)))
    assert rgb.shape == (40, 80, 3)     # shown turned: now wide
    assert rgb[20, 75, 0] > 200         # the red top is now on the right


def test_an_animated_gif_gives_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (30, 30), colour) for colour in ("green", "red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    rgb = decode(write(tmp_path, "loop.gif", buffer.getvalue()))
    assert rgb[15, 15, 1] > 100 and rgb[15, 15, 0] < 50


def test_text_named_jpg_is_refused_by_content(tmp_path):
    with pytest.raises(InvalidInput, match="not a media file"):
        decode(write(tmp_path, "photo.jpg", b"hello, I am a text file\n" * 10))


def test_empty_file(tmp_path):
    with pytest.raises(InvalidInput, match="empty"):
        decode(write(tmp_path, "photo.png", b""))


def test_truncated_jpeg(tmp_path):
    whole = encoded(Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 200, 3), np.uint8)), "JPEG")
    with pytest.raises(InvalidInput, match="truncated or corrupt"):
        decode(write(tmp_path, "cut.jpg", whole[:len(whole) // 3]))


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    bomb = encoded(Image.new("1", (12_000, 12_000)), "PNG")    # tiny file, 144 megapixels
    assert len(bomb) < 100_000
    with pytest.raises(PayloadTooLarge, match="megapixels"):
        decode(write(tmp_path, "bomb.png", bomb))


def test_big_photos_are_read_scaled_down(tmp_path):
    rgb = decode(write(tmp_path, "big.png", encoded(Image.new("RGB", (4000, 1000), "white"), "PNG")))
    assert max(rgb.shape[:2]) == 1280


@pytest.mark.parametrize("head, kind", [
    (b"\xff\xd8\xff\xe0", "image"), (b"\x89PNG\r\n\x1a\n", "image"), (b"GIF89a", "image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image"), (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio"),
    (b"ID3\x04", "audio"), (b"fLaC", "audio"), (b"OggS", "audio"),
    (b"\x00\x00\x00\x18ftypmp42", "container"), (b"\x00\x00\x00\x18ftypheic", "image"),
    (b"\x1a\x45\xdf\xa3", "container"), (b"<html>", None), (b"", None),
])
def test_sniff(head, kind):
    assert sniff(head) == kind


def test_a_transparent_png_comes_back_as_rgb(tmp_path):
    rgba = np.zeros((30, 50, 4), np.uint8)
    rgba[..., 1], rgba[:, :25, 3] = 200, 255            # green, the right half see-through
    rgb = decode(write(tmp_path, "sticker.png", encoded(Image.fromarray(rgba, "RGBA"), "PNG")))
    assert rgb.shape == (30, 50, 3) and rgb.dtype == np.uint8


@pytest.mark.parametrize("name, data", [("Beach day.jpg", b"hello, I am a text file\n" * 10),
                                        ("Sunset 2.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40)])
def test_a_refusal_names_the_file_as_the_person_named_it(tmp_path, name, data):
    with pytest.raises(InvalidInput, match=f"^{name}"):
        decode(write(tmp_path, name, data))
