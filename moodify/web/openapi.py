"""The OpenAPI 3.1 document of /api/v1. A test checks it against the registered routes."""

from __future__ import annotations

from moodify import __version__
from moodify.emotion import EMOTIONS
from moodify.licence import KINDS, USABLE
from moodify.recommend import MODES

ERROR = {"$ref": "#/components/schemas/Error"}
CREDENTIALS = {"$ref": "#/components/schemas/Credentials"}
# Evidence, reasons and segment choices are codes with parameters; moodify/evidence.py lists them.
EVIDENCE = {"$ref": "#/components/schemas/Evidence"}


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    return {str(s): _json(ERROR, "error") for s in statuses}


SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "details": {"type": "object", "description": "numbers for the app's own words, "
                                   "e.g. library_full: used_mb, quota_mb, incoming_mb"}}}}},
    "Reading": {"type": "object", "required": ["probs"], "properties": {
        "label": {"type": "string", "enum": list(EMOTIONS)},
        "probs": {"type": "object", "properties": {e: {"type": "number"} for e in EMOTIONS}},
        "valence": {"type": "number", "minimum": -1, "maximum": 1},
        "arousal": {"type": "number", "minimum": -1, "maximum": 1},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "evidence": {"type": "array", "items": EVIDENCE}}},
    "Evidence": {"type": "object", "required": ["code", "params"], "description":
                 "a code and its parameters (numbers, emotion labels, counts, text people wrote), put into words "
                 "by the client; every code is listed in moodify/evidence.py. A reading stored before codes "
                 "gives its sentences as code `text` (params.text)", "properties": {
        "code": {"type": "string"}, "params": {"type": "object"}}},
    "Track": {"type": "object", "required": ["id", "title", "source", "licence", "use", "playable", "preview_url"],
              "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"},
        "artist": {"type": ["string", "null"]}, "album": {"type": ["string", "null"]},
        "source": {"type": "string"}, "source_id": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "genres": {"type": "array", "items": {"type": "string"}},
        "instruments": {"type": "array", "items": {"type": "string"}},
        "emotion": {"type": "string", "enum": list(EMOTIONS)},
        "probs": {"type": "object"}, "valence": {"type": "number"}, "arousal": {"type": "number"},
        "duration_s": {"type": ["number", "null"]}, "instrumental": {"type": ["boolean", "null"]},
        "url": {"type": ["string", "null"]}, "sample_url": {"type": ["string", "null"]},
        "preview_url": {"type": ["string", "null"], "description": "audio a player can play, when there is any"},
        "license": {"type": "string", "description": "the licence as its source states it (prose); "
                    "see `licence` for what it allows"},
        "licence": {"$ref": "#/components/schemas/Licence"},
        "find_on": {"type": ["object", "null"], "description": "popular songs: searches for title and artist "
                    "(youtube_music, spotify, apple_music) to add it from a platform's music picker"},
        "image_url": {"type": ["string", "null"]},
        "playable": {"type": "boolean", "description": "preview_url is set"},
        "available": {"type": "boolean", "description": "false: its service no longer has it"},
        "enriched_at": {"type": ["string", "null"], "description": "when its service was last asked about it"},
        "use": {"$ref": "#/components/schemas/Use"},
        "annotation": {"type": "object", "description": "the track's annotation as published"}}},
    "Licence": {"type": "object", "required": ["kind", "code", "url", "commercial_use", "video_sync", "attribution"],
                "properties": {
        "kind": {"type": "string", "enum": list(KINDS)},
        "code": {"type": ["string", "null"], "description": "e.g. CC BY-NC-SA 3.0, CC0 1.0, PDM 1.0"},
        "url": {"type": ["string", "null"], "description": "the licence deed"},
        "commercial_use": {"type": ["boolean", "null"], "description": "null: not known"},
        "video_sync": {"type": ["boolean", "null"], "description": "may be put in timed relation to a video "
                       "(an adaptation: not under ND licences); null: not known"},
        "attribution": {"type": ["string", "null"], "description": "the credit line to paste under the post"},
        "share_alike": {"type": "boolean", "description": "the video must be shared under the same licence"}}},
    "Use": {"type": "object", "description": "whether the track can be put into a video here", "properties": {
        "video": {"type": "boolean"},
        "reason": {"type": ["string", "null"], "enum": [
            "platform_only", "licence_not_checked", "licence_unknown", "no_derivatives", "non_commercial",
            "download_not_allowed", "no_audio_source", "unavailable", "offline", None]},
        "needs_download": {"type": "boolean", "description": "its audio is fetched first (POST /tracks/{id}/fetch, "
                           "or by the render)"}}},
    "Segment": {"type": ["object", "null"], "description": "where the preview starts and the video's music "
                "comes from", "properties": {
        "start": {"type": "number"}, "end": {"type": "number"},
        "basis": {"type": "string", "enum": ["analysed", "estimated"],
                  "description": "analysed: the best stretch of audio on this machine; estimated: a quarter in"}}},
    "FetchResult": {"type": "object", "properties": {
        "track_id": {"type": "integer"}, "duration_s": {"type": "number"}, "tempo": {"type": "number"},
        "fetched": {"type": "boolean", "description": "false: your own file, nothing to fetch"}}},
    "FindOnlineResult": {"type": "object", "properties": {
        "query": {"type": "string", "description": "the mood words sent to Openverse"},
        "added": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "artist": {"type": ["string", "null"]},
            "emotion": {"type": "string"}, "valence": {"type": "number"}, "arousal": {"type": "number"},
            "licence": {"$ref": "#/components/schemas/Licence"}, "duration_s": {"type": ["number", "null"]},
            "url": {"type": ["string", "null"]}}}},
        "known": {"type": "array", "items": {"type": "string"}, "description": "Openverse ids already here"},
        "skipped": {"type": "array", "items": {"type": "object", "properties": {
            "openverse_id": {"type": "string"}, "title": {"type": ["string", "null"]},
            "reason": {"type": "string", "description": "too_long, too_large, licence_unknown, no_derivatives, "
                       "non_commercial, download_refused, online_failed, audio_budget_full"}}}}}},
    "Notice": {"type": "object", "required": ["code"], "properties": {
        "code": {"type": "string", "enum": ["jamendo_looked_up", "jamendo_lookup_failed", "shortfall"]},
        "count": {"type": "integer"}, "unavailable": {"type": "integer"}, "reason": {"type": "string"},
        "asked": {"type": "integer"}, "found": {"type": "integer"}, "usable": {"type": "string"},
        "remedies": {"type": "array", "items": {"type": "string", "enum": [
            "set_jamendo_client_id", "enrich_jamendo", "find_online", "import_own"]}}}},
    "Online": {"type": "object", "description": "which online features are on", "properties": {
        "offline": {"type": "boolean"},
        "jamendo": {"type": "string", "enum": ["on", "offline", "no_client_id"]},
        "openverse": {"type": "string", "enum": ["on", "offline"]}}},
    "RecommendedTrack": {"allOf": [{"$ref": "#/components/schemas/Track"}, {
        "type": "object", "properties": {
            "score": {"type": "number"},
            "score_parts": {"type": "object", "description":
                            "fit, closeness, semantic (with a caption), base, personal"},
            "reasons": {"type": "array", "items": EVIDENCE},
            "feedback": {"type": ["string", "null"], "enum": ["like", "skip", "chosen", None],
                         "description": "this user's latest feedback on the track"},
            "segment": {"$ref": "#/components/schemas/Segment"}}}]},
    "RecommendationRequest": {
        "type": "object",
        "description": "Give one of: emotion; valence and arousal; reading (or probs).",
        "properties": {
            "emotion": {"type": "string", "description": "English or Korean category name"},
            "valence": {"type": "number", "minimum": -1, "maximum": 1},
            "arousal": {"type": "number", "minimum": -1, "maximum": 1},
            "reading": {"$ref": "#/components/schemas/Reading"},
            "mode": {"type": "string", "enum": list(MODES), "default": "match"},
            "limit": {"type": "integer", "minimum": 1, "maximum": 200, "default": 10},
            "instrumental": {"type": "boolean"},
            "own_music": {"type": "boolean", "description": "only tracks you imported"},
            "usable": {"type": "string", "enum": list(USABLE), "default": "any", "description":
                       "personal: what a post may use; monetised: only licences allowing commercial use and "
                       "video, plus your own music; a licence not known is never offered under either"},
            "min_duration": {"type": "number"}, "max_duration": {"type": "number"},
            "genres": {"type": "array", "items": {"type": "string"}},
            "exclude_genres": {"type": "array", "items": {"type": "string"}},
            "caption": {"type": "string", "description": "post text, for semantic fit"},
            "user": {"type": "string", "description": "whose feedback personalises the list"}}},
    "RecommendationList": {"type": "object", "properties": {
        "recommendation_id": {"type": "integer"},
        "reading": {"$ref": "#/components/schemas/Reading"},
        "target": {"type": "object"},
        "tracks": {"type": "array", "items": {"$ref": "#/components/schemas/RecommendedTrack"}},
        "notices": {"type": "array", "items": {"$ref": "#/components/schemas/Notice"}},
        "online": {"$ref": "#/components/schemas/Online"}}},
    "Analysis": {"type": "object", "properties": {
        "id": {"type": "integer"}, "caption": {"type": ["string", "null"]},
        "fused": {"$ref": "#/components/schemas/Reading"},
        "parts": {"type": "array", "items": {"type": "object", "description":
                  "kind (text, image, audio, video), name, that part's reading, and details "
                  "(file, faces, whole_image: clip or colour_and_light, seconds, speech segments, frames)"}},
        "timeline": {"type": "array", "description": "present when the post had a video",
                     "items": {"$ref": "#/components/schemas/TimelinePoint"}},
        "chosen": {"type": "array", "description": "in lists: tracks chosen for this analysis",
                   "items": {"type": "object"}},
        "created_at": {"type": "string"}}},
    "Credentials": {"type": "object", "required": ["name", "password"], "properties": {
        "name": {"type": "string", "minLength": 3, "maxLength": 32, "description": "letters, digits, . _ - "
                 "(NFKC-normalised, unique whatever the case)"},
        "password": {"type": "string", "minLength": 10, "maxLength": 1024,
                     "description": "not one of the most common passwords, not the name"}}},
    "Session": {"type": "object", "properties": {"name": {"type": "string"}, "csrf_token": {"type": "string"}}},
    "TimelinePoint": {"type": "object", "properties": {
        "time": {"type": "number"}, "label": {"type": "string"}, "valence": {"type": "number"},
        "arousal": {"type": "number"}, "confidence": {"type": "number"},
        "faces": {"type": "integer"}, "scene_cut": {"type": "boolean"}}},
    "Job": {"type": "object", "properties": {
        "id": {"type": "integer"}, "kind": {"type": "string"},
        "status": {"type": "string", "enum": ["queued", "running", "done", "failed", "cancelled"]},
        "progress": {"type": "number", "description": "0-100"}, "stage": {"type": "string"},
        "analysis_id": {"type": ["integer", "null"]}, "error": {"type": ["string", "null"]},
        "error_code": {"type": ["string", "null"], "description": "why it failed, as a code (the error "
                       "codes of the API, plus server_stopped, worker_died, internal)"},
        "result": {"anyOf": [{"type": "null"}, {"type": "object"},
                   {"$ref": "#/components/schemas/FetchResult"}, {"$ref": "#/components/schemas/FindOnlineResult"}],
                   "description": "an import's {imported, skipped, failed}; "
                   "a render's {path, duration, start, loudness_lufs, speech, video_copied, licence, "
                   "attribution}; a fetch's {track_id, duration_s, fetched}; a find-online's {query, added, "
                   "known, skipped}"},
        "analysis": {"$ref": "#/components/schemas/Analysis"},
        "created_at": {"type": "string"}, "updated_at": {"type": "string"}}},
    "Feedback": {"type": "object", "required": ["track_id", "kind"], "properties": {
        "track_id": {"type": "integer"},
        "kind": {"type": "string", "enum": ["like", "skip", "chosen"]},
        "recommendation_id": {"type": "integer"}, "user": {"type": "string"}}},
}

PATHS = {
    "/api/v1/health": {"get": {"summary": "Is the service up: how many tracks it has, its database, and "
                                          "whether its job queue answers (queue: up or down)",
                               "responses": {"200": _json({"type": "object"})}}},
    "/api/v1/ready": {"get": {"summary": "Readiness: 200 when the database and the job queue answer, else 503 "
                                         "naming what is down",
                              "responses": {"200": _json({"type": "object"}), **_errors(503)}}},
    "/api/v1/recommendations": {"post": {
        "summary": "Music for an emotion, a valence-arousal point or a full reading",
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/RecommendationRequest"}}}},
        "responses": {"200": _json({"$ref": "#/components/schemas/RecommendationList"}),
                      **_errors(400, 413)}}},
    "/api/v1/tracks": {"get": {
        "summary": "Search the catalogue (title, artist, tags), paginated",
        "parameters": [{"name": n, "in": "query", "schema": {"type": t}} for n, t in
                       (("q", "string"), ("source", "string"), ("emotion", "string"),
                        ("page", "integer"), ("per_page", "integer"))],
        "responses": {"200": _json({"type": "object", "properties": {
            "tracks": {"type": "array", "items": {"$ref": "#/components/schemas/Track"}},
            "total": {"type": "integer"}}}), **_errors(400)}}},
    "/api/v1/tracks/{track_id}": {"get": {
        "summary": "One track with its published annotation",
        "parameters": [{"name": "track_id", "in": "path", "required": True,
                        "schema": {"type": "integer"}}],
        "responses": {"200": _json({"$ref": "#/components/schemas/Track"}), **_errors(404)}}, "delete": {
        "summary": "Delete one of your imported tracks (and its file when no other track plays from it); "
                   "catalogue tracks are not yours to delete (403)",
        "parameters": [{"name": "track_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"204": {"description": "deleted"}, **_errors(400, 403, 404)}}},
    "/api/v1/feedback": {"post": {
        "summary": "Like, skip or choose a track; later recommendations learn from it",
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Feedback"}}}},
        "responses": {"201": _json({"type": "object"}, "stored"), **_errors(400, 404)}}},
    "/api/v1/analyses": {"get": {
        "summary": "The user's past analyses, newest first, each with the tracks chosen for it",
        "parameters": [{"name": n, "in": "query", "schema": {"type": t}} for n, t in
                       (("user", "string"), ("page", "integer"), ("per_page", "integer"))],
        "responses": {"200": _json({"type": "object", "properties": {
            "analyses": {"type": "array", "items": {"$ref": "#/components/schemas/Analysis"}},
            "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"}}}),
            **_errors(400)}}, "post": {
        "summary": "Read a post's emotion and store the reading. A caption alone is read at once "
                   "(201); a post with files becomes a job (202, Location: its /jobs URL) to poll",
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"type": "object", "required": ["caption"], "properties": {
                "caption": {"type": "string"}, "user": {"type": "string"}}}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "caption": {"type": "string"}, "user": {"type": "string"},
                "keep": {"type": "boolean", "description": "keep the uploaded files with the analysis "
                         "(default: deleted once read)"}}}}}},   # + a field per kind of file part: _part_fields
        "responses": {"201": _json({"$ref": "#/components/schemas/Analysis"}, "stored"),
                      "202": _json({"$ref": "#/components/schemas/Job"}, "a job was started"),
                      **_errors(400, 413)}}},
    "/api/v1/tracks/{track_id}/audio": {"get": {
        "summary": "The audio file of an imported or fetched track (byte ranges supported)",
        "parameters": [{"name": "track_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "the audio", "content": {"audio/*": {}}}, **_errors(400, 404)}}},
    "/api/v1/tracks/{track_id}/segment": {"get": {
        "summary": "The best stretch of a track whose audio is here for a video of `length` seconds: start on a bar, "
                   "end, the reasons, and energy per second and bar starts to draw it",
        "parameters": [{"name": "track_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                       {"name": "length", "in": "query", "required": True, "schema": {"type": "number"}},
                       {"name": "analysis_id", "in": "query", "schema": {"type": "integer"}}],
        "responses": {"200": _json({"type": "object", "properties": {
            "start": {"type": "number"}, "end": {"type": "number"}, "aligned_to": {"type": "string"},
            "reasons": {"type": "array", "items": EVIDENCE}, "duration_s": {"type": "number"},
            "energy": {"type": "array", "items": {"type": "number"}},
            "downbeats": {"type": "array", "items": {"type": "number"}}}}), **_errors(400, 404)}}},
    "/api/v1/tracks/{track_id}/fetch": {"post": {
        "summary": "Download and analyse a catalogue track's audio, where its licence allows use in a video and "
                   "its artist allows downloads, as a job. Refused at once (409) with the reason as the error "
                   "code (platform_only, no_derivatives, non_commercial under usable=monetised, "
                   "download_not_allowed, ...)",
        "parameters": [{"name": "track_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "requestBody": {"required": False, "content": {"application/json": {"schema": {"type": "object", "properties": {
            "usable": {"type": "string", "enum": list(USABLE)}}}}}},
        "responses": {"202": _json({"$ref": "#/components/schemas/Job"}, "a job was started"),
                      **_errors(400, 404, 409)}}},
    "/api/v1/catalog/find-online": {"post": {
        "summary": "Search Openverse (keyless) with the mood words of an emotion, a point or a stored analysis; "
                   "download, analyse and add what may go into a video, as a job",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "properties": {
            "emotion": {"type": "string"}, "valence": {"type": "number"}, "arousal": {"type": "number"},
            "analysis_id": {"type": "integer"}, "mode": {"type": "string", "enum": list(MODES)},
            "usable": {"type": "string", "enum": list(USABLE)},
            "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}}}}},
        "responses": {"202": _json({"$ref": "#/components/schemas/Job"}, "a job was started"),
                      **_errors(400, 404, 409)}}},
    "/api/v1/library": {"post": {
        "summary": "Import audio files (multipart field `files`) into your library, as a job; its result is "
                   "{imported, skipped, failed}. Past the library_quota_mb setting: 413 library_full",
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
        "responses": {"202": _json({"$ref": "#/components/schemas/Job"}, "a job was started"), **_errors(400, 413)}}},
    "/api/v1/renders": {"post": {
        "summary": "Make the finished video: `video`, `track_id` (yours, or a catalogue track whose licence allows "
                   "it: fetched first), optional `start` (s), `analysis_id` and `usable` (monetised refuses "
                   "NonCommercial music); a job whose file is at /renders/{job_id}/file once done, its result "
                   "with the credit line to paste",
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": {
            "video": {"type": "string", "format": "binary"}, "track_id": {"type": "integer"},
            "start": {"type": "number"}, "analysis_id": {"type": "integer"},
            "usable": {"type": "string", "enum": list(USABLE)}}}}}},
        "responses": {"202": _json({"$ref": "#/components/schemas/Job"}, "a job was started"),
                      **_errors(400, 404, 409, 413)}}},
    "/api/v1/renders/{job_id}/file": {"get": {
        "summary": "The rendered MP4 (H.264 + AAC)",
        "parameters": [{"name": "job_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "the video", "content": {"video/mp4": {}}}, **_errors(400, 404)}}},
    "/api/v1/auth/register": {"post": {
        "summary": "Multi-user server only: create an account ({name, password}) and sign in",
        "requestBody": {"required": True, "content": {"application/json": {"schema": CREDENTIALS}}},
        "responses": {"201": _json({"$ref": "#/components/schemas/Session"}), **_errors(400, 409, 413, 429)}}},
    "/api/v1/auth/login": {"post": {
        "summary": "Multi-user server only: sign in; sets an HttpOnly session cookie and returns the CSRF token "
                   "to send as X-CSRF-Token with every change",
        "requestBody": {"required": True, "content": {"application/json": {"schema": CREDENTIALS}}},
        "responses": {"200": _json({"$ref": "#/components/schemas/Session"}), **_errors(400, 401, 413, 429)}}},
    "/api/v1/auth/logout": {"post": {"summary": "Sign out: the session ends on the server",
                                     "responses": {"200": _json({"type": "object"})}}},
    "/api/v1/auth/password": {"post": {
        "summary": "Multi-user server only: {current, new}: a new password; every session and API token of the "
                   "account ends, and this browser gets a fresh session",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object",
            "required": ["current", "new"], "properties": {"current": {"type": "string"},
                                                           "new": {"type": "string", "minLength": 10}}}}}},
        "responses": {"200": _json({"$ref": "#/components/schemas/Session"}), **_errors(400, 401, 403)}}},
    "/api/v1/auth/me": {"get": {
        "summary": "Who is signed in: {auth: none} on the single-person tool",
        "responses": {"200": _json({"type": "object"}), **_errors(401)}}},
    "/api/v1/auth/tokens": {
        "get": {"summary": "Your personal API tokens (never their text)",
                "responses": {"200": _json({"type": "object"}), **_errors(400, 401)}},
        "post": {"summary": "A new personal API token for the CLI and scripts (`Authorization: Bearer ...`); "
                            "its text is shown once",
                 "responses": {"201": _json({"type": "object"}), **_errors(400, 401)}}},
    "/api/v1/auth/tokens/{token_id}": {"delete": {
        "summary": "Revoke a token",
        "parameters": [{"name": "token_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": _json({"type": "object"}), **_errors(400, 401, 404)}}},
    "/api/v1/models": {"get": {
        "summary": "The models posts are read with: present or not, and where their weights come from",
        "responses": {"200": _json({"type": "object", "properties": {"models": {"type": "array", "items": {
            "type": "object", "properties": {"name": {"type": "string"}, "used_for": {"type": "string"},
                                             "present": {"type": "boolean"}, "origin": {"type": "string"}}}}}})}}},
    "/api/v1/jobs/{job_id}": {
        "get": {
            "summary": "A job's status and progress (0-100 and the stage); its analysis once done",
            "parameters": [{"name": "job_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {"200": _json({"$ref": "#/components/schemas/Job"}), **_errors(404)}},
        "delete": {
            "summary": "Cancel a job that has not ended; its state afterwards",
            "parameters": [{"name": "job_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {"200": _json({"$ref": "#/components/schemas/Job"}), **_errors(404)}}},
    "/api/v1/analyses/{analysis_id}": {"get": {
        "summary": "A stored reading",
        "parameters": [{"name": "analysis_id", "in": "path", "required": True,
                        "schema": {"type": "integer"}}],
        "responses": {"200": _json({"$ref": "#/components/schemas/Analysis"}), **_errors(404)}}},
    "/api/v1/analyses/{analysis_id}/recommendations": {"post": {
        "summary": "Music for a stored reading; its caption gives the semantic fit",
        "parameters": [{"name": "analysis_id", "in": "path", "required": True,
                        "schema": {"type": "integer"}}],
        "requestBody": {"required": False, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/RecommendationRequest"}}}},
        "responses": {"200": _json({"$ref": "#/components/schemas/RecommendationList"}),
                      **_errors(400, 404)}}},
    "/api/v1/catalog/stats": {"get": {
        "summary": "Counts per source, dominant emotion and licence",
        "responses": {"200": _json({"type": "object"})}}},
    "/api/v1/limits": {"get": {
        "summary": "What this server accepts (its settings), for a client to check before it uploads: a whole "
                   "multipart post in MB, JSON bodies in MB, files per post, photo and frame megapixels, "
                   "sound and video seconds, a person's library in MB",
        "responses": {"200": _json({"type": "object", "required": [
            "upload_mb", "json_mb", "images", "audio", "video", "image_megapixels", "audio_seconds",
            "video_megapixels", "video_seconds", "library_quota_mb"], "properties": {
            **{n: {"type": "integer", "minimum": 0} for n in ("upload_mb", "json_mb", "images", "audio", "video")},
            **{n: {"type": "number", "exclusiveMinimum": 0} for n in (
                "image_megapixels", "audio_seconds", "video_megapixels", "video_seconds", "library_quota_mb")}}})}}},
    "/api/v1/openapi.json": {"get": {"summary": "This document",
                                     "responses": {"200": _json({"type": "object"})}}},
}


# Answered without an account on the multi-user server (moodify.web.auth.PUBLIC).
PUBLIC = {("/api/v1/health", "get"), ("/api/v1/ready", "get"), ("/api/v1/limits", "get"),
          ("/api/v1/openapi.json", "get"),
          ("/api/v1/auth/register", "post"), ("/api/v1/auth/login", "post"), ("/api/v1/auth/me", "get")}
SECURITY_SCHEMES = {
    "session": {"type": "apiKey", "in": "cookie", "name": "moodify_session",
                "description": "the web app's session (changes also send X-CSRF-Token)"},
    "token": {"type": "http", "scheme": "bearer", "description": "a personal API token (mdf_...)"}}


def _with_auth(paths: dict) -> dict:
    """Every operation but the public ones, as the multi-user server answers it: 401 without an
    account, and 403 for a change without its CSRF token. (The single-person tool never does.)"""
    out = {}
    for path, methods in paths.items():
        out[path] = {}
        for method, operation in methods.items():
            operation = {**operation, "responses": dict(operation["responses"])}
            if (path, method) in PUBLIC:
                operation["security"] = []
            else:
                operation["responses"].setdefault("401", _json(ERROR, "error"))
                if method != "get":
                    operation["responses"].setdefault("403", _json(ERROR, "error"))
            out[path][method] = operation
    return out


def _part_fields(paths: dict) -> dict:
    """The analyses upload takes one field per kind of file part the analysers registered
    (moodify.analysers), with as many files as the settings allow."""
    from moodify import analysers

    fields = {}
    for kind in analysers.kinds():
        if kind.text:
            continue
        binary = {"type": "string", "format": "binary"}
        fields[kind.field] = {"type": "array", "maxItems": kind.most(), "items": binary} if kind.numbered else binary
    post = paths["/api/v1/analyses"]["post"]
    form = post["requestBody"]["content"]["multipart/form-data"]["schema"]
    form = {**form, "properties": {**form["properties"], **fields}}
    content = {**post["requestBody"]["content"], "multipart/form-data": {"schema": form}}
    request_body = {**post["requestBody"], "content": content}
    analyses = {**paths["/api/v1/analyses"], "post": {**post, "requestBody": request_body}}
    return {**paths, "/api/v1/analyses": analyses}


def document() -> dict:
    return {"openapi": "3.1.0",
            "info": {"title": "Moodify API", "version": __version__,
                     "description": "Background music for a social-media post, by its emotion. With "
                                    "MOODIFY_AUTH=required, every operation but the public ones needs a "
                                    "session or a personal API token."},
            "security": [{"session": []}, {"token": []}],
            "paths": _with_auth(_part_fields(PATHS)),
            "components": {"schemas": SCHEMAS, "securitySchemes": SECURITY_SCHEMES}}
