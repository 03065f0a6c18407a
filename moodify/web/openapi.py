"""The OpenAPI 3.1 document of /api/v1, as spectree writes it from the views and their models
(moodify.web.contract), with what only the running app knows: which operations need an account
on the multi-user server, which answer files, and the upload fields of the analysers registered.

    python -m moodify.web.openapi > frontend/openapi.json

writes it as a server with the default settings serves it; the web app's types are generated
from that file (`npm run types`), and tests check both are up to date.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys

from flask import Blueprint, Flask, current_app

from moodify.web.contract import operation, spec
from moodify.web.schemas.server import OpenAPIDocument

# (not named "openapi...": spectree leaves endpoints so named out of the document, as its own)
bp = Blueprint("api_doc", __name__, url_prefix="/api/v1")

SECURITY_SCHEMES = {
    "session": {"type": "apiKey", "in": "cookie", "name": "moodify_session",
                "description": "the web app's session (changes also send X-CSRF-Token)"},
    "token": {"type": "http", "scheme": "bearer", "description": "a personal API token (mdf_...)"}}
FILES = {"api.track_audio": ("audio/*", "the audio"), "api.rendered_file": ("video/mp4", "the video")}
ERROR = {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


@bp.get("/openapi.json")
@operation(OpenAPIDocument)
def served():
    """This document"""
    return document()


def document() -> dict:
    """The document of the app in whose context this runs."""
    doc = copy.deepcopy(spec.spec)
    doc["security"] = [{"session": []}, {"token": []}]
    doc["components"]["securitySchemes"] = SECURITY_SCHEMES
    _named(doc)
    _answer_files(doc)
    _with_auth(doc)
    _part_fields(doc)
    _optional_bodies(doc)
    return doc


def _operations(endpoints) -> dict[tuple[str, str], str]:
    """(path, method) of each route of these endpoints, as the document names them -> its endpoint."""
    out: dict[tuple[str, str], str] = {}
    for rule in current_app.url_map.iter_rules():
        if rule.endpoint in endpoints:
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            out |= {(path, method.lower()): rule.endpoint for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}}
    return out


def _named(doc: dict) -> None:
    """Operations named after their views (api.health: api_health); fields without the titles
    pydantic makes of their names ("Track Id"): the names say it; ids as the 64-bit numbers they are."""
    for (path, method), endpoint in _operations(current_app.view_functions).items():
        if path in doc["paths"]:
            doc["paths"][path][method]["operationId"] = endpoint.replace(".", "_")
    fields = [field for schema in doc["components"]["schemas"].values()
              for field in schema.get("properties", {}).values()]
    parameters = [parameter for methods in doc["paths"].values() for op in methods.values()
                  for parameter in op["parameters"]]
    for field in fields + [parameter["schema"] for parameter in parameters]:
        field.pop("title", None)
    for parameter in parameters:        # ids: spectree calls Flask's int converter int32; they are 64-bit
        if parameter["in"] == "path" and parameter["schema"].get("format") == "int32":
            parameter["schema"]["format"] = "int64"


def _answer_files(doc: dict) -> None:
    for (path, method), endpoint in _operations(FILES).items():
        kind, description = FILES[endpoint]
        doc["paths"][path][method]["responses"]["200"] = {"description": description, "content": {kind: {}}}


def _with_auth(doc: dict) -> None:
    """Every operation but the public ones, as the multi-user server answers it: 401 without an
    account, and 403 for a change without its CSRF token. (The single-person tool never does.)"""
    from moodify.web.auth import PUBLIC

    public = _operations(PUBLIC)
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            if (path, method) in public:
                op["security"] = []
                continue
            op["responses"].setdefault("401", ERROR)
            if method != "get":
                op["responses"].setdefault("403", ERROR)


def _part_fields(doc: dict) -> None:
    """The analyses upload takes one field per kind of file part the analysers registered
    (moodify.analysers), with as many files as the settings allow."""
    from moodify.web.uploads import file_fields

    binary = {"type": "string", "format": "binary"}
    form = doc["components"]["schemas"]["PostForm"]["properties"]
    for field, kind in file_fields().items():
        form[field] = {"type": "array", "maxItems": kind.most(), "items": binary} if kind.numbered else binary


def _optional_bodies(doc: dict) -> None:
    """A JSON body none of whose fields is required may be left out (it reads as {})."""
    schemas = doc["components"]["schemas"]
    for methods in doc["paths"].values():
        for op in methods.values():
            body = op.get("requestBody", {})
            content = body.get("content", {})
            if list(content) == ["application/json"]:
                name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
                body["required"] = bool(schemas[name].get("required"))


def routes_app() -> Flask:
    """The API's routes on a bare app: enough to write the document, with no database."""
    from moodify.web import api, auth

    app = Flask("moodify")
    for blueprint in (api.bp, auth.bp, bp):
        app.register_blueprint(blueprint)
    return app


def main() -> None:
    for name in [name for name in os.environ if name.startswith("MOODIFY_")]:
        del os.environ[name]            # the document of the default settings, whoever writes it
    with routes_app().app_context():
        json.dump(document(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
