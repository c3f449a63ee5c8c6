"""Keep a local copy of every interview in step with an Interviews API, using only public endpoints.

    python examples/sync_partner.py --base-url http://127.0.0.1:8000 --state partner-copy.json
    python examples/sync_partner.py --base-url http://127.0.0.1:8000 --state partner-copy.json --once

1. First run: `GET /v1/export/interviews.ndjson` streams every interview document; its
   `Changes-Cursor` header is where the change feed takes over.
2. Then, forever: `GET /v1/changes?since=<cursor>`. For each page, the interviews it names are
   fetched again in one request (`/v1/export/interviews.ndjson?interview=<slug>&…`): those that come
   back replace the local copy, those that do not were deleted and are dropped. A changed speaker or
   topic refreshes every interview that shows it. Only then is the page's `next_cursor` saved, so a
   crash replays a page rather than losing one; replaying is harmless, since documents are fetched
   as they are now.
3. While `has_more` is true, poll again at once; otherwise wait `--interval` seconds.

The copy (documents by slug, plus the cursor) is one JSON file, written atomically after each page.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

EXPORT = "/v1/export/interviews.ndjson"
CHANGES = "/v1/changes"
REFS_PER_REQUEST = 50  # the API's limit on repeated filter values
MAX_QUERY_CHARS = 3_000  # stay well under the server's query-string limit
RETRIES = 5
CHANGES_PER_PAGE = 1000
NO_CACHE = {"Cache-Control": "no-cache"}  # always ask intermediaries to revalidate


@dataclass
class Replica:
    """The partner's copy: interview documents by slug, and the change-feed cursor they reflect."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    cursor: str | None = None

    def save(self, path: Path) -> None:
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(
            json.dumps({"cursor": self.cursor, "documents": self.documents}), encoding="utf-8"
        )
        os.replace(temporary, path)

    @classmethod
    def load(cls, path: Path) -> Replica | None:
        if not path.exists():
            return None
        state = json.loads(path.read_text(encoding="utf-8"))
        return cls(documents=state["documents"], cursor=state["cursor"])


def _wait_before_retry(response: httpx.Response, attempt: int) -> bool:
    """Back off on 429 (rate limited) and 503 (not ready), as Retry-After says; False to give up."""
    if response.status_code not in (429, 503) or attempt == RETRIES:
        return False
    retry_after = response.headers.get("Retry-After", "")
    time.sleep(float(retry_after) if retry_after.isdigit() else 2**attempt)
    return True


def get_json(client: httpx.Client, path: str, params: dict[str, Any]) -> Any:
    for attempt in range(RETRIES + 1):
        response = client.get(path, params=params, headers=NO_CACHE)
        if not _wait_before_retry(response, attempt):
            break
    response.raise_for_status()
    return response.json()


def ndjson_lines(response: httpx.Response) -> Iterable[bytes]:
    """Lines ended by "\\n" only, as NDJSON defines them (`iter_lines` would also split at U+2028 and
    other characters that may sit raw inside a JSON string)."""
    pending = b""
    for chunk in response.iter_bytes():
        *lines, pending = (pending + chunk).split(b"\n")
        yield from lines
    if pending:
        yield pending


def export(
    client: httpx.Client, params: list[tuple[str, str]] | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Interview documents (all, or those the filters pick) and the change cursor the export started at."""
    for attempt in range(RETRIES + 1):
        with client.stream("GET", EXPORT, params=tuple(params or ()), headers=NO_CACHE) as response:
            if _wait_before_retry(response, attempt):
                continue
            response.raise_for_status()
            documents = [json.loads(line) for line in ndjson_lines(response) if line.strip()]
            return documents, response.headers["Changes-Cursor"]
    raise AssertionError("unreachable: the last attempt returns or raises")


def initial_sync(client: httpx.Client) -> Replica:
    documents, cursor = export(client)
    return Replica(documents={d["slug"]: d for d in documents}, cursor=cursor)


def _chunks(values: list[str]) -> Iterable[list[str]]:
    """Slugs in groups small enough for one request's query string."""
    chunk: list[str] = []
    length = 0
    for value in values:
        if chunk and (len(chunk) == REFS_PER_REQUEST or length + len(value) + 12 > MAX_QUERY_CHARS):
            yield chunk
            chunk, length = [], 0
        chunk.append(value)
        length += len(value) + 12  # "&interview=" and the slug
    if chunk:
        yield chunk


def refresh(client: httpx.Client, replica: Replica, changes: list[dict[str, Any]]) -> None:
    """Bring the copy up to date with what a page of changes names."""
    interviews = sorted({c["slug"] for c in changes if c["type"] == "interview"})
    for slugs in _chunks(interviews):
        documents, _cursor = export(client, [("interview", slug) for slug in slugs])
        current = {d["slug"]: d for d in documents}
        for slug in slugs:
            if slug in current:
                replica.documents[slug] = current[slug]
            else:
                replica.documents.pop(slug, None)  # deleted (a tombstone), perhaps after a later change
    for kind in ("speaker", "topic"):
        names = sorted({c["slug"] for c in changes if c["type"] == kind and c["action"] != "delete"})
        for slugs in _chunks(names):
            documents, _cursor = export(client, [(kind, slug) for slug in slugs])
            replica.documents.update({d["slug"]: d for d in documents})


def follow_changes(client: httpx.Client, replica: Replica, state: Path | None = None) -> int:
    """Apply every change committed since the replica's cursor; the number of changes applied."""
    applied = 0
    while True:
        params = {"limit": CHANGES_PER_PAGE} | ({"since": replica.cursor} if replica.cursor else {})
        page = get_json(client, CHANGES, params)
        refresh(client, replica, page["items"])
        replica.cursor = page["next_cursor"]
        applied += len(page["items"])
        if state is not None and page["items"]:
            replica.save(state)
        if not page["has_more"]:
            return applied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--state", type=Path, default=Path("partner-copy.json"))
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between polls when idle")
    parser.add_argument("--once", action="store_true", help="catch up once, then stop")
    args = parser.parse_args()
    with httpx.Client(base_url=args.base_url, timeout=60) as client:
        replica = Replica.load(args.state)
        if replica is None:
            replica = initial_sync(client)
            replica.save(args.state)
            print(f"exported {len(replica.documents)} interviews")
        while True:
            applied = follow_changes(client, replica, args.state)
            print(f"applied {applied} changes; {len(replica.documents)} interviews")
            if args.once:
                return
            time.sleep(args.interval)


if __name__ == "__main__":
    main()
