"""Headers every response carries: what the browser may load, run and frame.

The app's own scripts and styles only (React sets styles through the DOM, which a CSP allows);
photos and sound being composed are previewed from blob: URLs; a catalogue track's preview may
stream from exactly one outside host, Jamendo's (setting jamendo_audio_host), and from none when
Moodify is offline. The service worker (/sw.js, for the share target) and the web app manifest
come from Moodify itself. No site may frame Moodify.
"""

from __future__ import annotations

from flask import Flask, Response

from moodify import config
from moodify.online import jamendo_audio_origin


def csp() -> str:
    media = "'self' blob:" if config.current().offline else f"'self' blob: {jamendo_audio_origin()}"
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' blob: data:",
        f"media-src {media}",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_app(app: Flask) -> None:
    headers = {"Content-Security-Policy": csp(), **HEADERS}

    @app.after_request
    def _headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
