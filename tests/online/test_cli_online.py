"""The online commands as a person and a script use them, against the fakes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from moodify.cli import main


@pytest.fixture()
def run(catalogue, online, monkeypatch):
    monkeypatch.setenv("MOODIFY_DATABASE_URL", catalogue.url)

    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input)
    return invoke


def test_enrich_jamendo_reports_what_it_learnt_and_resumes(run, online):
    first = run("catalog", "enrich", "jamendo", "--limit", "250", "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert (report["asked"], report["requests"]) == (250, 2)
    again = json.loads(run("catalog", "enrich", "jamendo", "--limit", "5", "--json").stdout)
    assert again["remaining"] == report["remaining"] - 5
    text = run("catalog", "enrich", "jamendo", "--limit", "3")
    assert "looked up 3 tracks in 1 request(s): 3 named" in text.stdout


def test_enrich_without_a_client_id_or_offline_says_what_to_do(run, monkeypatch):
    monkeypatch.delenv("MOODIFY_JAMENDO_CLIENT_ID")
    result = run("catalog", "enrich", "jamendo")
    assert result.exit_code == 2 and "MOODIFY_JAMENDO_CLIENT_ID" in result.output and "devportal" in result.output
    monkeypatch.setenv("MOODIFY_OFFLINE", "1")
    result = run("catalog", "enrich", "jamendo")
    assert result.exit_code == 2 and "offline" in result.output and "Traceback" not in result.output


def test_enrich_stopped_by_a_rate_limit_exits_2_keeping_its_work(run, online):
    online.jamendo.fail_next(429, times=1, retry_after=7200)
    result = run("catalog", "enrich", "jamendo", "--limit", "3")
    assert result.exit_code == 2 and "7200" in result.output and "run it again" in result.output


def test_recommend_usable_monetised_json_and_words(run):
    result = run("recommend", "--emotion", "happiness", "--usable", "monetised", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["online"]["jamendo"] == "on"
    for track in shown["tracks"]:
        assert set(track["licence"]) >= {"kind", "code", "url", "commercial_use", "video_sync", "attribution"}
        assert track["licence"]["commercial_use"] and track["licence"]["video_sync"]
    words = run("recommend", "--emotion", "happiness", "--usable", "monetised", "--limit", "3")
    assert "monetised posts too" in words.stdout


def test_find_online_adds_music(run):
    result = run("catalog", "find-online", "--emotion", "sadness", "--limit", "2", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["added"]) == 2 and all(a["licence"]["code"] for a in report["added"])


def test_fetch_audio_states_the_budget_first_and_resumes(run, online):
    run("catalog", "enrich", "jamendo", "--limit", "200")
    plan = run("catalog", "fetch-audio", "--usable", "monetised", "--limit", "2", "--budget-mb", "500",
               input="n\n")
    assert plan.exit_code == 1 and "2 track(s) to fetch, about" in plan.output and "budget 500 MB" in plan.output
    done = run("catalog", "fetch-audio", "--usable", "monetised", "--limit", "2", "--yes", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert len(report["fetched"]) == 2 and report["used_mb"] > 0
    again = json.loads(run("catalog", "fetch-audio", "--usable", "monetised", "--limit", "2", "--yes", "--json").stdout)
    assert not set(again["fetched"]) & set(report["fetched"])
    tiny = run("catalog", "fetch-audio", "--usable", "monetised", "--limit", "5", "--budget-mb", "1", "--yes")
    assert "would not fit" in tiny.output
