"""The Flask application factory: settings -> Moodify -> the /api/v1 blueprint and errors."""

from __future__ import annotations

from flask import Flask

from moodify import config
from moodify.setup import open_moodify


def create_app(test_config: dict | None = None) -> Flask:
    """Build the web app. `test_config` overrides settings (see moodify.config).

    Every way of serving it calls this, so the start-up work lives here (Moodify.start_serving):
    `moodify serve`, or a WSGI server given `moodify.web.wsgi:app`."""
    app = Flask(__name__, static_folder=None)
    upload_mb = int(config.get("max_upload_mb", test_config))
    app.config["MAX_CONTENT_LENGTH"] = upload_mb * 1024 * 1024     # JSON bodies: 2 MB (api.JSON_LIMIT)
    app.config["MOODIFY_LIBRARY_QUOTA_MB"] = float(config.get("library_quota_mb", test_config))
    app.config["MOODIFY_LIBRARY"] = str(config.instance_dir(test_config) / "library")
    app.config["MOODIFY_RENDERS"] = str(config.instance_dir(test_config) / "renders")
    app.config["MOODIFY_KEPT"] = str(config.instance_dir(test_config) / "kept")
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False  # Korean and emoji as they are
    app.extensions["moodify"] = open_moodify(test_config)
    app.extensions["moodify"].start_serving()

    from moodify.web import api, auth, errors, frontend, security
    errors.init_app(app)
    security.init_app(app)
    auth.init_app(app, test_config)
    app.register_blueprint(api.bp)
    app.register_blueprint(frontend.bp)
    return app
