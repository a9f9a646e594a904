"""Schema-based fuzzing of the read endpoints (schemathesis): whatever a client sends that the
OpenAPI document allows, the API answers without a server error and as the document says.

Bounded and deterministic (few examples per operation, derandomized) so it stays well under a
minute."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from koers.api.views import OPENAPI_PATH

pytestmark = pytest.mark.django_db

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
