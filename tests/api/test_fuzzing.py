"""Schema-based fuzzing of the read endpoints (schemathesis): whatever a client sends that the
OpenAPI document allows, the API answers without a server error and as the document says.

Bounded and deterministic (few examples per operation, derandomized) so it stays well under a
minute."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from koers.api.views import OPENAPI_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go through the WSGI handler, whose request signals close the database
    connection; on PostgreSQL that is the test's own transaction. Django's test client
    disconnects the same handler for the same reason."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


CHECKS = [not_a_server_error, response_schema_conformance]


schema = schemathesis.openapi.from_dict(json.loads(OPENAPI_PATH.read_text())).include(method="GET")
schema.app = get_wsgi_application()

FUZZ = settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@FUZZ
def test_reads_anonymously(case, world):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_reads_with_a_token(case, tokens):
    case.call_and_validate(headers={"Authorization": f"Bearer {tokens['reader']}"}, checks=CHECKS)
