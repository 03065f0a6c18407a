"""Security headers on every response, pages and API alike; no debug mode."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/api/v1/health", "/api/v1/nothing", "/analysis/3"])
def test_every_response_has_the_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # the share target's service worker and the manifest: this origin only
    assert "worker-src 'self';" in csp and "manifest-src 'self';" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_the_app_is_not_in_debug_mode(app, client):
    assert app.debug is False and app.config["DEBUG"] is False
    assert b"Traceback" not in client.get("/api/v1/tracks/abc").data
