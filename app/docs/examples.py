"""Examples in the OpenAPI document, taken from the demo interview (`interviews demo`).

Tests in `tests/docs/test_openapi_examples.py` compare them with what the API answers for the demo
interview, so they cannot drift from the real data.
"""

from __future__ import annotations

from typing import Any

SEED_INTERVIEW_SLUG = "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko"

# `GET /v1/search?q=visa&limit=1` over the demo interview. `score` and the cursor depend on the store.
SEARCH_VISA_QUERY = {"q": "visa", "limit": 1}
SEARCH_VISA_RESPONSE: dict[str, Any] = {
    "items": [
        {
            "type": "answer",
            "id": 6,
            "score": 2.9869177710230184,
            "snippet": "…<mark>visa</mark> procedures, including shorter processing times, reduced <mark>visa</mark> fees, expanded categories of preferential applicants, simplified documentation requirements, and increased opportunities for obtaining multiple-entry <mark>visas</mark> with longer…",
            "highlights": [
                {"field": "text", "start": 390, "end": 394},
                {"field": "text", "start": 570, "end": 574},
                {"field": "text", "start": 984, "end": 988},
                {"field": "text", "start": 1179, "end": 1183},
                {"field": "text", "start": 1240, "end": 1244},
                {"field": "text", "start": 1395, "end": 1400},
                {"field": "text", "start": 1510, "end": 1515},
                {"field": "text", "start": 1611, "end": 1615},
                {"field": "text", "start": 2007, "end": 2012},
            ],
            "interview": {
                "id": 1,
                "slug": "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko",
                "title": "Interview with Kazakhstan Deputy Minister of Foreign Affairs Roman Vassilenko",
                "published_at": "2025-04-16",
            },
            "question": {"id": 6, "position": 6},
            "speaker": {"id": 2, "slug": "roman-vassilenko", "name": "Roman Vassilenko"},
            "start_time": None,
            "end_time": None,
            "media_url": None,
            "top_answers": None,
        }
    ],
    "next_cursor": "eyJzIjoicmVsZXZhbmNlIiwiayI6WzIuOTg2OTE3NzcxMDIzMDE4NCwyMF19",
    "total": 2,
    "exact": True,
    "relaxed": False,
    "suggestions": [],
    "facets": {
        "type": [
            {"value": "answer", "name": None, "count": 1},
            {"value": "question", "name": None, "count": 1},
        ],
        "speaker": [
            {"value": "derya-soysal", "name": "Derya Soysal", "count": 1},
            {"value": "roman-vassilenko", "name": "Roman Vassilenko", "count": 1},
        ],
        "topic": [
            {"value": "eu-kazakhstan-relations", "name": "EU–Kazakhstan relations", "count": 2},
            {"value": "trade", "name": "Trade", "count": 2},
            {"value": "visa-policy", "name": "Visa policy", "count": 2},
            {"value": "central-asia", "name": "Central Asia", "count": 2},
            {"value": "media", "name": "Media", "count": 2},
        ],
        "year": [{"value": "2025", "name": None, "count": 2}],
        "published": [
            {
                "value": "2025-04",
                "span": "month",
                "published_from": "2025-04-01",
                "published_to": "2025-04-30",
                "count": 2,
            }
        ],
    },
}

# The demo interview's document with one of its questions (renumbered 1): a body for `PUT /v1/interviews/{ref}`.
SEED_DOCUMENT_EXAMPLE: dict[str, Any] = {
    "slug": "interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko",
    "title": "Interview with Kazakhstan Deputy Minister of Foreign Affairs Roman Vassilenko",
    "summary": "On the occasion of the Central Asia Media Forum held in Astana on April 16, Roman Vassilenko, Deputy Minister of Foreign Affairs of Kazakhstan (pictured), gave an exclusive interview to Derya Soysal from EU Reporter. In this conversation, he shared insights into Kazakhstan’s vision for regional media cooperation, the strategic goals behind President Tokayev’s initiative, and the broader importance of strengthening dialogue and understanding among Central Asian countries.",
    "language": "en",
    "published_at": "2025-04-16",
    "location": "Astana",
    "event": "Central Asia Media Forum",
    "source": {"name": "EU Reporter", "url": None},
    "participants": [
        {
            "speaker": {
                "slug": "derya-soysal",
                "name": "Derya Soysal",
                "title": None,
                "organization": "EU Reporter",
                "country": None,
            },
            "role": "interviewer",
        },
        {
            "speaker": {
                "slug": "roman-vassilenko",
                "name": "Roman Vassilenko",
                "title": "Deputy Minister of Foreign Affairs of Kazakhstan",
                "organization": None,
                "country": None,
            },
            "role": "interviewee",
        },
    ],
    "topics": [
        {"slug": "eu-kazakhstan-relations", "name": "EU–Kazakhstan relations", "description": None},
        {"slug": "trade", "name": "Trade", "description": None},
        {"slug": "visa-policy", "name": "Visa policy", "description": None},
        {"slug": "central-asia", "name": "Central Asia", "description": None},
        {"slug": "media", "name": "Media", "description": None},
    ],
    "questions": [
        {
            "position": 1,
            "text": "What are the anticipated goals of the upcoming Astana International Forum scheduled for May 29–30, 2025, and why is it significant for fostering regional cooperation in Central Asia?",
            "asked_by": "derya-soysal",
            "topics": [{"slug": "central-asia", "name": "Central Asia", "description": None}],
            "answers": [
                {
                    "position": 1,
                    "speaker": "roman-vassilenko",
                    "text": "For us, this forum is an opportunity to contribute to the revival of diplomatic efforts and to promote multilateralism, as well as a return to normal and constructive international relations.\n\nThis is why our President launched the initiative in 2022.\n\nThis year’s edition will gather high-level participants, including presidents and prime ministers from Croatia, Albania, Rwanda, Togo, and others.\n\nThe Secretary General of the Council of Europe, as well as representatives from the United Nations and many international experts, will also be in attendance.\n\nThis forum is our contribution to international dialogue in an increasingly interconnected world.\n\nCooperation is always better than confrontation.",
                }
            ],
        }
    ],
    "import_warnings": [
        {
            "code": "title-guessed",
            "message": "no headline was marked; the first short line is the title: 'Interview with Kazakhstan Deputy Minister of Foreign Affairs Roman Vassilenko'",
            "line": 5,
        }
    ],
}


SAFE_PATCHES: dict[str, tuple[str, dict[str, Any]]] = {
    "patchInterview": (
        "The demo interview's own title: sent as it is, it changes nothing",
        {"title": SEED_DOCUMENT_EXAMPLE["title"]},
    ),
    "patchSpeaker": (
        "The demo speaker's own title: sent as it is, it changes nothing",
        {"title": "Deputy Minister of Foreign Affairs of Kazakhstan"},
    ),
    "patchTopic": ("The demo topic's own name: sent as it is, it changes nothing", {"name": "Visa policy"}),
}
"""PATCH bodies Swagger UI fills in: the current values of the resource its path example names, never
placeholders that one *Execute* with a write key would store."""


def add_examples(schema: dict[str, Any]) -> None:
    """Put the examples where Swagger UI and ReDoc show them: search's 200 body, the PUT and PATCH bodies."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if operation.get("operationId") in SAFE_PATCHES:
                summary, value = SAFE_PATCHES[operation["operationId"]]
                media = operation["requestBody"]["content"]["application/json"]
                media["examples"] = {"unchanged": {"summary": summary, "value": value}}
            elif operation.get("operationId") == "searchAll":
                media = operation["responses"]["200"]["content"]["application/json"]
                media["examples"] = {
                    "visa": {
                        "summary": "q=visa&limit=1 on the demo interview",
                        "value": SEARCH_VISA_RESPONSE,
                    }
                }
            elif operation.get("operationId") == "putInterview":
                media = operation["requestBody"]["content"]["application/json"]
                media["examples"] = {
                    "demo": {
                        "summary": "The demo interview, with one of its questions",
                        "value": SEED_DOCUMENT_EXAMPLE,
                    }
                }
