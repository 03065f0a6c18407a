"""The app for any WSGI server: `granian --interface wsgi moodify.web.wsgi:app`, or gunicorn,
uWSGI, mod_wsgi. Settings come from the environment (MOODIFY_*); the start-up work runs here as
under `moodify serve` (moodify.web.create_app)."""

from moodify.web import create_app

app = create_app()
