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
            "page_url": "/interviews/interview-with-kazakhstan-deputy-minister-of-foreign-affairs-roman-vassilenko#answer-6",
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


WEBHOOK_CREATE_EXAMPLE: dict[str, Any] = {
    "url": "https://partner.example/hooks/interviews",
    "events": ["interview.created", "interview.updated", "interview.deleted"],
    "topics": ["visa-policy"],
    "speakers": [],
    "description": "Newsroom sync",
}
WEBHOOK_CREATED_EXAMPLE: dict[str, Any] = {
    "id": 1,
    **WEBHOOK_CREATE_EXAMPLE,
    "key_id": 3,
    "status": "active",
    "consecutive_failures": 0,
    "paused_at": None,
    "cursor": 42,
    "created_at": "2026-12-03T07:00:00Z",
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=",
}
WEBHOOK_DELIVERIES_EXAMPLE: dict[str, Any] = {
    "items": [
        {
            "id": 8,
            "message_id": "msg_9f283eb9fdf76b50cc592b3f",
            "event": "interview.updated",
            "seq": 44,
            "entity_type": "interview",
            "entity_id": 1,
            "status": "pending",
            "attempts": 2,
            "next_attempt_at": "2026-12-03T07:00:30Z",
            "last_attempt_at": "2026-12-03T07:00:10Z",
            "last_status": 503,
            "last_error": "the receiver answered HTTP 503",
            "delivered_at": None,
            "created_at": "2026-12-03T07:00:00Z",
        },
        {
            "id": 7,
            "message_id": "msg_cc21fc395d1b23b3c146a618",
            "event": "interview.created",
            "seq": 43,
            "entity_type": "interview",
            "entity_id": 1,
            "status": "delivered",
            "attempts": 1,
            "next_attempt_at": None,
            "last_attempt_at": "2026-12-03T06:59:58Z",
            "last_status": 200,
            "last_error": None,
            "delivered_at": "2026-12-03T06:59:58Z",
            "created_at": "2026-12-03T06:59:57Z",
        },
    ],
    "next_cursor": None,
}
"""Webhooks: a subscription to interview changes on one topic, and a delivery log with a retry under way
(tests/webhooks/test_webhooks_api.py sends the first and compares the shape of the answers)."""


SEED_TITLE = "Interview with Kazakhstan Deputy Minister of Foreign Affairs Roman Vassilenko"
LIST_SHAPE_QUERY = {"fields": "slug,title", "count": "exact"}
LIST_SHAPE_RESPONSE: dict[str, Any] = {
    "items": [{"slug": SEED_INTERVIEW_SLUG, "title": SEED_TITLE}],
    "next_cursor": None,
    "total": 1,
    "total_exact": True,
}
"""`GET /v1/interviews?fields=slug,title&count=exact` on the demo data (tests/docs/test_openapi_examples.py)."""
LIST_CSV_RESPONSE = f"slug,title\r\n{SEED_INTERVIEW_SLUG},{SEED_TITLE}\r\n"
"""The same page with `format=csv`."""
REVISION_EXAMPLE: dict[str, Any] = {
    "number": 2,
    "written_at": "2026-12-03T07:10:00Z",
    "written_by": "newsroom-editor",
    "current": True,
    "changed": ["title"],
    "document": SEED_DOCUMENT_EXAMPLE | {"title": "Roman Vassilenko on the Central Asia Media Forum"},
    "changes": [
        {
            "op": "replace",
            "path": "/title",
            "from": None,
            "value": "Roman Vassilenko on the Central Asia Media Forum",
            "previous": SEED_TITLE,
        }
    ],
}
"""A retitled demo interview (tests/writes/test_revisions.py checks the shape of real answers)."""


def add_list_examples(operation: dict[str, Any]) -> None:
    """The interview list shows `fields`, `count` and its CSV; a revision shows its diff."""
    operation_id = operation.get("operationId")
    if operation_id == "listInterviews":
        content = operation["responses"]["200"]["content"]
        content["text/csv"] = {"schema": {"type": "string"}, "example": LIST_CSV_RESPONSE}
        content["application/json"]["examples"] = {
            "fields": {
                "summary": "fields=slug,title&count=exact on the demo data",
                "value": LIST_SHAPE_RESPONSE,
            }
        }
    elif operation_id == "getInterviewRevision":
        operation["responses"]["200"]["content"]["application/json"]["examples"] = {
            "retitled": {"summary": "A title changed by a PATCH", "value": REVISION_EXAMPLE}
        }


def add_webhook_examples(operation: dict[str, Any]) -> None:
    operation_id = operation.get("operationId")
    if operation_id == "createWebhook":
        request = operation["requestBody"]["content"]["application/json"]
        request["examples"] = {
            "topic": {"summary": "Interview changes on one topic", "value": WEBHOOK_CREATE_EXAMPLE}
        }
        created = operation["responses"]["201"]["content"]["application/json"]
        created["examples"] = {
            "topic": {"summary": "Its secret, shown only now", "value": WEBHOOK_CREATED_EXAMPLE}
        }
    elif operation_id == "listWebhookDeliveries":
        page = operation["responses"]["200"]["content"]["application/json"]
        page["examples"] = {
            "retrying": {"summary": "One delivered, one being retried", "value": WEBHOOK_DELIVERIES_EXAMPLE}
        }


def add_examples(schema: dict[str, Any]) -> None:
    """Put the examples where Swagger UI and ReDoc show them: search's 200 body, the PUT and PATCH bodies,
    and the webhooks' bodies."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            add_webhook_examples(operation)
            add_list_examples(operation)
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
