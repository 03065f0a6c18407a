"""Draws the app's icons (frontend/public/icons/icon-192.png, icon-512.png): a white note on
Moodify's accent blue, with room around it for the round or squircle masks phones apply ("maskable").
Run again only to change them: `python tools/draw_icons.py` with Pillow (the project's venv has it)."""

from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = (31, 95, 191)  # styles.css --accent
WHITE = (255, 255, 255)


def icon(size: int) -> Image.Image:
    # drawn at 4x and scaled down: smooth edges without an antialiasing library
    s = size * 4
    img = Image.new("RGB", (s, s), ACCENT)
    d = ImageDraw.Draw(img)
    u = s / 100  # the note sits inside the central 60%, the maskable safe zone
    d.ellipse((28 * u, 58 * u, 46 * u, 72 * u), fill=WHITE)  # the heads
    d.ellipse((56 * u, 52 * u, 74 * u, 66 * u), fill=WHITE)
    d.rectangle((41 * u, 28 * u, 46 * u, 65 * u), fill=WHITE)  # the stems
    d.rectangle((69 * u, 22 * u, 74 * u, 59 * u), fill=WHITE)
    d.polygon([(41 * u, 28 * u), (74 * u, 22 * u), (74 * u, 31 * u), (41 * u, 37 * u)], fill=WHITE)  # the beam
    return img.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    out = Path(__file__).parent.parent / "frontend" / "public" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size).save(out / f"icon-{size}.png", optimize=True)
