"""Moodify: background music for a social-media post, chosen by its emotion."""

__version__ = "0.1.0"
