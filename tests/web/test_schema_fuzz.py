"""Property-based fuzzing of the whole API from its OpenAPI document (Schemathesis): for every
operation, generated requests, valid and invalid, never get a 5xx, and every answer is one the
document describes (status code, content type, body schema).

Bounded so the suite stays fast: FUZZ_EXAMPLES examples per operation (MOODIFY_FUZZ_EXAMPLES
raises it for a longer hunt; bench/abuse.py runs it and counts)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)
from schemathesis.generation import GenerationMode

from moodify.web.openapi import document, routes_app

FUZZ_EXAMPLES = int(os.environ.get("MOODIFY_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
with routes_app().app_context():
    OPERATIONS = [(path, method.upper()) for path, methods in document()["paths"].items() for method in methods]


@pytest.fixture(scope="module", params=["none", "required"], ids=["single-person", "multi-user"])
def api_schema(own_app, request):
    """The app in both modes; nothing a generated request asks for leaves the machine."""
    secret = {"secret_key": "f" * 48} if request.param == "required" else {}
    app, _ = own_app(offline="1", auth=request.param, **secret)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


# One test per operation, from the document itself (Schemathesis's own pytest loader does not run
# under pytest 9); each draws valid and invalid requests alike.
@pytest.mark.parametrize("path, method", OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_no_operation_answers_5xx_or_off_its_schema(api_schema, path, method):
    operation = api_schema[path][method]
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(case):
        case.call_and_validate(checks=CHECKS)

    fuzz()
