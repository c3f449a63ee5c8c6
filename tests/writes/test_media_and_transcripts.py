"""Media and time codes through HTTP, on both stores: a real transcript imported with its recording,
times in every view and in search hits, transcripts out, and times unchanged by export → import →
export and by the NDJSON export and PUT."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import webvtt

from tests.support.factories import interview_document

MEDIA = Path(__file__).resolve().parent.parent / "importer" / "media"
VTT_FILE = MEDIA / "talk-python-to-me-538-python-in-digital-humanities.vtt"
JSON_FILE = MEDIA / "buzzcast-9092843.json"
RECORDING = "https://media.example.org/talk-python/538.mp3"


def import_text(client, keys, text: str, media_type: str, **params: str) -> dict[str, Any]:
    response = client.post(
        "/v1/imports",
        params=params,
        content=text.encode(),
        headers={"Content-Type": media_type, **keys["write"]},
    )
    assert response.status_code == 200, response.text
    [document] = response.json()["documents"]
    return document


def timed_parts(detail: dict[str, Any]) -> list[tuple[str, float | None, float | None]]:
    return [
        (part["text"], part["start_time"], part["end_time"])
        for question in detail["questions"]
        for part in (question, *question["answers"])
    ]


def test_a_real_transcript_keeps_its_recording_and_times(client, keys) -> None:
    document = import_text(
        client, keys, VTT_FILE.read_text(encoding="utf-8"), "text/vtt", title="Python in digital humanities",
        media_url=RECORDING,
    )  # fmt: skip
    detail = client.get(f"/v1/interviews/{document['slug']}").json()
    assert detail["media"] == {"url": RECORDING, "type": "audio/mpeg", "duration": None}
    first = detail["questions"][0]
    assert (first["start_time"], first["end_time"]) == (0.02, 119.2)
    assert first["answers"][0]["speaker"]["name"] == "David Flood"
    assert (first["answers"][0]["start_time"], first["answers"][0]["end_time"]) == (119.76, 123.5)
    answer = client.get(f"/v1/answers/{first['answers'][0]['id']}").json()
    assert (answer["start_time"], answer["end_time"]) == (119.76, 123.5)
    question = client.get(f"/v1/questions/{first['id']}").json()
    assert (question["start_time"], question["answers"][0]["start_time"]) == (0.02, 119.76)
    listed = client.get("/v1/interviews").json()["items"][0]
    assert listed["media"]["url"] == RECORDING


def test_search_hits_link_to_the_second_it_was_said(client, keys) -> None:
    import_text(
        client, keys, VTT_FILE.read_text(encoding="utf-8"), "text/vtt", title="Python in digital humanities",
        media_url=RECORDING,
    )  # fmt: skip
    hits = client.get("/v1/search", params={"q": "Shakespeare", "type": "answer"}).json()["items"]
    assert hits
    for hit in hits:
        assert hit["start_time"] is not None and hit["end_time"] >= hit["start_time"]
        assert hit["media_url"] == f"{RECORDING}#t={hit['start_time']:g}"
        answer = client.get(f"/v1/answers/{hit['id']}").json()
        assert answer["start_time"] == hit["start_time"] and "Shakespeare" in answer["text"]


def test_has_media_filters_lists_and_search(client, keys, load) -> None:
    load([interview_document("untimed-talk", questions=[("What about Shakespeare?", ["Much ado."])])])
    timed = import_text(
        client, keys, VTT_FILE.read_text(encoding="utf-8"), "text/vtt", title="Python in digital humanities",
        media_url=RECORDING,
    )  # fmt: skip

    def slugs(path: str, **params: str) -> set[str]:
        items = client.get(path, params={"limit": 100, **params}).json()["items"]
        return {item.get("slug") or item["interview"]["slug"] for item in items}

    assert slugs("/v1/interviews", has_media="true") == {timed["slug"]}
    assert slugs("/v1/interviews", has_media="false") == {"untimed-talk"}
    assert slugs("/v1/answers", has_media="false") == {"untimed-talk"}
    assert slugs("/v1/search", q="Shakespeare", has_media="true") == {timed["slug"]}
    assert slugs("/v1/search", q="Shakespeare", has_media="false") == {"untimed-talk"}
    bad = client.get("/v1/interviews", params={"has_media": "maybe"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"


def test_transcripts_come_out_in_three_formats_and_go_back_in_unchanged(client, keys) -> None:
    """export → import → export gives the same file, so every time survives, on each store."""
    source = import_text(
        client, keys, JSON_FILE.read_text(encoding="utf-8"), "application/json", title="Buzzcast",
        media_url="https://media.example.org/buzzcast.mp3",
    )  # fmt: skip
    media_types = {"vtt": "text/vtt", "srt": "application/x-subrip", "json": "application/json"}
    for format, media_type in media_types.items():
        response = client.get(f"/v1/interviews/{source['slug']}/transcript.{format}")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media_type
        assert response.headers["etag"]
        exported = response.text
        copy = import_text(client, keys, exported, media_type, title=f"Buzzcast again {format}")
        again = client.get(f"/v1/interviews/{copy['slug']}/transcript.{format}").text
        if format == "vtt":  # its first line carries the title, which differs here
            assert again.split("\n", 1)[0] == f"WEBVTT - Buzzcast again {format}"
            again, exported = again.split("\n", 1)[1], exported.split("\n", 1)[1]
        assert again == exported, format
    vtt = client.get(f"/v1/interviews/{source['slug']}/transcript.vtt").text
    captions = webvtt.from_string(vtt).captions
    detail = client.get(f"/v1/interviews/{source['slug']}").json()
    assert [(c.voice, c.start) for c in captions[:3]] == [
        ("Alban", "00:00:00.000"), ("Kevin", "00:00:30.480"), ("Alban", "00:00:42.030"),
    ]  # fmt: skip
    assert len(captions) == len([p for p in timed_parts(detail) if p[1] is not None])


def test_times_survive_the_ndjson_export_and_put(client, keys) -> None:
    document = import_text(
        client, keys, VTT_FILE.read_text(encoding="utf-8"), "text/vtt", title="Python in digital humanities",
        media_url=RECORDING,
    )  # fmt: skip
    before = client.get(f"/v1/interviews/{document['slug']}").json()
    lines = [
        json.loads(line) for line in client.get("/v1/export/interviews.ndjson").text.splitlines() if line
    ]
    [exported] = [line for line in lines if line["slug"] == document["slug"]]
    assert exported["media"]["url"] == RECORDING
    exported["slug"] = "python-in-digital-humanities-copy"
    put = client.put(f"/v1/interviews/{exported['slug']}", json=exported, headers=keys["write"])
    assert put.status_code == 201, put.text
    assert timed_parts(put.json()) == timed_parts(before)
    assert put.json()["media"] == before["media"]


def test_times_that_run_backwards_or_bad_media_are_clear_problems(client, keys) -> None:
    document = interview_document("backwards", questions=[("When?", ["Now."])])
    document["questions"][0]["start_time"] = 12.0
    document["questions"][0]["end_time"] = 3.0
    response = client.put("/v1/interviews/backwards", json=document, headers=keys["write"])
    assert response.status_code == 422
    assert "end_time 3.0 is before start_time 12.0" in response.text
    document = interview_document("bad-media", questions=[("When?", ["Now."])])
    document["media"] = {"url": "ftp://example.org/a.mp3", "type": "text/html"}
    response = client.put("/v1/interviews/bad-media", json=document, headers=keys["write"])
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/interviews/backwards").status_code == 404


def test_an_untimed_interview_has_no_transcript_and_says_why(client, load) -> None:
    load([interview_document("untimed-talk", questions=[("Why?", ["Because."])])])
    response = client.get("/v1/interviews/untimed-talk/transcript.vtt")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "no time codes" in response.json()["detail"]
    assert client.get("/v1/interviews/untimed-talk/transcript.txt").status_code == 422
    assert client.get("/v1/interviews/no-such-talk/transcript.vtt").status_code == 404


def test_a_patch_gives_an_interview_its_recording(client, keys, load) -> None:
    load([interview_document("radio-talk", questions=[("Why?", ["Because."])])])
    response = client.patch(
        "/v1/interviews/radio-talk",
        json={"media": {"url": "https://media.example.org/radio.ogg", "duration": 61.5}},
        headers=keys["write"],
    )
    assert response.status_code == 200, response.text
    assert response.json()["media"] == {
        "url": "https://media.example.org/radio.ogg",
        "type": None,
        "duration": 61.5,
    }
    assert (
        client.get("/v1/interviews", params={"has_media": "true"}).json()["items"][0]["slug"] == "radio-talk"
    )
