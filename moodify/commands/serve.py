"""`moodify serve`: the web server."""

from __future__ import annotations

import click

from moodify import config


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Run the web server (API under /api/v1) with the embedded defaults.

    Granian (a Rust HTTP server) holds the connections: slow or idle clients cost no Python
    thread, and one that has not sent its headers within header_timeout_seconds is cut. The app
    runs in server_threads threads of one worker process; its start-up work (moodify.web.create_app)
    runs there."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings

    header_ms = round(1000 * config.current().header_timeout_seconds)
    click.echo(f"Moodify on http://{host}:{port}/api/v1/health  (Ctrl+C stops it)", err=True)
    Granian("moodify.web:create_app", factory=True, interface=Interfaces.WSGI, address=host, port=port,
            workers=1, blocking_threads=config.current().server_threads,
            http1_settings=HTTP1Settings(header_read_timeout=header_ms),
            log_access=False).serve()
