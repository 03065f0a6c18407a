"""Photos to upright RGB pixels, with limits on size that are checked before decoding."""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from moodify import config
from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.media import IMAGE_EXTENSIONS, MediaFile, check_kind

WORK_SIDE = 1280            # photos are read at most this long on their longer side
# Full-size decodes run on two threads of their own: a 40-megapixel photo takes about 200 MB while it
# is decoded, and the C allocator keeps what a thread freed for that thread, so eight photos
# decoded on eight request threads would hold gigabytes (bench/abuse.py measures it).
DECODERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="moodify-photo")


def _pillow():
    from PIL import Image, ImageOps

    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:     # HEIC is optional: without the wheel it is refused clearly
        pass
    return Image, ImageOps


def decode(media: MediaFile, max_pixels: int | None = None) -> np.ndarray:
    """The photo as (H, W, 3) uint8 RGB, turned upright by its EXIF orientation, its first
    frame if animated, scaled down to WORK_SIDE on its longer side. More than max_pixels
    (setting max_image_megapixels) is refused before decoding, as a possible decompression bomb."""
    check_kind(media, "image")
    max_pixels = max_pixels or int(config.current().max_image_megapixels * 1_000_000)
    Image, ImageOps = _pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(media.path) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise PayloadTooLarge(f"{media.name} is {width}x{height} pixels; Moodify reads "
                                          f"photos up to {max_pixels / 1_000_000:g} megapixels: scale it down")
            upright = DECODERS.submit(_decode_small, media.path).result().convert("RGB")
    except (PayloadTooLarge, InvalidInput):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PayloadTooLarge(f"{media.name} unpacks to more than {max_pixels / 1_000_000:g} megapixels "
                              "(a decompression bomb?): give a photo of at most that size") from exc
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise InvalidInput(f"{media.name} could not be read as a photo ({type(exc).__name__}: "
                           f"{exc}); it may be truncated or corrupt: export it again as "
                           f"{IMAGE_EXTENSIONS}") from exc
    return np.asarray(upright)


def _decode_small(path):
    """The photo's first frame at working size, turned upright by its EXIF: a JPEG decoded straight
    at a fraction of its size, anything else scaled down as soon as it is decoded. The full-size
    pixels are gone before this returns. (A PNG's EXIF may follow its pixels: reading it decodes
    them, so it is read here too, never on the request's thread.)"""
    Image, ImageOps = _pillow()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            image.seek(0)
            image.draft("RGB", (WORK_SIDE, WORK_SIDE))
            image.load()
            small = image if image.mode in ("RGB", "RGBA", "L", "LA") else image.convert("RGBA")
            small.thumbnail((WORK_SIDE, WORK_SIDE), reducing_gap=2.0)
            return ImageOps.exif_transpose(small)      # a copy: the file can close
