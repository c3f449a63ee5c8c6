"""`POST /v1/imports` with articles, captions and transcripts: how the text was read comes back, what
the caller knows replaces what was guessed, and the warnings stay with the stored interview."""

from __future__ import annotations

import json

from tests.support.factories import DEMO_ARTICLE, import_demo

ARTICLE = """Jane Roe spoke to Tom Ash, the lighthouse keeper of Port Wren.

ROE: How old is the light?

ASH: Older than me, and I am seventy.

ROE: Do you ever sleep?

ASH: In winter, hardly.
"""

VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Jane Roe>How old is the light?

00:00:03.500 --> 00:00:06.000
<v Tom Ash>Older than me, and I am seventy.

00:00:06.500 --> 00:00:08.000
<v Jane Roe>Do you ever sleep?

00:00:08.500 --> 00:00:10.000
<v Tom Ash>In winter, hardly.
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Jane Roe: How old is the light?

2
00:00:03,500 --> 00:00:06,000
Tom Ash: Older than me, and I am seventy.

3
00:00:06,500 --> 00:00:08,000
Jane Roe: Do you ever sleep?

4
00:00:08,500 --> 00:00:10,000
Tom Ash: In winter, hardly.
"""

TRANSCRIPT_JSON = json.dumps(
    {
        "version": "1.0.0",
        "segments": [
            {"speaker": "Jane Roe", "startTime": 1.0, "endTime": 3.0, "body": "How old is the light?"},
            {
                "speaker": "Tom Ash",
                "startTime": 3.5,
                "endTime": 6.0,
                "body": "Older than me, and I am seventy.",
            },
            {"speaker": "Jane Roe", "startTime": 6.5, "endTime": 8.0, "body": "Do you ever sleep?"},
            {"speaker": "Tom Ash", "startTime": 8.5, "endTime": 10.0, "body": "In winter, hardly."},
        ],
    }
)


def _dry_run(client, content: str, media_type: str, **params: str):
    return client.post(
        "/v1/imports",
        params={"dry_run": "true", **params},
        content=content.encode(),
        headers={"Content-Type": media_type},
    )


def _pairs(document: dict) -> list[tuple[str, str | None, list[str]]]:
    return [(q["text"], q["asked_by"], [a["speaker"] for a in q["answers"]]) for q in document["questions"]]


def test_a_dry_run_says_how_the_article_was_read(client) -> None:
    response = _dry_run(client, ARTICLE, "text/plain")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["article"]["shape"] == "turns"
    assert 0 < body["article"]["confidence"] < 1
    codes = {w["code"] for w in body["article"]["warnings"]}
    assert {"title-missing", "date-missing"} <= codes
    assert body["documents"][0]["import_warnings"] == body["article"]["warnings"]
    assert _pairs(body["documents"][0]) == [
        ("How old is the light?", "jane-roe", ["tom-ash"]),
        ("Do you ever sleep?", "jane-roe", ["tom-ash"]),
    ]


def test_query_parameters_replace_what_was_guessed(client) -> None:
    plain = _dry_run(client, ARTICLE, "text/plain").json()
    given = _dry_run(
        client,
        ARTICLE,
        "text/plain",
        title="The keeper of Port Wren",
        published_at="2025-06-01",
        language="en",
        interviewer="Jane Roe",
        interviewee="Tom Ash",
    ).json()
    document = given["documents"][0]
    assert document["title"] == "The keeper of Port Wren"
    assert document["slug"] == "the-keeper-of-port-wren"
    assert document["published_at"] == "2025-06-01"
    codes = {w["code"] for w in given["article"]["warnings"]}
    assert not codes & {"title-missing", "title-guessed", "date-missing"}
    assert given["article"]["confidence"] > plain["article"]["confidence"]


def test_bad_query_parameters_are_problems_naming_the_parameter(client) -> None:
    for params, name in [
        ({"published_at": "last tuesday"}, "published_at"),
        ({"language": "english"}, "language"),
    ]:
        response = _dry_run(client, ARTICLE, "text/plain", **params)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert name in response.text


def test_captions_and_transcripts_import_like_articles(client) -> None:
    expected = [
        ("How old is the light?", "jane-roe", ["tom-ash"]),
        ("Do you ever sleep?", "jane-roe", ["tom-ash"]),
    ]
    for content, media_type in [
        (VTT, "text/vtt"),
        (SRT, "application/x-subrip"),
        (TRANSCRIPT_JSON, "application/json"),
    ]:
        response = _dry_run(client, content, media_type, title="The keeper")
        assert response.status_code == 200, (media_type, response.text)
        body = response.json()
        assert _pairs(body["documents"][0]) == expected, media_type
        assert body["article"]["shape"] == "turns"


def test_interview_documents_have_no_article_reading(client) -> None:
    document = _dry_run(client, VTT, "text/vtt", title="The keeper").json()["documents"][0]
    response = _dry_run(client, json.dumps(document), "application/json")
    assert response.status_code == 200, response.text
    assert response.json()["article"] is None
    assert response.json()["documents"][0]["import_warnings"] == document["import_warnings"]


def test_text_without_dialogue_is_a_422_saying_what_was_looked_for(client) -> None:
    response = _dry_run(client, "A quiet day at the harbour.\n\nNothing else happened.\n", "text/plain")
    assert response.status_code == 422
    assert "no dialogue found" in response.json()["detail"]


def test_stored_interviews_keep_their_warnings_and_export_them(client, keys) -> None:
    stored = client.post(
        "/v1/imports",
        params={"title": "The keeper"},
        content=ARTICLE.encode(),
        headers={"Content-Type": "text/plain", **keys["write"]},
    )
    assert stored.status_code == 200, stored.text
    warnings = stored.json()["article"]["warnings"]
    assert warnings and all(w["code"] != "title-missing" for w in warnings)
    detail = client.get("/v1/interviews/the-keeper").json()
    assert detail["import_warnings"] == warnings
    exported = [
        json.loads(line)
        for line in client.get("/v1/export/interviews.ndjson").text.splitlines()
        if line.strip()
    ]
    assert [d.get("import_warnings") for d in exported if d.get("slug") == "the-keeper"] == [warnings], (
        exported
    )


def test_the_demo_article_sent_again_names_the_stored_demo(store, client) -> None:
    """The article text alone gives the demo's slug: a real import would replace it, not duplicate it."""
    import_demo(store)
    stored = client.get("/v1/interviews").json()["items"]
    response = _dry_run(client, DEMO_ARTICLE.read_text(encoding="utf-8"), "text/plain")
    body = response.json()
    assert [d["slug"] for d in body["documents"]] == [i["slug"] for i in stored]
    assert (body["created"], body["updated"]) == (0, 1)
