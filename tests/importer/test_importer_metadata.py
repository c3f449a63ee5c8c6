"""Metadata from the argument, a sidecar or front matter wins over what the text says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.contract.document import Role
from app.importer import ArticleError, ArticleMetadata, ParticipantMeta, PersonMeta, TopicMeta, load_article
from app.importer import parse as parse_with_notes
from app.importer import parse_article as parse

ARTICLE = """Menu

Ten questions for the harbour master about the new container terminal

By Jane Roe, The Harbour Times

Ann Lee, harbour master of Port Wren (pictured), gave an interview to Jane Roe from The Harbour Times about
the terminal that opens next spring and what it means for the town.

1. When will the terminal open?

Answer: In April, if the cranes arrive on time.

2. Will there be more lorries in town?

Answer: Fewer, in fact. Most containers will leave by rail.

Share this article:
"""


def test_text_alone() -> None:
    document = parse(ARTICLE)
    assert document.title == "Ten questions for the harbour master about the new container terminal"
    assert document.slug == "ten-questions-for-the-harbour-master-about-the-new-container-terminal"
    assert [(p.role, p.speaker.name, p.speaker.title) for p in document.participants] == [
        (Role.interviewer, "Jane Roe", None),
        (Role.interviewee, "Ann Lee", "harbour master of Port Wren"),
    ]
    assert document.source is not None and document.source.name == "The Harbour Times"
    assert document.published_at is None


def test_given_values_win() -> None:
    metadata = ArticleMetadata(
        title="The harbour master on the terminal",
        summary="A short talk.",
        language="de",
        published_at=date(2025, 1, 2),
        location="Port Wren",
        event="Harbour Day",
        source_name="Harbour Times",
        source_url="https://example.org/harbour",
        topics=[TopicMeta(slug="ports", name="Ports"), TopicMeta(slug="traffic", name="Traffic")],
        question_topics={2: ["traffic", TopicMeta(slug="rail", name="Rail")]},
    )
    document = parse(ARTICLE, metadata)
    assert document.title == "The harbour master on the terminal"
    assert document.slug == "the-harbour-master-on-the-terminal"
    assert document.summary == "A short talk."
    assert document.language == "de"
    assert document.published_at == date(2025, 1, 2)
    assert (document.location, document.event) == ("Port Wren", "Harbour Day")
    assert document.source is not None
    assert (document.source.name, document.source.url) == ("Harbour Times", "https://example.org/harbour")
    assert [t.slug for t in document.topics] == ["ports", "traffic"]
    assert document.questions[0].topics == []
    assert [t.slug for t in document.questions[1].topics] == ["traffic", "rail"]
    assert document.questions[1].answers[0].text == "Fewer, in fact. Most containers will leave by rail."


def test_given_slug_wins_over_title() -> None:
    assert parse(ARTICLE, ArticleMetadata(slug="harbour-master")).slug == "harbour-master"


def test_interviewee_override_of_the_same_person_keeps_what_the_text_adds() -> None:
    document = parse(ARTICLE, ArticleMetadata(interviewee=PersonMeta(name="Ann Lee", country="Wrenland")))
    speaker = document.participants[1].speaker
    assert (speaker.name, speaker.title, speaker.country) == (
        "Ann Lee",
        "harbour master of Port Wren",
        "Wrenland",
    )


def test_interviewee_override_of_another_person_replaces_them() -> None:
    metadata = ArticleMetadata(interviewee=PersonMeta(name="Bo Lind", title="Deputy harbour master"))
    document = parse(ARTICLE, metadata)
    speaker = document.participants[1].speaker
    assert (speaker.slug, speaker.title) == ("bo-lind", "Deputy harbour master")
    assert {q.answers[0].speaker for q in document.questions} == {"bo-lind"}


def test_participants_replace_the_cast_and_a_moderator_asks_when_there_is_no_interviewer() -> None:
    metadata = ArticleMetadata(
        participants=[
            ParticipantMeta(name="Max Moe", role=Role.moderator),
            ParticipantMeta(name="Ann Lee", slug="ann-lee-port", role=Role.interviewee),
        ]
    )
    document = parse(ARTICLE, metadata)
    assert [p.speaker.slug for p in document.participants] == ["max-moe", "ann-lee-port"]
    assert all(q.asked_by == "max-moe" for q in document.questions)
    assert all(q.answers[0].speaker == "ann-lee-port" for q in document.questions)


def test_front_matter_applies_and_the_argument_wins_over_it() -> None:
    text = "---\ntitle: From front matter\nlocation: Quay 4\npublished_at: 2024-05-06\n---\n" + ARTICLE
    document = parse(text)
    assert (document.title, document.location, document.published_at) == (
        "From front matter",
        "Quay 4",
        date(2024, 5, 6),
    )
    document = parse(text, ArticleMetadata(title="From the argument"))
    assert (document.title, document.location) == ("From the argument", "Quay 4")


def test_sidecar_wins_over_front_matter(tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text("---\ntitle: From front matter\nevent: Harbour Day\n---\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "harbour.meta.yaml").write_text(
        "title: From the sidecar\ninterviewee: Bo Lind\nquestion_topics: {1: [{slug: opening, name: Opening}]}\n",
        encoding="utf-8",
    )
    document = load_article(article)
    assert document.title == "From the sidecar"
    assert document.event == "Harbour Day"
    assert document.participants[1].speaker.name == "Bo Lind"
    assert [t.slug for t in document.questions[0].topics] == ["opening"]


def test_load_without_sidecar_uses_the_text(tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert load_article(article) == parse(ARTICLE)


def test_question_and_answer_text_cannot_come_from_metadata() -> None:
    parsed = parse_with_notes("---\nquestions: []\n---\n" + ARTICLE)
    assert parsed.document.questions == parse(ARTICLE).questions
    ignored = next(w for w in parsed.warnings if w.code == "front-matter-ignored")
    assert "questions" in ignored.message and ignored.line == 1


@pytest.mark.parametrize(
    ("yaml", "message"),
    [
        ("title: [unclosed\n", "sidecar.*not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("titel: typo\n", "titel: Extra inputs are not permitted"),
        ("slug: Not A Slug\n", "slug"),
        ("question_topics: {1: [unknown]}\n", "topic 'unknown' of question 1 is not among `topics`"),
        (
            "topics: [{slug: a, name: A}]\nquestion_topics: {9: [a]}\n",
            "names question 9, but the article has 2",
        ),
    ],
)
def test_bad_sidecars_are_reported(tmp_path: Path, yaml: str, message: str) -> None:
    article = tmp_path / "sidecar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sidecar.meta.yaml").write_text(yaml, encoding="utf-8")
    with pytest.raises(ArticleError, match=message):
        load_article(article)
