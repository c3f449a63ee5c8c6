"""Q/A markers, speaker turns and briefings: detection, forcing, who asks, and how answers are cut."""

# Russian test text: Cyrillic letters that look Latin are meant

from __future__ import annotations

import pytest

from app.contract.document import InterviewDocument, Role
from app.importer import ArticleMetadata, PersonMeta, parse_article
from app.importer.blocks import markdown_blocks
from app.importer.labels import Kind, kind_of
from app.importer.shapes import candidates

HEAD = """Interview with the lighthouse keeper of Port Wren

Tom Ash, lighthouse keeper, gave an interview to Jane Roe from The Harbour Times about the light and
the storms of last winter and why he still climbs the stairs every night.

"""


def qa(document: InterviewDocument) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    return [(q.text, q.asked_by, [(a.speaker, a.text) for a in q.answers]) for q in document.questions]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Q:", "A:"),
        ("**Q:**", "**A:**"),
        ("**Question:**", "**Answer:**"),
        ("q.", "a:"),
        ("Q.", ""),
        ("QUESTION:", "ANSWER:"),
        ("Question :", "Réponse :"),
        ("Frage:", "Antwort:"),
        ("Вопрос:", "Ответ:"),
        ("Pregunta:", "Respuesta:"),
    ],
)
def test_question_markers(question: str, answer: str) -> None:
    text = HEAD + f"{question} How old is the light?\n\n{answer} Very old.\n\nIt was lit in 1851.\n\n"
    text += f"{question} Do you sleep?\n\n{answer} Rarely.\n"
    assert qa(parse_article(text)) == [
        ("How old is the light?", "jane-roe", [("tom-ash", "Very old.\n\nIt was lit in 1851.")]),
        ("Do you sleep?", "jane-roe", [("tom-ash", "Rarely.")]),
    ]


def test_question_over_two_paragraphs_before_an_answer_marker() -> None:
    text = HEAD + "Q: The storm was bad.\n\nHow bad?\n\nA: Very.\n\nQ: And now?\n\nA: Calm.\n"
    assert parse_article(text).questions[0].text == "The storm was bad. How bad?"


def test_turns_asker_from_the_lede_by_surname() -> None:
    text = HEAD + "ROE: Tell me about the light.\n\nASH: It is old.\n\nROE: How old?\n\nASH: Very old. Why?\n"
    assert qa(parse_article(text)) == [
        ("Tell me about the light.", "jane-roe", [("tom-ash", "It is old.")]),
        ("How old?", "jane-roe", [("tom-ash", "Very old. Why?")]),
    ]


def test_turns_asker_from_question_marks_and_role_from_metadata() -> None:
    text = "A talk in the harbour about lights\n\nMR. SMITH: Is it old?\n\nMs. Jones: Yes.\n\n"
    text += "MR. SMITH: How old?\n\nMs. Jones: A century.\n\nMR. SMITH: And the lamp?\n\nMs. Jones: New.\n"
    document = parse_article(text)
    assert [(p.speaker.slug, p.speaker.name, p.role) for p in document.participants] == [
        ("mr-smith", "Mr. Smith", Role.interviewer),
        ("ms-jones", "Ms. Jones", Role.interviewee),
    ]
    given = ArticleMetadata(interviewer=PersonMeta(name="John Smith", organization="Harbour Times"))
    document = parse_article(text, given)
    assert document.participants[0].speaker.name == "John Smith"
    assert document.questions[2].asked_by == "john-smith"


def test_metadata_interviewer_decides_who_asks() -> None:
    text = "A talk in the harbour about lights\n\nAnn: I wonder why it is red?\n\nBo: Why do you ask?\n\n"
    text += "Ann: Because it was white?\n\nBo: It is red since 1990.\n"
    assert parse_article(text).questions[0].asked_by == "ann"
    document = parse_article(text, ArticleMetadata(interviewer=PersonMeta(name="Bo")))
    assert qa(document) == [
        ("Why do you ask?", "bo", [("ann", "Because it was white?")]),
    ]


def test_consecutive_answerers_and_a_greeting_before_the_question() -> None:
    text = "Panel on the future of the harbour\n\nHOST: Welcome.\n\nHOST: What next?\n\n"
    text += "Ann Lee: Ferries.\n\nBo Lind: Fish.\n\nMore fish.\n\nHOST: Thanks, both of you.\n"
    document = parse_article(text)
    assert qa(document) == [
        ("What next?", "host", [("ann-lee", "Ferries."), ("bo-lind", "Fish.\n\nMore fish.")]),
    ]
    assert document.participants[0].role is Role.moderator


def test_briefing_reporters_become_one_speaker() -> None:
    text = "Press briefing by the harbour authority today\n\nMR. PRICE: Good afternoon.\n\n"
    text += "Q: Is the port open?\n\nMR. PRICE: Yes.\n\nREPORTER: Since when?\n\nMR. PRICE: Monday.\n\n"
    text += "DR. LEE: And it stays open.\n"
    document = parse_article(text)
    assert qa(document) == [
        ("Is the port open?", "reporters", [("mr-price", "Yes.")]),
        ("Since when?", "reporters", [("mr-price", "Monday."), ("dr-lee", "And it stays open.")]),
    ]
    assert document.participants[0].speaker.name == "Reporters"
    assert document.participants[0].role is Role.interviewer


def test_numbered_panel_with_named_replies() -> None:
    text = HEAD + "1. How old is the light?\n\nTom Ash: Old.\n\nBo Lind: Older than me.\n\n"
    text += "2. Is it red?\n\nBo Lind: Yes.\n"
    assert qa(parse_article(text)) == [
        ("How old is the light?", "jane-roe", [("tom-ash", "Old."), ("bo-lind", "Older than me.")]),
        ("Is it red?", "jane-roe", [("bo-lind", "Yes.")]),
    ]


def test_markers_beat_name_labels_and_format_can_be_forced() -> None:
    text = HEAD + "Q: Who built it?\n\nTom Ash: My grandfather.\n\nQ: When?\n\nTom Ash: In 1851.\n"
    blocks = markdown_blocks(text)
    assert [reading.shape for reading in candidates(blocks, forced="turns")] == ["turns"]
    assert [reading.shape for reading in candidates(blocks, forced="numbered")] == ["questions"]
    assert parse_article(text).questions[1].answers[0].speaker == "tom-ash"
    assert parse_article(text).questions[0].asked_by == "jane-roe"
    assert parse_article(text, ArticleMetadata(format="qa")).questions[0].asked_by == "jane-roe"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Q", Kind.question),
        ("Вопрос", Kind.question),
        ("Réponse", Kind.answer),
        ("REPORTER", Kind.reporter),
        ("MODERATOR", Kind.host),
        ("Ведущий", Kind.host),
        ("MR. PRICE", Kind.name),
        ("Jean-Luc Picard", Kind.name),
        ("Ludwig van Beethoven", Kind.name),
        ("Note", None),
        ("Photo", None),
        ("Three things, in this order", None),
        ("Bottom line", None),
    ],
)
def test_label_kinds(label: str, kind: Kind | None) -> None:
    assert kind_of(label) is kind
