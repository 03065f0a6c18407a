"""Where the weights Moodify ships inside the package live (moodify/models/weights/): one place."""

from pathlib import Path

SHIPPED = Path(__file__).parent / "weights"
CAPTION_HEAD = SHIPPED / "caption.npz"               # the character model and the fused head (caption.py)
CAPTION_ENCODER = SHIPPED / "caption_encoder.npz"    # what fine-tuning changed in the encoder (caption_encoder.py)
