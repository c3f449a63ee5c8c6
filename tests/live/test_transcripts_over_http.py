"""A timed transcript through a real server, on each store: imported with its recording, served back
as WebVTT with validators a cache can use, and a changed time shows at once in a new tag."""

from __future__ import annotations

from pathlib import Path

import webvtt

from tests.conftest import Store

VTT = (Path(__file__).resolve().parents[1] / "importer" / "media").joinpath(
    "talk-python-to-me-538-python-in-digital-humanities.vtt"
)


def test_a_transcript_goes_in_and_comes_out_with_cache_validators(
    live_store: Store, server, writer, http
) -> None:
    with server() as base_url:
        client = http(base_url)
        imported = client.post(
            "/v1/imports",
            params={
                "title": "Python in digital humanities",
                "media_url": "https://media.example.org/538.mp3",
            },
            content=VTT.read_bytes(),
            headers={"Content-Type": "text/vtt", **writer},
        )
        assert imported.status_code == 200, imported.text
        slug = imported.json()["documents"][0]["slug"]
        first = client.get(f"/v1/interviews/{slug}/transcript.vtt")
        assert first.status_code == 200
        assert first.headers["content-type"].startswith("text/vtt")
        tag = first.headers["etag"]
        captions = webvtt.from_string(first.text).captions
        assert (captions[1].voice, captions[1].start, captions[1].end) == (
            "David Flood",
            "00:01:59.760",
            "00:02:03.500",
        )
        again = client.get(f"/v1/interviews/{slug}/transcript.vtt", headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""

        detail = client.get(f"/v1/interviews/{slug}").json()
        document = client.get("/v1/export/interviews.ndjson").text.splitlines()[0]
        assert '"start_time":119.76' in document
        shifted = document.replace('"start_time":119.76', '"start_time":119.5')
        put = client.put(
            f"/v1/interviews/{slug}",
            content=shifted.encode(),
            headers={
                "Content-Type": "application/json",
                "If-Match": client.get(f"/v1/interviews/{slug}").headers["etag"],
                **writer,
            },
        )
        assert put.status_code == 200, put.text
        changed = client.get(f"/v1/interviews/{slug}/transcript.vtt", headers={"If-None-Match": tag})
        assert changed.status_code == 200 and changed.headers["etag"] != tag
        assert "00:01:59.500 --> 00:02:03.500\n<v David Flood>" in changed.text
        hits = client.get(
            "/v1/search", params={"q": "Shakespeare", "type": "answer", "has_media": "true"}
        ).json()
        assert hits["items"] and hits["items"][0]["media_url"].startswith(
            "https://media.example.org/538.mp3#t="
        )
        assert detail["media"]["type"] == "audio/mpeg"
