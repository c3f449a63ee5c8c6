"""Property: any interview rendered in a supported text format parses back to the same exchanges."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slugify import slugify

from app.contract.document import (
    AnswerDocument,
    InterviewDocument,
    ParticipantDocument,
    QuestionDocument,
    Role,
    SpeakerDocument,
)
from app.importer import parse_article
from app.importer.render import CONTAINERS, RENDERERS

LOWER = "abcdefghijklmnopqrstuvwxyzäöüéèçñåøłşğабвгдежзиклмнопрстуфхцчшэюяәғқңөұүαβγδεζηθικλμνξπρστφχψω"
UPPER_LATIN = "ABCDEFGHIKLMNOPRSTUVWZÄÖÉŁŞ"
UPPER_CYRILLIC = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"

word = st.text(alphabet=LOWER, min_size=2, max_size=9).filter(lambda w: unicodedata.is_normalized("NFC", w))


def sentence(end: str) -> st.SearchStrategy[str]:
    """A capitalised run of 3-12 words ending in `end`."""
    return st.lists(word, min_size=3, max_size=12).map(lambda ws: " ".join(ws).capitalize() + end)


def _name(parts: tuple[str, str, str, str]) -> str:
    first_upper, first, last_upper, last = parts
    return f"{first_upper}{first} {last_upper}{last}"


name = st.one_of(
    st.tuples(st.sampled_from(UPPER_LATIN), word, st.sampled_from(UPPER_LATIN), word),
    st.tuples(st.sampled_from(UPPER_CYRILLIC), word, st.sampled_from(UPPER_CYRILLIC), word),
).map(_name)
paragraph = st.lists(sentence("."), min_size=1, max_size=3).map(" ".join)
answer_text = st.lists(paragraph, min_size=1, max_size=3).map("\n\n".join)


@st.composite
def interviews(draw: st.DrawFn) -> InterviewDocument:
    """1-6 questions, 1-3 answers each, 2-4 speakers (one interviewer), multi-paragraph unicode answers."""
    names = draw(st.lists(name, min_size=2, max_size=4, unique_by=lambda n: slugify(n)))
    speakers = [SpeakerDocument(slug=slugify(n), name=n) for n in names]
    interviewer, interviewees = speakers[0], speakers[1:]
    questions = []
    for position in range(1, draw(st.integers(1, 6)) + 1):
        count = draw(st.integers(1, min(3, len(interviewees))))
        who = draw(st.permutations(interviewees))[:count]
        answers = [
            AnswerDocument(position=i, speaker=s.slug, text=draw(answer_text))
            for i, s in enumerate(who, start=1)
        ]
        text = draw(st.lists(sentence("."), max_size=1)).copy()
        text.append(draw(sentence("?")))
        questions.append(
            QuestionDocument(
                position=position, text=" ".join(text), asked_by=interviewer.slug, answers=answers
            )
        )
    used = {a.speaker for q in questions for a in q.answers}
    participants = [ParticipantDocument(speaker=interviewer, role=Role.interviewer)] + [
        ParticipantDocument(speaker=s, role=Role.interviewee) for s in interviewees if s.slug in used
    ]
    return InterviewDocument(
        slug="roundtrip",
        title="Interview about the harbour and the sea",
        participants=participants,
        questions=questions,
    )


def exchanges(document: InterviewDocument) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    return [(q.text, q.asked_by, [(a.speaker, a.text) for a in q.answers]) for q in document.questions]


def cast(document: InterviewDocument) -> set[tuple[str, str, Role]]:
    return {(p.speaker.slug, p.speaker.name, p.role) for p in document.participants}


@pytest.mark.parametrize("key", sorted(RENDERERS))
@settings(max_examples=60, deadline=None)
@given(document=interviews())
def test_render_then_parse_gives_the_same_interview(key: str, document: InterviewDocument) -> None:
    text = RENDERERS[key](document)
    parsed = parse_article(text)
    assert exchanges(parsed) == exchanges(document), text
    assert cast(parsed) == cast(document), text


@pytest.mark.parametrize("key", sorted(RENDERERS))
@settings(max_examples=20, deadline=None)
@given(document=interviews())
def test_forcing_the_rendered_format_gives_the_same_interview(key: str, document: InterviewDocument) -> None:
    parsed = parse_article(RENDERERS[key](document), format=key)
    assert exchanges(parsed) == exchanges(document)


def _folded(document: InterviewDocument) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    """Exchanges with whitespace folded: captions keep no paragraph breaks inside a turn."""
    return [
        (q.text, q.asked_by, [(a.speaker, " ".join(a.text.split())) for a in q.answers])
        for q in document.questions
    ]


@settings(max_examples=40, deadline=None)
@given(document=interviews())
def test_a_web_page_gives_the_same_interview(document: InterviewDocument) -> None:
    page = CONTAINERS["html"](document)
    parsed = parse_article(page)
    assert exchanges(parsed) == exchanges(document), page
    assert parsed.title == document.title


@settings(max_examples=40, deadline=None)
@given(document=interviews())
def test_captions_give_the_same_interview(document: InterviewDocument) -> None:
    captions = CONTAINERS["captions"](document)
    parsed = parse_article(captions)
    assert _folded(parsed) == _folded(document), captions
    assert {(p.speaker.slug, p.role) for p in parsed.participants} == {
        (p.speaker.slug, p.role) for p in document.participants
    }
