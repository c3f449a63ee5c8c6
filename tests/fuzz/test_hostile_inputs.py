"""A corpus of hostile inputs sent to every operation: nothing may answer 5xx, and every error is a problem."""

from __future__ import annotations

import pytest

from app.main import create_app

HOSTILE_VALUES = [
    "' OR 1=1 --", "'); DROP TABLE interviews; --", '" OR ""="', "1; SELECT pg_sleep(10)",
    "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "\x00", "\u202e\u200b", "😀" * 50,
    "9" * 400, "-9223372036854775809", "1e309", "NaN", "-0", "0x7fffffff", "2147483648",
    "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}", "a" * 3000, "*", "%", "_",
]  # fmt: skip
BODIES = [
    (b"\xff\xfe\xfa invalid utf-8 \xc3\x28", "application/json"),
    (b"[" * 50_000 + b"]" * 50_000, "application/json"),
    (b'{"a":' * 20_000 + b"1" + b"}" * 20_000, "application/json"),
    (b'{"slug": "' + b"x" * 100_000 + b'"}', "application/json"),
    (b"\xff\xfe\x00\x00garbage", "text/plain"),
    (b"1. Q?\n\n" * 10_000, "text/plain"),
    (b"x" * (10 * 1024 * 1024), "application/json"),
]


def operations() -> list[tuple[str, str, list[str], list[str]]]:
    schema = create_app().openapi()
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = operation.get("parameters", [])
            path_params = [p["name"] for p in parameters if p["in"] == "path"]
            query_params = [p["name"] for p in parameters if p["in"] == "query"]
            found.append((method, path, path_params, query_params))
    return found


def fill(path: str, names: list[str], value: str) -> str:
    from urllib.parse import quote

    for name in names:
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def check(response) -> None:
    assert response.status_code < 500, (response.request.method, response.request.url, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json", response.request.url


@pytest.mark.parametrize(("method", "path", "path_params", "query_params"), operations())
def test_hostile_parameters_and_bodies_never_break_an_operation(
    client, keys_for_fuzz, method, path, path_params, query_params
) -> None:
    headers = keys_for_fuzz
    for value in HOSTILE_VALUES:
        url = fill(path, path_params, value if path_params else "")
        params = dict.fromkeys(query_params, value)
        check(client.request(method.upper(), url, params=params, headers=headers))
    if method in {"post", "put", "patch"}:
        url = fill(path, path_params, "hostile-target")
        for body, media_type in BODIES:
            check(
                client.request(
                    method.upper(), url, content=body, headers={**headers, "Content-Type": media_type}
                )
            )
