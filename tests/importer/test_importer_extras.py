"""Options as metadata, dates, languages, Markdown, and topic suggestions from a vocabulary."""

# Russian test text: Cyrillic letters that look Latin are meant

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.contract.document import TopicDocument
from app.importer import (
    ArticleMetadata,
    apply_suggestions,
    load_article,
    metadata_from_options,
    parse_article,
    suggest_topics,
)
from app.importer.blocks import markdown_blocks
from app.importer.dates import find_date
from app.importer.language import detect_language

SEED = Path(__file__).resolve().parents[2] / "data" / "samples" / "eu-reporter-vassilenko-2025.txt"
HEAD = """Interview with the lighthouse keeper of Port Wren

Tom Ash, lighthouse keeper, gave an interview to Jane Roe from The Harbour Times about the light and
the storms of last winter and why he still climbs the stairs every night.

"""
BODY = HEAD + "Q: How old is the light?\n\nA: Very old.\n"


def test_options_map_onto_metadata() -> None:
    metadata = metadata_from_options(
        interviewer="Ann Lee", interviewee=["Bo Lind, Harbour master"], topics=["Ports", "Sea rescue"],
        published_at="2025-04-16", format="qa",
    )  # fmt: skip
    document = parse_article(BODY, metadata)
    assert [(p.speaker.name, p.speaker.title) for p in document.participants] == [
        ("Ann Lee", None),
        ("Bo Lind", "Harbour master"),
    ]
    assert [(t.slug, t.name) for t in document.topics] == [("ports", "Ports"), ("sea-rescue", "Sea rescue")]
    assert document.published_at == date(2025, 4, 16)
    assert metadata_from_options() == ArticleMetadata()
    with pytest.raises(ValueError, match="unknown format 'chat'"):
        metadata_from_options(format="chat")


def test_several_interviewees_in_yaml_and_a_date_from_the_text() -> None:
    text = "---\ninterviewee: [Tom Ash, Bo Lind]\n---\n" + BODY.replace(
        "about the light", "on 3 May 2024 about"
    )
    document = parse_article(text.replace("A: Very old.", "Tom Ash: Very old.\n\nBo Lind: Older."))
    assert [a.speaker for a in document.questions[0].answers] == ["tom-ash", "bo-lind"]
    assert document.published_at == date(2024, 5, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WASHINGTON, April 16, 2025 — The minister said", date(2025, 4, 16)),
        ("Published 16 April 2025", date(2025, 4, 16)),
        ("2025-04-16T10:00", date(2025, 4, 16)),
        ("Berlin, 16.04.2025", date(2025, 4, 16)),
        ("le 16 avril 2025", date(2025, 4, 16)),
        ("16 апреля 2025 года", date(2025, 4, 16)),
        ("In 2025 we grew.", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert find_date([text]) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Біз Қазақстан мен Еуропа арасындағы ынтымақтастықты дамытамыз және бұл маңызды.", "kk"),
        ("Мы считаем, что торговля с регионом важна для всех нас.", "ru"),
        ("Creemos que el comercio con la región es importante para todos los vecinos.", "es"),
    ],
)
def test_more_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_markdown_becomes_blocks_that_keep_their_cues() -> None:
    blocks = markdown_blocks("# The *keeper* of the light\n\n**Q:** Why?\n> quoted [link](http://x)\n***\n")
    assert [(b.text, b.heading, b.label, b.line) for b in blocks] == [
        ("The keeper of the light", 1, None, 1),
        ("Why?", 0, "Q", 3),
        ("quoted link", 0, None, 4),
    ]
    assert blocks[2].quote
    document = parse_article("# Short title\n\n" + BODY.split("\n", 2)[2])
    assert document.title == "Short title"


def test_topic_suggestions_from_a_vocabulary_with_reasons() -> None:
    document = load_article(SEED)
    vocabulary = [
        TopicDocument(slug="trade", name="Trade"),
        TopicDocument(slug="visa-policy", name="Visa policy"),
        TopicDocument(slug="media", name="Media"),
        TopicDocument(slug="fisheries", name="Fisheries"),
    ]
    suggestions = suggest_topics(document, vocabulary, limit=3)
    assert {s.topic.slug for s in suggestions.interview} == {"trade", "visa-policy", "media"}
    assert all(s.reason and s.score > 0 for s in suggestions.interview)
    assert "visa-policy" in [s.topic.slug for s in suggestions.questions[6]]
    assert "media" in [s.topic.slug for s in suggestions.questions[8]]
    assert "fisheries" not in {s.topic.slug for q in suggestions.questions.values() for s in q}
    phrases = [s.topic.name.lower() for s in suggestions.phrases]
    assert "central asia" not in phrases  # the sidecar already makes it a topic
    assert "european union" in phrases
    untagged = document.model_copy(update={"topics": []})
    fresh = suggest_topics(untagged, vocabulary, limit=3)
    assert "central asia" in [s.topic.name.lower() for s in fresh.phrases]
    updated = apply_suggestions(untagged, fresh, phrases=True)
    assert {"trade", "central-asia"} <= {t.slug for t in updated.topics}
    assert type(updated).model_validate(updated.model_dump()) == updated
    visa = next(s for s in suggestions.questions[6] if s.topic.slug == "visa-policy")
    assert set(visa.reason) <= {"visa", "Visa", "policy", "policies", "Policy"}, visa.reason


def test_topic_suggestions_skip_vague_phrases_and_taken_slugs() -> None:
    text = "Jane Roe spoke to Tom Ash.\n\n"
    for _ in range(3):
        text += (
            "ROE: Thank you. What about the harbour crane?\n\n"
            "ASH: It's holding, and we always had a harbour crane. The EU paid for the harbour crane.\n\n"
        )
    document = parse_article(text, ArticleMetadata(title="The crane"))
    vocabulary = [
        TopicDocument(slug="harbour-crane", name="Harbour crane"),
        TopicDocument(slug="eu-law", name="EU law"),
    ]
    suggestions = suggest_topics(document, vocabulary)
    assert [s.topic.slug for s in suggestions.interview] == ["harbour-crane"]  # 'EU' alone is not 'EU law'
    new = [s.topic.slug for s in suggestions.phrases]
    assert "harbour-crane" not in new
    assert not {"thank-you", "it-s-holding", "always-had"} & set(new)
