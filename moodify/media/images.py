"""Photos to upright RGB pixels, with limits on size that are checked before decoding."""

from __future__ import annotations

import warnings

import numpy as np

from moodify import config
from moodify.errors import InvalidInput, PayloadTooLarge
from moodify.media import IMAGE_EXTENSIONS, MediaFile, check_kind

WORK_SIDE = 1280            # photos are read at most this long on their longer side


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
    max_pixels = max_pixels or int(float(config.get("max_image_megapixels")) * 1_000_000)
    Image, ImageOps = _pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(media.path) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise PayloadTooLarge(f"{media.name} is {width}x{height} pixels; Moodify reads "
                                          f"photos up to {max_pixels // 1_000_000} megapixels: scale it down")
                image.seek(0)
                image.load()
                upright = ImageOps.exif_transpose(image).convert("RGB")
    except (PayloadTooLarge, InvalidInput):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PayloadTooLarge(f"{media.name} unpacks to more than {max_pixels // 1_000_000} megapixels "
                              "(a decompression bomb?): give a photo of at most that size") from exc
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise InvalidInput(f"{media.name} could not be read as a photo ({type(exc).__name__}: "
                           f"{exc}); it may be truncated or corrupt: export it again as "
                           f"{IMAGE_EXTENSIONS}") from exc
    upright.thumbnail((WORK_SIDE, WORK_SIDE))
    return np.asarray(upright)
