"""Schemathesis against the served OpenAPI (in-process, through the WSGI application): every operation, with a
bounded number of generated requests each, by a token holding every permission over the whole test tree, so
that writes are exercised past authentication. 0 server errors and 0 responses outside the schema (status code,
content type and body)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gongkai.agencies.domain.roles import PERMISSIONS
from tests.api_helpers import token_for
from tests.catalog_helpers import draft, published

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 15


# Read from the application's own URL at collection (the schema needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def _one_connection():
    """Django's test client keeps the test's database connection across requests; a WSGI call of its own would
    close it at the end of each request (``close_old_connections``), and with it the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def full_token(personas, settings, _one_connection):
    settings.GONGKAI_API_RATE_LIMIT = 0
    published(personas)
    draft(personas)
    return token_for(personas.government, *sorted(PERMISSIONS), name="契约测试")


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                     suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_every_operation_keeps_its_schema(case, full_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {full_token}"}, checks=CHECKS)
