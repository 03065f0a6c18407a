"""Every setting in one declared table, with its default and help text.

A setting is read from the environment as MOODIFY_<NAME> (upper case); the web app
also accepts them through `create_app(test_config={...})`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


def default_instance_dir() -> Path:
    return Path(os.environ.get("MOODIFY_INSTANCE", Path.cwd() / "instance"))


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", "", "SQLAlchemy URL. Empty: an SQLite file moodify.db in the instance "
            "folder. MySQL/MariaDB: mysql+pymysql://user:pass@host/db"),
    Setting("instance", "", "Folder for the SQLite database and other local state (default ./instance)."),
    Setting("default_user", "local", "User name for requests that name none (single-person mode)."),
    Setting("semantic", "on", "Use the multilingual text model for caption-to-track fit (on/off)."),
    Setting("clip_model", "", "CLIP for whole-photo emotion: a local directory or a hub name in the "
            "local cache. Empty: <instance>/models/clip if installed, else colour and light."),
    Setting("reliability", "text=1.0,image=0.8,audio=0.6,video=0.9",
            "How much each kind of part is trusted when a post's parts are fused (times each "
            "part's own confidence)."),
    Setting("max_upload_mb", "200", "Largest multipart post (all its files together) in MB."),
    Setting("library_quota_mb", "5120", "Music one person may import into their library, in MB (5 GB)."),
    Setting("max_images", "10", "Photos a post may have."),
    Setting("max_audio", "3", "Sound clips a post may have."),
    Setting("max_image_megapixels", "40", "Largest photo, in megapixels (checked before decoding)."),
    Setting("max_audio_seconds", "600", "Longest sound clip, in seconds."),
    Setting("max_video_megapixels", "8.3", "Largest video frame, in megapixels (4K UHD is 8.3; checked "
            "from the header before decoding)."),
    Setting("max_video_seconds", "180", "Longest video, in seconds."),
    Setting("render_lufs", "-14", "Integrated loudness of a rendered video's sound (EBU R128 LUFS)."),
    Setting("server_threads", "8", "Requests `moodify serve` works on at once (connections waiting cost "
            "no thread)."),
    Setting("header_timeout_seconds", "15", "`moodify serve` cuts a client that has not sent a whole "
            "request head this long after connecting (slow-header attacks), 1 to 60."),
    Setting("auth", "none", "none: a local single-person tool, requests name their user; required: a "
            "multi-user server with accounts, session cookies and personal API tokens."),
    Setting("secret_key", "", "The Flask secret; required (32+ characters) when auth=required (sessions "
            "are random tokens kept server-side). Only from the environment: MOODIFY_SECRET_KEY."),
    Setting("cookie_secure", "off", "on: session cookies only over HTTPS (behind a TLS proxy)."),
    Setting("session_idle_minutes", "30", "A signed-in session unused this long ends (multi-user server)."),
    Setting("session_max_hours", "12", "A signed-in session ends this long after sign-in, however used."),
    Setting("retention_days", "7", "Days a rendered video is kept for download before `moodify purge "
            "--expired` (run at every server start) removes it. Uploads are deleted when read."),
    Setting("jobs", "local", "Where long work runs: local (a worker thread in the server) or a Redis URL "
            "(redis://127.0.0.1:6379/0) served by `moodify worker` processes on any machines."),
    Setting("job_stale_seconds", "30", "A running job silent this long (its worker died) is marked failed."),
    Setting("caption_precision", "auto", "Caption encoder arithmetic: auto (bfloat16 where the CPU "
            "has it natively, else float32), bfloat16 or float32."),
    # Online music services. Only track ids and mood words are ever sent; `offline` sends nothing.
    Setting("offline", "0", "1 (or on): every online feature is off and nothing leaves this machine "
            "(track names, previews and downloads from Jamendo, music from Openverse)."),
    Setting("jamendo_client_id", "", "A free Jamendo API client id (devportal.jamendo.com): turns on "
            "track names, artists, licences, previews and downloads for the Jamendo catalogue."),
    Setting("jamendo_api_url", "https://api.jamendo.com/v3.0", "Base URL of the Jamendo API, ending in /v3.0."),
    Setting("jamendo_audio_host", "https://prod-1.storage.jamendo.com", "Where Jamendo streams audio from: "
            "the one media host the web app's Content-Security-Policy lets a preview play from."),
    Setting("openverse_api_url", "https://api.openverse.org/v1", "Base URL of the Openverse API, ending in /v1 "
            "(keyless)."),
    Setting("max_download_mb", "60", "Largest audio file Moodify downloads from an online service, in MB."),
    Setting("max_online_track_seconds", "600", "Longest track `find-online` adds, in seconds."),
    Setting("catalog_audio_budget_mb", "4096", "Disk the catalogue's fetched audio may use (\"use this "
            "track\", find-online), in MB; past it, downloads are refused."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, overrides: dict | None = None) -> str:
    """The value of a setting: overrides, then MOODIFY_<NAME>, then the default."""
    if name not in _BY_NAME:
        raise KeyError(f"unknown setting {name!r}")
    if overrides and name in overrides:
        return str(overrides[name])
    return os.environ.get(f"MOODIFY_{name.upper()}", _BY_NAME[name].default)


def flag(name: str, overrides: dict | None = None) -> bool:
    """An on/off setting: 1, on, true or yes."""
    return get(name, overrides).strip().lower() in ("1", "on", "true", "yes")


def instance_dir(overrides: dict | None = None) -> Path:
    return Path(get("instance", overrides) or default_instance_dir())


def database_url(overrides: dict | None = None) -> str:
    url = get("database_url", overrides)
    if url:
        return url
    folder = instance_dir(overrides)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'moodify.db'}"
