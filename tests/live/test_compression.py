"""gzip on the wire, over a real server: smaller bodies for clients that ask, the same data, and
validators that keep working whichever representation a client holds."""

from __future__ import annotations

import gzip

import httpx

from app.corpus import generate_documents
from tests.conftest import store_documents


def raw_get(base_url: str, path: str, **headers: str) -> httpx.Response:
    """A GET whose body is left as it came over the wire (httpx would decode gzip on `.content`)."""
    with (
        httpx.Client(base_url=base_url, timeout=30) as client,
        client.stream("GET", path, headers=headers) as response,
    ):
        response.wire = b"".join(response.iter_raw())  # type: ignore[attr-defined]
        return response


def test_lists_interviews_feeds_and_the_export_are_compressed_for_clients_that_ask(
    live_store, server
) -> None:
    store_documents(live_store, list(generate_documents(25, seed=4)))
    with server() as base_url:
        for path in ("/v1/interviews?limit=20", "/v1/search?q=the", "/v1/feeds/interviews.atom"):
            plain = raw_get(base_url, path, **{"Accept-Encoding": "identity"})
            packed = raw_get(base_url, path, **{"Accept-Encoding": "gzip"})
            assert plain.status_code == packed.status_code == 200, path
            assert "content-encoding" not in plain.headers
            assert packed.headers["content-encoding"] == "gzip"
            assert "accept-encoding" in packed.headers["vary"].lower()
            assert gzip.decompress(packed.wire) == plain.wire, path  # type: ignore[attr-defined]
            assert len(packed.wire) < len(plain.wire) / 2, (path, len(packed.wire), len(plain.wire))  # type: ignore[attr-defined]
        export = raw_get(base_url, "/v1/export/interviews.ndjson", **{"Accept-Encoding": "gzip"})
        lines = gzip.decompress(export.wire).splitlines()  # type: ignore[attr-defined]
        assert export.headers["content-encoding"] == "gzip" and len(lines) == 25


def test_validators_work_from_either_representation(live_store, server) -> None:
    store_documents(live_store, list(generate_documents(3, seed=4)))
    with server() as base_url:
        slug = httpx.get(f"{base_url}/v1/interviews?limit=1").json()["items"][0]["slug"]
        path = f"/v1/interviews/{slug}"
        plain = raw_get(base_url, path, **{"Accept-Encoding": "identity"})
        packed = raw_get(base_url, path, **{"Accept-Encoding": "gzip"})
        assert packed.headers["content-encoding"] == "gzip"
        assert packed.headers["etag"] == "W/" + plain.headers["etag"]  # another representation
        for tag in (plain.headers["etag"], packed.headers["etag"]):
            for encoding in ("gzip", "identity"):
                again = raw_get(base_url, path, **{"Accept-Encoding": encoding, "If-None-Match": tag})
                assert again.status_code == 304, (tag, encoding)
                assert again.wire == b""  # type: ignore[attr-defined]
        small = raw_get(base_url, "/healthz", **{"Accept-Encoding": "gzip"})
        assert "content-encoding" not in small.headers  # under the threshold: not worth compressing
