"""The Flask application factory: settings -> Moodify -> the /api/v1 blueprint and errors."""

from __future__ import annotations

from flask import Flask, g

from moodify import config
from moodify.setup import open_moodify


def create_app(settings: config.Settings | dict | None = None) -> Flask:
    """Build the web app from these settings (a Settings, or overrides of the environment's),
    validated here: a wrong one stops start-up with its name and what is allowed. They are in
    force in every request and in the jobs requests start.

    Every way of serving the app calls this, so the start-up work lives here (Moodify.start_serving):
    `moodify serve`, or a WSGI server given `moodify.web.wsgi:app`."""
    settings = config.load(settings)
    app = Flask(__name__, static_folder=None)
    app.config["MOODIFY_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_mb * 1024 * 1024   # JSON bodies: 2 MB (bodies.JSON_LIMIT)
    app.config["MOODIFY_LIBRARY"] = str(settings.instance_dir / "library")
    app.config["MOODIFY_RENDERS"] = str(settings.instance_dir / "renders")
    app.config["MOODIFY_KEPT"] = str(settings.instance_dir / "kept")
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Korean and emoji as they are (the default provider's)

    @app.before_request
    def _settings_in_force():
        g.settings_token = config.enter(settings)

    @app.teardown_request
    def _settings_done(_exc):
        if "settings_token" in g:
            config.leave(g.pop("settings_token"))

    from moodify.web import api, auth, bodies, errors, frontend, openapi, security
    with config.using(settings):
        app.extensions["moodify"] = open_moodify(settings)
        app.extensions["moodify"].start_serving()
        errors.init_app(app)
        security.init_app(app)
        auth.init_app(app, settings)
        bodies.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(frontend.bp)
    return app
