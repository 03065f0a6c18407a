"""Every setting in one declared, typed table (`Settings`), with its default, range and help text.

A setting comes from the environment as MOODIFY_<NAME>, or from `create_app(settings)` /
`load({...})` overrides. It is validated once, when a server, worker or command starts: a wrong
value stops it with the setting's name and what is allowed (`SettingsError`).

Code reads the settings in force with `config.current()`: inside a request or a job, the app's
own settings (`using`); elsewhere the environment's (re-read when it changes, for scripts and tests).
"""

from __future__ import annotations

import contextvars
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from moodify.errors import MoodifyError

class SettingsError(MoodifyError):
    code = "bad_setting"


def _web_address(value: str) -> str:
    value = value.strip()
    if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
        raise ValueError("must be an http(s) address such as https://example.org")
    return value.rstrip("/")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOODIFY_", extra="forbid", frozen=True,
                                      str_strip_whitespace=True, validate_default=True)

    # -- where things live
    database_url: str = Field("", description="SQLAlchemy URL. Empty: an SQLite file moodify.db in the "
                              "instance folder. MySQL/MariaDB: mysql+pymysql://user:pass@host/db")
    instance: str = Field("", description="Folder for the SQLite database and other local state "
                          "(default ./instance).")
    default_user: str = Field("local", min_length=1, max_length=150,
                              description="User name for requests that name none (single-person mode).")
    # -- reading posts
    semantic: bool = Field(True, description="Use the multilingual text model for caption-to-track fit (on/off).")
    clip_model: str = Field("", description="CLIP for whole-photo emotion: a local directory or a hub name in "
                            "the local cache. Empty: <instance>/models/clip if installed, else colour and light.")
    reliability: Annotated[dict[str, float], NoDecode] = Field(
        default_factory=dict, description="How much each kind of part is trusted when a post's parts are fused "
                                          "(times each part's own confidence), over the analysers' own weights: "
                                          "kind=weight,... (text 1.0, image 0.8, audio 0.6, video 0.9).")
    caption_precision: Literal["auto", "bfloat16", "float32"] = Field(
        "auto", description="Caption encoder arithmetic: auto (bfloat16 where the CPU has it natively, else "
                            "float32), bfloat16 or float32.")
    # -- limits on what people send
    max_upload_mb: int = Field(200, ge=1, description="Largest multipart post (all its files together) in MB.")
    library_quota_mb: float = Field(5120, gt=0, description="Music one person may import into their library, "
                                    "in MB (5 GB).")
    max_images: int = Field(10, ge=1, le=100, description="Photos a post may have.")
    max_audio: int = Field(3, ge=0, le=20, description="Sound clips a post may have.")
    max_image_megapixels: float = Field(40, gt=0, le=1000,
                                        description="Largest photo, in megapixels (checked before decoding).")
    max_audio_seconds: float = Field(600, gt=0, description="Longest sound clip, in seconds.")
    max_video_megapixels: float = Field(8.3, gt=0, le=1000, description="Largest video frame, in megapixels "
                                        "(4K UHD is 8.3; checked from the header before decoding).")
    max_video_seconds: float = Field(180, gt=0, description="Longest video, in seconds.")
    render_lufs: float = Field(-14, ge=-70, le=-5, description="Integrated loudness of a rendered video's "
                               "sound (EBU R128 LUFS).")
    # -- serving
    server_threads: int = Field(8, ge=1, le=256, description="Requests `moodify serve` works on at once "
                                "(connections waiting cost no thread).")
    header_timeout_seconds: float = Field(15, ge=1, le=60, description="`moodify serve` cuts a client that "
                                          "has not sent a whole request head this long after connecting.")
    auth: Literal["none", "required"] = Field("none", description="none: a local single-person tool, requests "
                                              "name their user; required: a multi-user server with accounts, "
                                              "session cookies and personal API tokens.")
    secret_key: str = Field("", description="The Flask secret; required (32+ characters) when auth=required "
                            "(sessions are random tokens kept server-side).")
    cookie_secure: bool = Field(False, description="on: session cookies only over HTTPS (behind a TLS proxy).")
    session_idle_minutes: float = Field(30, gt=0, description="A signed-in session unused this long ends.")
    session_max_hours: float = Field(12, gt=0, description="A signed-in session ends this long after sign-in, "
                                     "however used.")
    retention_days: float = Field(7, ge=0, description="Days a rendered video is kept for download before "
                                  "`moodify purge --expired` (run at every server start) removes it.")
    # -- long work
    jobs: str = Field("local", description="Where long work runs: local (a worker thread in the server) or a "
                      "Redis URL (redis://127.0.0.1:6379/0) served by `moodify worker` processes.")
    job_stale_seconds: float = Field(30, gt=0, description="A running job silent this long (its worker died) "
                                     "is marked failed.")
    # -- online music services: only track ids and mood words are ever sent; `offline` sends nothing
    offline: bool = Field(False, description="on: every online feature is off and nothing leaves this machine "
                          "(track names, previews and downloads from Jamendo, music from Openverse).")
    jamendo_client_id: str = Field("", description="A free Jamendo API client id (devportal.jamendo.com): turns "
                                   "on track names, artists, licences, previews and downloads.")
    jamendo_api_url: str = Field("https://api.jamendo.com/v3.0", description="Base URL of the Jamendo API, "
                                 "ending in /v3.0.")
    jamendo_audio_host: str = Field("https://prod-1.storage.jamendo.com", description="Where Jamendo streams "
                                    "audio from: the one media host the web app's Content-Security-Policy "
                                    "lets a preview play from.")
    openverse_api_url: str = Field("https://api.openverse.org/v1", description="Base URL of the Openverse API, "
                                   "ending in /v1 (keyless).")
    max_download_mb: float = Field(60, gt=0, description="Largest audio file Moodify downloads from an online "
                                   "service, in MB.")
    max_online_track_seconds: float = Field(600, gt=0, description="Longest track `find-online` adds, in seconds.")
    catalog_audio_budget_mb: float = Field(4096, ge=0, description="Disk the catalogue's fetched audio may use "
                                           "(\"use this track\", find-online), in MB; past it, downloads are "
                                           "refused.")

    @field_validator("auth", "caption_precision", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("reliability", mode="before")
    @classmethod
    def _reliability(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        weights = {}
        for item in filter(None, (p.strip() for p in value.split(","))):
            part, _, weight = item.partition("=")
            if not part.strip().isidentifier():
                raise ValueError(f"{item!r}: write kind=weight, e.g. text=1.0,image=0.8")
            weights[part.strip()] = float(weight)
        return weights

    @field_validator("reliability")
    @classmethod
    def _reliability_range(cls, value: dict[str, float]) -> dict[str, float]:
        if any(not 0 <= w <= 10 for w in value.values()):
            raise ValueError("each weight must be from 0 to 10")
        return value

    @field_validator("jobs")
    @classmethod
    def _jobs(cls, value: str) -> str:
        if value != "local" and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be local or a Redis URL such as redis://127.0.0.1:6379/0")
        return value

    @field_validator("jamendo_api_url", "jamendo_audio_host", "openverse_api_url")
    @classmethod
    def _address(cls, value: str) -> str:
        return _web_address(value)

    @model_validator(mode="after")
    def _a_server_needs_its_secret(self) -> Settings:
        if self.auth == "required" and len(self.secret_key) < 32:
            raise ValueError("the multi-user server (MOODIFY_AUTH=required) needs MOODIFY_SECRET_KEY in the "
                             "environment, 32 characters or more (e.g. `python -c 'import secrets; "
                             "print(secrets.token_urlsafe(48))'`)")
        return self

    # -- what follows from the settings
    @property
    def instance_dir(self) -> Path:
        return Path(self.instance) if self.instance else Path.cwd() / "instance"

    @property
    def store_url(self) -> str:
        """The database URL; the default SQLite file's folder is made on the way."""
        if self.database_url:
            return self.database_url
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.instance_dir / 'moodify.db'}"

    @property
    def redis_jobs(self) -> bool:
        return self.jobs != "local"


def load(overrides: dict | Settings | None = None) -> Settings:
    """The settings from the environment and these overrides, validated: a SettingsError names
    every wrong setting, its value and what is allowed."""
    if isinstance(overrides, Settings):
        return overrides
    try:
        return Settings(**{name: value for name, value in (overrides or {}).items()})
    except ValidationError as exc:
        raise SettingsError("; ".join(_explain(error) for error in exc.errors())) from None


def _explain(error: ErrorDetails) -> str:
    if not error["loc"]:                # a rule across settings: its message says it all
        return error["msg"].removeprefix("Value error, ")
    name = str(error["loc"][0])
    field = Settings.model_fields.get(name)
    if field is None:
        return f"{name!r} is not a setting (see moodify/config.py)"
    return (f"MOODIFY_{name.upper()}={error.get('input')!r}: {error['msg'].lower()} "
            f"({field.description})")


_IN_FORCE: contextvars.ContextVar[Settings | None] = contextvars.ContextVar("moodify_settings", default=None)
_FROM_ENV: dict[tuple, Settings] = {}


def current() -> Settings:
    """The settings in force: the app's inside its requests and jobs, else the environment's."""
    chosen = _IN_FORCE.get()
    if chosen is not None:
        return chosen
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("MOODIFY_")))
    if key not in _FROM_ENV:
        _FROM_ENV.clear()
        _FROM_ENV[key] = load()
    return _FROM_ENV[key]


def enter(settings: Settings) -> contextvars.Token:
    """Put these settings in force in this context (a request's, a job's); `leave` undoes it."""
    return _IN_FORCE.set(settings)


def leave(token: contextvars.Token) -> None:
    _IN_FORCE.reset(token)


@contextmanager
def using(settings: Settings):
    token = enter(settings)
    try:
        yield settings
    finally:
        leave(token)


def instance_dir() -> Path:
    return current().instance_dir
