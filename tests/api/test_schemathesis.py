"""The API fuzzed with schemathesis over every operation of its OpenAPI schema, in process
(WSGI), with a fixed seed and a bounded number of examples: no 5xx, every response as the
schema says. Run as its own step of scripts/test (`pytest -m fuzz`); it prints the number of
requests and fails under 1,500."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from hamkari.accounts import services as account_services
from hamkari.accounts.services import user_create
from hamkari.kb import services
from hamkari.wsgi import application
from tests.kb.factories import EN_JALALI, FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

MIN_REQUESTS = 1500
EXAMPLES = 120
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
SEEN: Counter[str] = Counter()


@pytest.fixture
def token() -> Iterator[str]:
    # the WSGI handler would close the test's connection (and its transaction) on every request
    request_started.disconnect(close_old_connections)
    # thousands of refused requests would each log a warning line
    logging.getLogger("django.request").setLevel(logging.ERROR)
    services.reference_load()
    for text in (FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI, EN_JALALI):
        services.article_ingest(text=text, source="t")
    admin = user_create(username="fuzz-admin", password="x" * 12, role="administrator")
    yield account_services.token_create(user=admin, name="fuzz")
    request_started.connect(close_old_connections)
    logging.getLogger("django.request").setLevel(logging.NOTSET)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_every_answer_as_documented(case: Any, token: str) -> None:
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        # Every other check runs (no 5xx, documented status codes, content types and response
        # bodies, ignored authentication …). These two judge how strictly requests are parsed: a
        # date may be given as a number, unknown query parameters are ignored, and a value the
        # schema allows may still be refused for what it means (an unknown place is a 404, a NUL
        # character a 400).
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
    SEEN[f"{case.method} {case.path}"] += 1
    SEEN[f"{response.status_code // 100}xx"] += 1
    SEEN["requests"] += 1


def test_the_fuzzing_ran_enough_requests() -> None:
    operations = len([k for k in SEEN if " /api/" in k])
    statuses = ", ".join(f"{k} {SEEN[k]}" for k in ("2xx", "3xx", "4xx", "5xx"))
    print(f"\nschemathesis: {SEEN['requests']} requests over {operations} method+path pairs; {statuses}")
    assert SEEN["requests"] >= MIN_REQUESTS
    assert SEEN["5xx"] == 0
