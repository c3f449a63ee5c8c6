"""Swagger UI and ReDoc load everything from this server, and the committed OpenAPI file is current."""

from __future__ import annotations

import json
import re
from pathlib import Path

from app.cli import openapi_json
from app.main import create_app
from tests.conftest import TestClient

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
EXTERNAL_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def local_client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


def test_docs_pages_reference_no_external_host() -> None:
    with local_client() as client:
        for page in ["/docs", "/redoc"]:
            html = client.get(page).text
            assert EXTERNAL_URL.search(html) is None, f"{page} loads something from another host"
            assets = re.findall(r"""(?:src|href)=["']?(/static/docs/[^"' >]+)""", html)
            assert assets, f"{page} has no local assets"
            for asset in assets:
                response = client.get(asset)
                assert response.status_code == 200, asset
                assert len(response.content) > 100, asset
        assert "fonts.googleapis" not in client.get("/redoc").text


def test_swagger_ui_bundle_is_a_release_that_reads_openapi_3_1() -> None:
    with local_client() as client:
        bundle = client.get("/static/docs/swagger-ui-bundle.js").text
    assert "SwaggerUIBundle" in bundle
    assert "3.1" in json.loads(client.get("/openapi.json").text)["openapi"]


def test_committed_openapi_file_equals_what_the_app_serves() -> None:
    with local_client() as client:
        served = client.get("/openapi.json").json()
    assert OPENAPI_FILE.read_text(encoding="utf-8") == openapi_json(served), (
        "openapi/openapi.json is stale: run `interviews openapi` (or `make openapi`) and commit it"
    )


def test_every_operation_documents_its_problems() -> None:
    schema = create_app().openapi()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("operationId"), f"{method} {path}"
            assert operation.get("summary"), f"{method} {path}"
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (
                        f"{method} {path} {status}"
                    )


def test_redoc_is_served_without_its_cdn_logo() -> None:
    with local_client() as client:
        assert 'src="/docs/redoc.standalone.js"' in client.get("/redoc").text
        bundle = client.get("/docs/redoc.standalone.js")
    assert bundle.status_code == 200
    assert bundle.headers["content-type"].startswith("text/javascript")
    assert "Redoc" in bundle.text and "cdn.redoc.ly" not in bundle.text
