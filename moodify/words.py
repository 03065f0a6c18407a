"""The command line's words for what the API gives as codes (the web app has its own, in Korean
and English, in frontend/src/i18n.ts)."""

from __future__ import annotations

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
