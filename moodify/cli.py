"""The `moodify` command line: the group, its error handling and settings check, and the commands,
each in its own module under moodify/commands/ (a thin adapter over moodify.service and the rest,
each usable by scripts with --json)."""

from __future__ import annotations

import sys

import click

from moodify import config
from moodify.commands import (analyse, db, evaluate, feedback, models, purge, recommend, render, serve, train,
                              users, worker)
from moodify.commands.catalog import catalog
from moodify.errors import MoodifyError


class Group(click.Group):
    """Turns MoodifyError into a one-line message and exit status 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MoodifyError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(2)


@click.group(cls=Group)
@click.version_option(package_name="moodify")
def main() -> None:
    """Moodify: background music for a social-media post, chosen by its emotion."""
    config.current()        # the settings, checked now: a wrong one stops here, by its name


for _command in (serve.serve, recommend.recommend, feedback.feedback, analyse.analyse, evaluate.evaluate,
                 train.train, catalog, render.render, worker.worker, purge.purge, models.models, db.db,
                 users.users):
    main.add_command(_command)
