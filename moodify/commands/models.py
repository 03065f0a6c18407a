"""`moodify models` (each model backend: present or not, from where) and `models install`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from moodify.cli_io import echo_lines, emit_json

if TYPE_CHECKING:
    from moodify.models.backends import Backend


def backend_lines(found: Iterable[Backend]) -> Iterator[str]:
    """Two lines a backend: name, present or MISSING, what it reads; then where its weights come from."""
    for b in found:
        yield f"{b.name:<8} {'present' if b.present else 'MISSING':<8} {b.used_for}"
        yield f"{'':<17} {b.origin}"


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def models(ctx: click.Context, as_json: bool) -> None:
    """The models Moodify reads posts with: present or not, and from where."""
    if ctx.invoked_subcommand is not None:
        return
    from moodify.models.backends import backends

    found = backends()
    if as_json:
        emit_json([b.to_dict() for b in found])
        return
    echo_lines(backend_lines(found))


@models.command("install")
@click.argument("name", type=click.Choice(["clip"]))
@click.option("--from", "source", type=click.Path(path_type=Path, exists=True, file_okay=False), required=True,
              help="a directory written by save_pretrained (model and processor)")
def models_install(name: str, source: Path) -> None:
    """Install local weights (they are checked by loading and scoring a picture first)."""
    from moodify.models import clip

    target = clip.install(source)
    click.echo(f"installed {name} from {source} into {target}")
