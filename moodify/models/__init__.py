"""Loaders for model weights. Each loader imports its heavy package lazily, once per process."""
