"""The command line's words for what the API gives as codes: refusals, notices, licences, and the
evidence, reasons and segment choices of moodify.evidence (the web app has its own, in Korean and
English, in frontend/src/i18n.ts, frontend/src/music/ and frontend/src/explain/)."""

from __future__ import annotations

import json
from typing import Any, Callable

from moodify.emotion import KOREAN_NAMES
from moodify.evidence import READING, REASONS, SEGMENT, Evidence

REFUSALS = {
    "platform_only": "it is a popular song: add it from the music picker of Instagram, TikTok or YouTube Shorts",
    "licence_not_checked": "its licence has not been looked up yet: run `moodify catalog enrich jamendo` "
                           "(needs MOODIFY_JAMENDO_CLIENT_ID)",
    "licence_unknown": "its licence is not known, so Moodify cannot say it may go into a video",
    "no_derivatives": "its licence (NoDerivatives) does not allow putting it to a video",
    "non_commercial": "its licence (NonCommercial) does not allow monetised posts",
    "download_not_allowed": "its artist does not allow apps to download it",
    "no_audio_source": "Moodify knows its emotion but has no way to get its audio",
    "unavailable": "its service no longer has it",
    "offline": "it must be downloaded first and Moodify is offline (MOODIFY_OFFLINE=1)",
}
REMEDIES = {
    "set_jamendo_client_id": "set MOODIFY_JAMENDO_CLIENT_ID (free at devportal.jamendo.com) to learn the "
                             "licences of the Jamendo tracks",
    "enrich_jamendo": "run `moodify catalog enrich jamendo` to learn the licences of more Jamendo tracks",
    "find_online": "run `moodify catalog find-online --emotion ...` to add Creative Commons music from Openverse",
    "import_own": "import your own music with `moodify catalog import-dir FOLDER`",
}


def licence_words(track: dict) -> str:
    """One line: what the licence lets a person do with this track."""
    licence = track["licence"]
    if licence["kind"] == "platform":
        return "popular song: add it from the music picker of Instagram, TikTok or YouTube Shorts"
    if licence["kind"] == "own":
        return f"your own file{' (' + licence['code'] + ')' if licence['code'] else ''}"
    if licence["code"] is None:
        return ("licence not looked up yet" if track["use"]["reason"] == "licence_not_checked"
                else "licence not known: not offered for use")
    allows = []
    allows.append("monetised posts too" if licence["commercial_use"] else "personal posts only (NonCommercial)")
    if licence["video_sync"] is False:
        allows = ["not in a video (NoDerivatives)"]
    if licence["attribution"]:
        allows.append("credit needed")
    if licence["share_alike"]:
        allows.append("share your video alike")
    return f"{licence['code']}: {', '.join(allows)}"


def notice_words(notice: dict) -> str:
    code = notice["code"]
    if code == "shortfall":
        ways = "; ".join(REMEDIES[r] for r in notice["remedies"])
        return (f"only {notice['found']} of {notice['asked']} tracks may be used for '{notice['usable']}'. "
                f"For more: {ways}.")
    if code == "jamendo_looked_up":
        return f"looked up {notice['count']} track(s) on Jamendo just now"
    if code == "jamendo_lookup_failed":
        return f"Jamendo could not be asked just now ({notice['reason']}): the list is shown as it is"
    return code


# Evidence, reasons and segment choices (moodify.evidence): one English line each.

ADJECTIVES = {"happiness": "happy", "sadness": "sad", "anger": "angry", "fear": "fearful",
              "surprise": "surprised", "disgust": "disgusted", "neutral": "neutral"}
CUES = {"emoji": "emoji", "crying": "crying", "laughing": "laughing", "exclamation": "exclamation",
        "disgust_word": "disgust word", "anger_slang": "anger slang"}
LANGUAGES = {"ko": "Korean", "en": "English", "ko_en": "Korean and English"}
FACES = {"happiness": "smiling face", "sadness": "sad face", "anger": "angry face", "fear": "fearful face",
         "surprise": "surprised face", "disgust": "disgusted face", "neutral": "neutral face"}
COLOUR = {"bright": "bright", "mid": "mid-bright", "dark": "dark", "vivid": "vivid",
          "moderate": "moderately saturated", "muted": "muted", "warm": "warm", "neutral": "neutral-toned",
          "cool": "cool"}
QUADRANTS = {"Q1": "positive, energetic", "Q2": "negative, energetic", "Q3": "negative, calm",
             "Q4": "positive, calm"}


def _va(p: dict) -> str:
    return f"valence {p['valence']:+.2f}, arousal {p['arousal']:+.2f}"


def _fused(p: dict) -> str:
    others = ", ".join(f"{ADJECTIVES[o['emotion']]} {o['part']}" for o in p["others"])
    return f"fused: mostly {ADJECTIVES[p['emotion']]}" + (f", with {others}" if others else "")


def _part(p: dict) -> str:
    """A part summary: its strongest evidence (named by the part unless it names itself), then its
    verdict unless that evidence already gave the same one."""
    inner = p["evidence"]
    said = evidence_text(inner) if inner else ""
    line = said if said.startswith(p["part"]) else f"{p['part']}: {said}" if said else p["part"]
    if not inner or inner.get("params", {}).get("emotion") != p["emotion"]:
        line += f" → {p['emotion']} {p['probability']:.2f}"
    return line


Words = dict[str, Callable[[dict], str]]

EVIDENCE_WORDS: Words = {
    "text": lambda p: p["text"],
    "asked_emotion": lambda p: f"asked for {p['emotion']} ({KOREAN_NAMES.get(p['emotion'], '?')})",
    "asked_point": lambda p: f"asked for {_va(p)}",
    "caption": lambda p: f"caption: '{p['snippet']}' → {p['emotion']} ({KOREAN_NAMES.get(p['emotion'], '?')}) "
                         f"{p['probability']:.2f}",
    "cue": lambda p: f"{CUES.get(p['cue'], p['cue'])} {p['sign']} → {p['emotion']}",
    "shouting": lambda p: "written loudly (!!! or capitals) → more arousal",
    "language": lambda p: f"read as {LANGUAGES.get(p['language'], p['language'])}"
                          + (f", in {p['chunks']} parts" if p["chunks"] > 1 else ""),
    "no_faces": lambda p: "no faces found",
    "faces": lambda p: f"{p['count']} face{'s' if p['count'] > 1 else ''}: " + "; ".join(
        f"{FACES[f['emotion']]} → {f['emotion']} {f['probability']:.2f}" for f in p["faces"]),
    "no_clip": lambda p: "CLIP weights are not installed (`moodify models install clip --from DIR`): "
                         "the whole image is read from its colour and light",
    "clip": lambda p: f"whole image (CLIP): {p['emotion']} {p['probability']:.2f}",
    "colour": lambda p: f"colour and light: {', '.join(COLOUR[p[k]] for k in ('light', 'saturation', 'tone'))} "
                        f"→ {_va(p)} (Valdez & Mehrabian 1994)",
    "near_silence": lambda p: "near silence: read as calm",
    "voice": lambda p: f"voice, {p['seconds']:.1f} s (prosody, not words): {p['pitch_range']} pitch range, "
                       f"{p['loudness']}, {p['pace']} → arousal {p['arousal']:+.2f}",
    "music": lambda p: f"music and other sound, {p['seconds']:.1f} s: tagged {', '.join(p['tags'])}; mood tags "
                       + ", ".join(f"{m['tag']} {m['probability']:.2f}" for m in p["mood_tags"])
                       + f"; {p['tempo']:.0f} BPM, {p['key']} {p['mode']}, {p['loudness_db']:.0f} dBFS → {_va(p)}",
    "frames": lambda p: f"{p['frames']} frames over {p['seconds']:.0f} s, {p['with_faces']} with faces: "
                        f"mostly {p['emotion']} ({p['count']} of {p['frames']})",
    "mood_shift": lambda p: f"from {p['time']:.0f} s: {p['emotion']}",
    "no_sound_track": lambda p: "no sound track",
    "sound_track": lambda p: f"sound track: {evidence_text(p['evidence'])}",
    "part": _part,
    "disagree": lambda p: f"parts disagree: {p['a']['part']} reads {ADJECTIVES[p['a']['emotion']]} "
                          f"(valence {p['a']['valence']:+.2f}) but {p['b']['part']} reads "
                          f"{ADJECTIVES[p['b']['emotion']]} ({p['b']['valence']:+.2f})",
    "fused": _fused,
}

REASON_WORDS: Words = {
    "deam_rating": lambda p: f"DEAM listeners rated it valence {p['valence']:g}/9, arousal {p['arousal']:g}/9",
    "pmemo_rating": lambda p: f"PMEmo listeners rated it valence {p['valence']:.2f}, arousal {p['arousal']:.2f} (0-1)",
    "quadrant": lambda p: f"4Q quadrant {p['quadrant']} ({QUADRANTS.get(p['quadrant'], '?')}); "
                          f"AllMusic moods {', '.join(p['moods'])}",
    "film_rating": lambda p: f"film-music listeners rated it {p['scale']} {p['rating']:.1f}/9, "
                             f"valence {p['valence']:.1f}/9, energy {p['energy']:.1f}/9",
    "tags": lambda p: "tags " + ", ".join(p["tags"]),
    "rated_point": lambda p: f"rated {_va(p)}",
    "point_vs_target": lambda p: f"valence {p['valence']:+.2f} vs "
                                 f"{'post' if p['mode'] == 'match' else p['mode'] + ' target'} "
                                 f"{p['target_valence']:+.2f}, "
                                 f"arousal {p['arousal']:+.2f} vs {p['target_arousal']:+.2f}",
    "reads_as": lambda p: f"reads as {p['emotion']} (post: {p['post_emotion']})",
    "caption_fit": lambda p: f"its tags and title fit the caption ({p['score']:.2f})",
    "like_liked": lambda p: "like tracks you liked: " + ", ".join(f["value"] for f in p["features"]),
}

SEGMENT_WORDS: Words = {
    "whole_track": lambda p: f"the track ({p['duration']:.0f} s) is not longer than the video ({p['video']:.0f} s): "
                             "it plays from its first beat",
    "starts_on": lambda p: f"starts on a {p['aligned_to']} at {p['time']:.1f} s",
    "loudness": lambda p: f"{p['db']:.0f} dBFS there against {p['mean_db']:.0f} on average"
                          + (" (the loudest stretch)" if p["loudest"] else ""),
    "segment_mood": lambda p: f"its mood ({_va(p)}) against the post's "
                              f"({p['target_valence']:+.2f}, {p['target_arousal']:+.2f})",
}

TABLES: list[tuple[dict, Words]] = [(READING, EVIDENCE_WORDS), (REASONS, REASON_WORDS), (SEGMENT, SEGMENT_WORDS)]


def _say(words: Words, item: dict | Evidence) -> str:
    """A code in words; a code not known here is named with its parameters rather than lost."""
    data: dict[str, Any] = item.to_dict() if isinstance(item, Evidence) else item
    params = data.get("params") or {}
    said = words.get(data["code"])
    return said(params) if said else f"{data['code']} {json.dumps(params, ensure_ascii=False)}"


def evidence_text(item: dict | Evidence) -> str:
    """One line of a reading's evidence, e.g. "caption: '보고 싶다' → sadness (슬픔) 0.91"."""
    return _say(EVIDENCE_WORDS, item)


def reason_text(item: dict | Evidence) -> str:
    """One reason a track is in a list, e.g. "reads as sadness (post: sadness)"."""
    return _say(REASON_WORDS, item)


def segment_text(item: dict | Evidence) -> str:
    """One reason a stretch of a track was picked, e.g. "starts on a bar at 12.0 s"."""
    return _say(SEGMENT_WORDS, item)
