"""Schemathesis against the app's own OpenAPI description: generated requests to every operation.

Checks that no request makes the server fail (5xx), that every response matches the
schema the description declares (status code, content type, body), and that the
declared error responses are the ones returned. Runs in-process over ASGI, on a copy of
the web tests' database (uploads write to it). The operations are driven through
Hypothesis directly: schemathesis' pytest loader does not run under pytest 9.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig

from telusur.web.app import create_app


def _operations() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:  # the paths do not depend on the data
        spec = create_app(Path(folder) / "empty.db").openapi()
    return [(path, method.upper()) for path, methods in sorted(spec["paths"].items()) for method in sorted(methods)]


OPERATIONS = _operations()

# Schema-valid but unusable requests that the API answers with a declared error: a search
# query with no word (400), an upload over the size limit (413) or of a file type Telusur
# does not read (415). Any other 4xx for schema-valid data fails the check.
CONFIG = SchemathesisConfig.from_str("""
[checks.positive_data_acceptance]
expected-statuses = ["2XX", 400, 404, 413, 415]
""")


@pytest.fixture(scope="module")
def api_schema(web_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("schemathesis") / "fuzz.db"
    shutil.copy(web_db, db)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db, max_upload_bytes=100_000), config=CONFIG)


def test_the_description_has_the_operations_this_test_drives():
    assert len(OPERATIONS) >= 19 and ("/api/v1/articles", "POST") in OPERATIONS


@pytest.mark.parametrize("path, method", OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_every_operation_honours_its_description(api_schema, path, method):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate()

    check()
