"""The `moodify` command line: thin adapters over moodify.service, each usable by scripts (--json)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from moodify import config
from moodify.catalog import build
from moodify.catalog.csv_import import import_csv
from moodify.cli_io import emit_json, progress_bar, reading_from_options
from moodify.emotion import EMOTIONS
from moodify.errors import MoodifyError
from moodify.licence import USABLE
from moodify.recommend import MODES, Options
from moodify.words import licence_words, notice_words
from moodify.setup import ensure_ready, open_moodify, open_store


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


@main.command()
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


@main.command()
@click.option("--emotion", help=f"one of {', '.join(EMOTIONS)} (or the Korean name)")
@click.option("--valence", type=click.FloatRange(-1, 1), help="instead of --emotion: -1..1")
@click.option("--arousal", type=click.FloatRange(-1, 1), help="with --valence: -1..1")
@click.option("--mode", type=click.Choice(MODES), default="match", show_default=True)
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option("--caption", help="the post's text, for semantic fit")
@click.option("--instrumental", is_flag=True, help="only tracks known to be instrumental")
@click.option("--own", "own_music", is_flag=True, help="only tracks you imported (catalog import-dir)")
@click.option("--min-duration", type=float, help="seconds")
@click.option("--max-duration", type=float, help="seconds")
@click.option("--genre", "genres", multiple=True, help="keep only these genres (repeatable)")
@click.option("--exclude-genre", "exclude_genres", multiple=True, help="drop these genres")
@click.option("--usable", type=click.Choice(USABLE), default="any", show_default=True,
              help="personal: music you may put in a post; monetised: also in one that earns money")
@click.option("--user", help="whose feedback personalises the list")
@click.option("--json", "as_json", is_flag=True, help="print JSON for scripts")
def recommend(emotion, valence, arousal, mode, limit, caption, instrumental, own_music, min_duration,
              max_duration, genres, exclude_genres, usable, user, as_json) -> None:
    """Recommend tracks for an emotion or a valence-arousal point."""
    reading = reading_from_options(emotion, valence, arousal)
    options = Options(limit=limit, mode=mode, instrumental=instrumental,
                      min_duration=min_duration, max_duration=max_duration, genres=genres,
                      exclude_genres=exclude_genres, caption=caption, own_music=own_music, usable=usable)
    shown = open_moodify().recommend(reading, options, user=user,
                                     request={"cli": True, "mode": mode, "usable": usable})
    if as_json:
        emit_json(shown.to_dict())
        return
    click.echo(f"{reading.label}, mode {mode}: {len(shown.tracks)} tracks "
               f"(target valence {shown.target.valence:+.2f}, arousal {shown.target.arousal:+.2f})\n")
    for rank, track in enumerate(shown.tracks, 1):
        who = f" - {track['artist']}" if track["artist"] else ""
        click.echo(f"{rank:>2}. [{track['id']}] {track['title']}{who}  ({track['source']}, "
                   f"score {track['score']:.2f})")
        for reason in track["reasons"]:
            click.echo(f"      {reason}")
        click.echo(f"      {licence_words(track)}")
        if track["url"]:
            click.echo(f"      {track['url']}")
    for notice in shown.notices:
        click.echo(f"\n{notice_words(notice)}")


@main.command()
@click.argument("track_id", type=int)
@click.option("--kind", type=click.Choice(["like", "skip", "chosen"]), required=True)
@click.option("--user", help="whose taste this is (default: the local user)")
def feedback(track_id: int, kind: str, user: str | None) -> None:
    """Tell Moodify you liked, skipped or chose a track."""
    event = open_moodify().feedback(track_id=track_id, kind=kind, user=user)
    click.echo(f"noted: {event['user']} {kind} track {track_id}")


@main.command()
@click.option("--text", "caption", help="the post's caption")
@click.option("--image", "images", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="a photo (repeatable, up to 10)")
@click.option("--audio", "audio", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="a sound clip (repeatable, up to 3)")
@click.option("--video", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="a video")
@click.option("--json", "as_json", is_flag=True)
def analyse(caption: str | None, images: tuple[Path, ...], audio: tuple[Path, ...], video: Path | None,
            as_json: bool) -> None:
    """Read the emotion of a post, part by part, and explain it."""
    from moodify.media import MediaFile
    from moodify import pipeline
    from moodify.post import Post

    def media(path: Path) -> MediaFile:
        return MediaFile(path, path.name)

    post = Post(caption=caption, images=tuple(map(media, images)), audio=tuple(map(media, audio)),
                video=media(video) if video else None)
    with progress_bar(enabled=not as_json and (images or audio or video)) as progress:
        reading = pipeline.read(post, progress)
    if as_json:
        emit_json(reading.to_dict())
        return
    if len(reading.parts) > 1:
        for part in reading.parts:
            e = part.estimate
            click.echo(f"{part.name}: {e.label} ({e.confidence:.2f}); valence {e.valence:+.2f}, "
                       f"arousal {e.arousal:+.2f}")
            for line in e.evidence:
                click.echo(f"    {line}")
        click.echo("")
    fused = reading.fused
    click.echo(f"{fused.label} ({fused.confidence:.2f}); valence {fused.valence:+.2f}, "
               f"arousal {fused.arousal:+.2f}")
    click.echo("  " + "  ".join(f"{e} {p:.2f}" for e, p in zip(EMOTIONS, fused.probs)))
    for line in fused.evidence:
        click.echo(f"  - {line}")
    if reading.timeline:
        click.echo("timeline:")
        for point in reading.timeline:
            click.echo(f"  {point['time']:6.1f} s  {point['label']:<10} valence {point['valence']:+.2f} "
                       f"arousal {point['arousal']:+.2f}" + ("  (scene cut)" if point["scene_cut"] else ""))


@main.group("eval")
def evaluate() -> None:
    """Measure a model on labelled data."""


@evaluate.command("text")
@click.option("--data", "path", type=click.Path(path_type=Path), required=True,
              help="CSV with columns text,label (English or Korean labels)")
@click.option("--holdout", is_flag=True, help="score only the fixed 10 % held-out split of the file")
@click.option("--json", "as_json", is_flag=True)
def eval_text(path: Path, holdout: bool, as_json: bool) -> None:
    """Accuracy, macro-F1, per-class scores and confusion of the caption model."""
    from moodify.analysers.text import TextAnalyser
    from moodify.training.data import holdout_split, read_labelled
    from moodify.training.metrics import format_report, report

    data = read_labelled(path)
    if holdout:
        data = data.subset(holdout_split(data.labels)[1])
    figures = report(data.labels, TextAnalyser().probabilities(data.texts))
    emit_json(figures) if as_json else click.echo(format_report(figures))


@main.group()
def train() -> None:
    """Train the models the app ships (never run at start-up)."""


@train.command("text")
@click.option("--data", "path", type=click.Path(path_type=Path, exists=True), required=True,
              help="the AIHub single-turn CSV (text,label); its held-out 10 % is never read")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), help="where to write the weights")
@click.option("--encoder", type=click.Path(path_type=Path, exists=True),
              help="fine-tuned encoder weights to mix with (default: the shipped ones)")
def train_text(path: Path, seed: int, out: Path | None, encoder: Path | None) -> None:
    """Train the character model and choose the mix (after `train text-encoder`)."""
    from moodify.models import caption
    from moodify.training.text import train as train_caption

    train_caption(path, out=out or caption.WEIGHTS_FILE, encoder_file=encoder or caption.ENCODER_FILE,
                  seed=seed, say=lambda line: click.echo(line, err=True))


@train.command("text-encoder")
@click.option("--data", "path", type=click.Path(path_type=Path, exists=True), required=True,
              help="the AIHub single-turn CSV (text,label); its held-out 10 % is never read")
@click.option("--epochs", type=int, default=3, show_default=True)
@click.option("--rank", type=int, default=16, show_default=True, help="LoRA rank")
@click.option("--lr", type=float, default=5e-4, show_default=True)
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--extra", type=click.Path(path_type=Path, exists=True),
              help="more labelled rows to fit on, e.g. the AIHub multi-turn CSV (neutral capped at 5,000)")
@click.option("--out", type=click.Path(path_type=Path), help="where to write the adapter weights")
def train_text_encoder(path: Path, epochs: int, rank: int, lr: float, seed: int, extra: Path | None,
                       out: Path | None) -> None:
    """Fine-tune the e5 encoder with LoRA adapters for captions (needs torch)."""
    from moodify.models import caption_encoder
    from moodify.training.finetune import finetune

    finetune(path, out=out or caption_encoder.WEIGHTS_FILE, epochs=epochs, rank=rank, lr=lr,
             seed=seed, extra=extra, say=lambda line: click.echo(line, err=True))


@main.group()
def catalog() -> None:
    """The music catalogue: build, statistics, import."""


@catalog.command("build")
def catalog_build() -> None:
    """Build the catalogue from the bundled data sets, or re-derive every track's emotion."""
    store = open_store()
    store.upgrade()
    report = build.build(store)
    click.echo(f"{report.added} added, {report.updated} updated, "
               f"{report.derived} re-derived, {report.embedded} texts embedded")


@catalog.command("stats")
@click.option("--json", "as_json", is_flag=True)
def catalog_stats(as_json: bool) -> None:
    """Counts per source, per dominant emotion and per licence."""
    store = open_store()
    ensure_ready(store)
    stats = build.stats(store)
    if as_json:
        emit_json(stats)
        return
    click.echo(f"{stats['tracks']} tracks")
    for title in ("by_source", "by_emotion", "by_licence"):
        click.echo(f"\n{title.replace('_', ' ')}:")
        for name, count in stats[title].items():
            click.echo(f"  {count:>6}  {name}")
    jamendo = stats["jamendo"]
    click.echo(f"\nJamendo: {jamendo['looked_up']} looked up ({jamendo['unavailable']} no longer there), "
               f"{jamendo['not_looked_up']} not yet (`moodify catalog enrich jamendo`)")


@catalog.command("import-dir")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True)
def catalog_import_dir(folder: Path, as_json: bool) -> None:
    """Import your own music: every audio file under FOLDER, analysed; unchanged files are skipped."""
    from moodify import library

    moodify = open_moodify()
    with click.progressbar(length=len(library.audio_files(folder)) or 1, label="importing", file=sys.stderr,
                           item_show_func=lambda name: name) as bar:
        report = moodify.import_dir(folder, lambda done, total, name: bar.update(1, name))
    if as_json:
        emit_json(report.to_dict())
        return
    for item in report.imported:
        click.echo(f"imported {item['id']:>6}  {item['title']}  ({item['emotion']}, {item['tempo']:.0f} BPM, "
                   f"{item['key']})")
    for item in report.failed:
        click.echo(f"failed          {item['path']}: {item['reason']}")
    click.echo(f"{len(report.imported)} imported, {len(report.skipped)} already there, {len(report.failed)} failed")


@catalog.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def catalog_import(file: Path, as_json: bool) -> None:
    """Import tracks from a CSV (see moodify/catalog/csv_import.py for the columns)."""
    store = open_store()
    ensure_ready(store)
    report = import_csv(store, file)
    if as_json:
        emit_json(report.to_dict())
        return
    click.echo(f"{len(report.imported)} imported, {len(report.updated)} updated, "
               f"{len(report.failed)} rows skipped")
    for failure in report.failed:
        click.echo(f"  line {failure['line']}: {failure['reason']}")


@main.command()
@click.argument("video", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--track", "track_id", type=int, required=True, help="an imported track's id")
@click.option("--start", type=float, help="seconds into the track (default: the best segment)")
@click.option("--analysis", "analysis_id", type=int, help="fit the segment to this analysis's mood")
@click.option("--usable", type=click.Choice(USABLE), default="any", show_default=True,
              help="monetised: refuse music whose licence excludes commercial use")
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option("--json", "as_json", is_flag=True)
def render(video: Path, track_id: int, start: float | None, analysis_id: int | None, usable: str, out: Path,
           as_json: bool) -> None:
    """Mix a stretch of a track under VIDEO (yours, or a catalogue track whose licence allows it,
    fetched first): ducked under speech, at -14 LUFS."""
    from moodify.media import MediaFile

    with progress_bar(enabled=not as_json) as progress:
        report = open_moodify().render_video(MediaFile(video, video.name), track_id, out, start=start,
                                             analysis_id=analysis_id, progress=progress, usable=usable)
    if as_json:
        emit_json(report)
        return
    copied = "copied" if report["video_copied"] else "re-encoded to H.264"
    click.echo(f"wrote {out}: {report['duration']:.2f} s, music from {report['start']:.2f} s of the track, "
               f"{report['loudness_lufs']:.1f} LUFS, picture {copied}, ducked under {len(report['speech'])} "
               "stretch(es) of speech")
    if report["attribution"]:
        click.echo(f"credit to paste under your post:\n  {report['attribution']}")


@main.command()
@click.option("--burst", is_flag=True, help="stop when the queue is empty")
def worker(burst: bool) -> None:
    """Run jobs from the Redis queue named by MOODIFY_JOBS (start as many as you like, anywhere
    that shares the database and the instance folder)."""
    from moodify import worker as moodify_worker
    from moodify.jobs import QUEUE

    url = config.current().jobs
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise click.UsageError("set MOODIFY_JOBS to a Redis URL (redis://127.0.0.1:6379/0): with 'local' "
                               "the server runs jobs itself")
    from redis import Redis
    from rq import Queue, SimpleWorker

    moodify_worker.worker_moodify()         # open the store now: a bad setting fails here, not per job
    connection = Redis.from_url(url)
    click.echo(f"moodify worker on {url}, queue {QUEUE!r}", err=True)
    SimpleWorker([Queue(QUEUE, connection=connection)], connection=connection).work(burst=burst)


@main.command()
@click.option("--user", "user_name", help="remove everything of this user")
@click.option("--expired", is_flag=True, help="remove rendered videos older than MOODIFY_RETENTION_DAYS")
@click.option("--yes", is_flag=True, help="do not ask before removing a user")
@click.option("--json", "as_json", is_flag=True)
def purge(user_name: str | None, expired: bool, yes: bool, as_json: bool) -> None:
    """Remove a user and all they left here, or rendered videos past their retention."""
    from moodify import privacy

    if not user_name and not expired:
        raise click.UsageError("give --user NAME, or --expired")
    store = open_store()
    store.upgrade()
    reports = {}
    if user_name:
        if not yes:
            click.confirm(f"Remove {user_name!r} with all their analyses, feedback, tracks and videos?", abort=True)
        reports["user"] = privacy.purge_user(store, user_name).to_dict()
    if expired:
        reports["expired"] = privacy.purge_expired(store).to_dict()
    if as_json:
        emit_json(reports)
        return
    for what, report in reports.items():
        rows = ", ".join(f"{n} {table}" for table, n in report["rows"].items() if n) or "no rows"
        click.echo(f"{what}: removed {rows}; {report['files']} file(s)")


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def models(ctx: click.Context, as_json: bool) -> None:
    """The models Moodify reads posts with: present or not, and from where."""
    if ctx.invoked_subcommand is not None:
        return
    from moodify.models.registry import backends

    found = backends()
    if as_json:
        emit_json([b.to_dict() for b in found])
        return
    for b in found:
        click.echo(f"{b.name:<8} {'present' if b.present else 'MISSING':<8} {b.used_for}")
        click.echo(f"{'':<17} {b.origin}")


@models.command("install")
@click.argument("name", type=click.Choice(["clip"]))
@click.option("--from", "source", type=click.Path(path_type=Path, exists=True, file_okay=False), required=True,
              help="a directory written by save_pretrained (model and processor)")
def models_install(name: str, source: Path) -> None:
    """Install local weights (they are checked by loading and scoring a picture first)."""
    from moodify.models import clip

    target = clip.install(source)
    click.echo(f"installed {name} from {source} into {target}")


@main.group()
def db() -> None:
    """The database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply schema migrations (SQLite by default, MySQL/MariaDB by MOODIFY_DATABASE_URL)."""
    store = open_store()
    store.upgrade()
    click.echo(f"schema up to date ({store.engine.dialect.name})")


from moodify import cli_online, cli_users  # noqa: E402  (registers onto the groups above)

catalog.add_command(cli_online.enrich)
catalog.add_command(cli_online.find_online)
catalog.add_command(cli_online.fetch_audio)
main.add_command(cli_users.users)
