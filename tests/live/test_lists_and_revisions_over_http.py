"""Lists in other shapes and an interview's history through a real server, on each store: JSON and CSV
of one URL are cached apart (`Vary: Accept`, distinct ETags, 304s for each), a total follows a write at
once, and a PATCH's earlier version is there as soon as the PATCH is acknowledged."""

from __future__ import annotations

import csv
import io

from tests.conftest import Store
from tests.support.factories import interview_document


def test_json_and_csv_of_one_list_are_cached_apart_and_follow_writes(
    live_store: Store, server, writer, http
) -> None:
    with server() as base_url:
        client = http(base_url)
        for n in (1, 2):
            document = interview_document(f"live-shape-{n}")
            assert (
                client.put(f"/v1/interviews/{document['slug']}", json=document, headers=writer).status_code
                == 201
            )
        url = "/v1/interviews?count=exact&fields=slug,title"
        as_json = client.get(url)
        as_csv = client.get(url, headers={"Accept": "text/csv"})
        assert as_json.headers["content-type"] == "application/json"
        assert as_csv.headers["content-type"].startswith("text/csv")
        assert "accept" in as_json.headers["vary"].lower() and "accept" in as_csv.headers["vary"].lower()
        assert as_json.headers["etag"] != as_csv.headers["etag"]
        assert as_json.json()["total"] == 2
        assert [row["slug"] for row in csv.DictReader(io.StringIO(as_csv.text))] == [
            item["slug"] for item in as_json.json()["items"]
        ]
        for response, accept in ((as_json, "application/json"), (as_csv, "text/csv")):
            again = client.get(url, headers={"Accept": accept, "If-None-Match": response.headers["etag"]})
            assert again.status_code == 304

        third = interview_document("live-shape-3")
        assert client.put("/v1/interviews/live-shape-3", json=third, headers=writer).status_code == 201
        assert client.get(url).json()["total"] == 3
        assert (
            len(list(csv.DictReader(io.StringIO(client.get(url, headers={"Accept": "text/csv"}).text)))) == 3
        )


def test_a_patch_s_earlier_version_is_there_once_it_is_acknowledged(
    live_store: Store, server, writer, http
) -> None:
    with server() as base_url:
        client = http(base_url)
        document = interview_document("live-history")
        assert client.put("/v1/interviews/live-history", json=document, headers=writer).status_code == 201
        tag = client.get("/v1/interviews/live-history").headers["etag"]
        patched = client.patch(
            "/v1/interviews/live-history", json={"title": "Retitled"}, headers={**writer, "If-Match": tag}
        )
        assert patched.status_code == 200, patched.text
        versions = client.get("/v1/interviews/live-history/revisions").json()["items"]
        assert [(v["number"], v["written_by"], v["changed"]) for v in versions] == [
            (2, "live writer", ["title"]),
            (1, "live writer", versions[1]["changed"]),
        ]
        old = client.get("/v1/interviews/live-history/revisions/1").json()["document"]
        assert old["title"] == document["title"]
        restored = client.put("/v1/interviews/live-history", json=old, headers=writer)
        assert restored.status_code == 200 and restored.json()["title"] == document["title"]
        assert client.get("/v1/interviews/live-history/revisions?count=exact").json()["total"] == 3
