"""The importer's batched term analysis writes exactly what `index_terms` would, text by text; and the
highlighter's analysis finds the same words, at the places `WORD` finds them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.contract.document import InterviewDocument
from app.corpus import generate_documents
from app.storage import terms as analysis
from app.storage.search_index import SEARCH_COLUMNS, interview_rows, joined_terms, texts_terms
from app.storage.terms import SNOWBALL_LANGUAGES, WORD, analyse, fold, index_terms

LANGUAGES: list[str | None] = [None, "en", "fr", "de", "ru", "kk", "zh", "ar"]

ODD_TEXTS: list[str | None] = [
    None,
    "",
    "   ",
    "snake_case and CamelCase, co-operation; A1B2 42nd 3.14 don't",
    "x" * 70 + " " + "Internationalization" * 4,
    "Café naïve ÉCOLE straße İstanbul ǅemal",
    "Экспорт зерна вырос, визовый режим",
    "全国人民代表大会 and English",
    "tab\tnew\nline\r\nfeed\x0bvertical\x0cform",
    "١٢٣ digits ²³ ½ Ⅻ",
    "emoji 🙂 between words",
]


def per_text(texts: list[str | None], language: str | None) -> list[str]:
    return [index_terms(text, language) for text in texts]


def test_odd_texts_in_every_language() -> None:
    for language in [*LANGUAGES, *SNOWBALL_LANGUAGES]:
        assert texts_terms(ODD_TEXTS, language) == per_text(ODD_TEXTS, language), language


@pytest.mark.parametrize("cache_size", [analysis.STEM_CACHE_SIZE, 50])
def test_the_generated_corpus(cache_size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice over, so the second pass takes its stems from the cache; also with a cache that keeps filling up."""
    monkeypatch.setattr(analysis, "STEM_CACHE_SIZE", cache_size)
    for document in [*generate_documents(40, seed=11), *generate_documents(40, seed=11)]:
        texts: list[str | None] = [document["title"], document.get("summary")]
        for question in document["questions"]:
            texts += [question["text"], *(answer["text"] for answer in question["answers"])]
        assert texts_terms(texts, document.get("language")) == per_text(texts, document.get("language"))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.text(max_size=80), st.text(alphabet=st.characters(max_codepoint=127)))),
    st.sampled_from(LANGUAGES),
)
def test_any_texts(texts: list[str | None], language: str | None) -> None:
    assert texts_terms(texts, language) == per_text(texts, language)


def highlighted_words(text: str, language: str | None) -> tuple[list[str], list[tuple[int, int]]]:
    """The terms the highlighter sees, and the offsets it gives for each of them."""
    words = analyse(text, language)
    offsets = words.spans_of(range(len(words.terms)))
    return words.terms, [offsets[index] for index in range(len(words.terms))]


def expected_words(text: str, language: str | None) -> tuple[list[str], list[tuple[int, int]]]:
    spans = [match.span() for match in WORD.finditer(text) if fold(match.group())]
    return index_terms(text, language).split(), spans


def test_the_highlighter_sees_the_indexed_words_where_they_are() -> None:
    for language in LANGUAGES:
        for text in ODD_TEXTS:
            assert highlighted_words(text or "", language) == expected_words(text or "", language), text


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=120), st.text(alphabet=st.characters(max_codepoint=127), max_size=120)),
    st.sampled_from(LANGUAGES),
)
def test_the_highlighter_sees_any_text_as_the_index_does(text: str, language: str | None) -> None:
    assert highlighted_words(text, language) == expected_words(text, language)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["", " ", "Kazakhstan", "café-bar"]))
        )
    ),
    st.sampled_from(LANGUAGES),
)
def test_texts_in_pieces_have_the_terms_of_the_joined_text(
    pieces: list[list[str | None]], language: str | None
) -> None:
    joined = [" ".join(piece or "" for piece in text) for text in pieces]
    assert joined_terms([tuple(text) for text in pieces], language) == per_text(joined, language)


def test_an_answer_row_is_found_by_its_question_title_topics_and_speaker() -> None:
    """The context terms of an answer's search row: who answers, the question, the title and topics."""
    document = InterviewDocument.model_validate(next(iter(generate_documents(1, seed=5))))
    speakers = {speaker.slug: n for n, speaker in enumerate(document.speakers(), start=1)}
    question_ids = list(range(len(document.questions)))
    answer_ids = [[0] * len(question.answers) for question in document.questions]
    rows = interview_rows(1, document, None, question_ids, answer_ids, speakers)
    people = {p.speaker.slug: p.speaker for p in document.participants}
    expected = []
    for question in document.questions:
        for answer in question.answers:
            who = people[answer.speaker]
            parts = [who.name, who.title, who.organization, question.text, document.title]
            parts += [t.name for t in document.topics] + [t.name for t in question.topics]
            expected.append(index_terms(" ".join(part for part in parts if part), document.language))
    contexts = [row[SEARCH_COLUMNS.index("context_terms")] for row in rows if row[0] == "answer"]
    assert contexts == expected
    assert all(contexts)
