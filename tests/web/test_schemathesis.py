"""Property-based run of the OpenAPI document: generated requests never cause a server error.

Bounded: a few examples per operation, no shrinking deadline, in-process (ASGI).
"""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from pathlib import Path  # noqa: E402

from hypothesis import (  # noqa: E402
    HealthCheck,
    given,
    settings,
)
from schemathesis.checks import not_a_server_error  # noqa: E402

from storyline.web.app import create_app  # noqa: E402


def test_no_server_errors(demo_db: Path) -> None:
    # schemathesis' ASGI client always sends "Host: testserver": allowed here as a configured name.
    app = create_app(demo_db, hosts=("testserver",))
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case: Any) -> None:
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            body = response.json()
            assert body["ok"] is (response.status_code == 200), (case.path, body)
            if not body["ok"]:
                assert set(body) == {"ok", "error", "status"} and body["status"] == response.status_code

        check()
