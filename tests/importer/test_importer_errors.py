"""Input with no dialogue fails with a message that says what was looked for and where; what the
importer had to guess or leave out becomes a warning with a code and a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importer import ArticleError, ArticleMetadata, PersonMeta, load_article, parse, parse_article

HEAD = """Interview with the lighthouse keeper of Port Wren

Tom Ash, lighthouse keeper (pictured), gave an interview to Jane Roe from The Harbour Times about the light,
the storms of last winter and why he still climbs the stairs every night.
"""


def test_article_error_is_a_value_error() -> None:
    assert issubclass(ArticleError, ValueError)


@pytest.mark.parametrize("text", ["", "  \n\n\t\n", "---\ntitle: Only front matter\n---\n"])
def test_empty_text(text: str) -> None:
    with pytest.raises(ArticleError, match="the article is empty"):
        parse_article(text)


def _codes(text: str, metadata: ArticleMetadata | None = None) -> dict[str, int | None]:
    return {w.code: w.line for w in parse(text, metadata).warnings}


def test_text_without_dialogue_says_what_was_looked_for() -> None:
    text = HEAD + "\nWhat do you think of the storms?\n\nThey were bad.\n\n1. A list item.\n"
    with pytest.raises(ArticleError) as error:
        parse_article(text)
    message = str(error.value)
    assert message.startswith("no dialogue found in 5 paragraphs (lines 1 to 10)")
    for shape in ("speaker turns", "bold", "numbered questions", "dash interviews"):
        assert shape in message


def test_last_question_without_answer_is_left_out_with_a_warning() -> None:
    text = HEAD + "\n1. How old is the light?\n\nOne hundred years.\n\n2. Do you ever sleep?\n"
    parsed = parse(text)
    assert [q.text for q in parsed.document.questions] == ["How old is the light?"]
    unanswered = next(w for w in parsed.warnings if w.code == "question-unanswered")
    assert unanswered.line == 10 and "Do you ever sleep?" in unanswered.message
    assert parsed.confidence < 1
    assert parsed.document.import_warnings == parsed.warnings


def test_only_question_answered_by_clutter_is_refused_with_its_line() -> None:
    text = HEAD + "\n1. How old is the light?\n\nAdvertisement\n\nShare this article:\n\nPhoto by Jane Roe.\n"
    with pytest.raises(
        ArticleError, match=r"nothing answers the question\(s\) at line 6 \('How old is the light\?'\)"
    ):
        parse_article(text)


def test_question_followed_directly_by_the_next_question_is_merged_with_a_warning() -> None:
    text = HEAD + "\n1. How old is the light?\n\n2. Do you ever sleep?\n\nRarely.\n"
    parsed = parse(text)
    assert [q.text for q in parsed.document.questions] == ["How old is the light? Do you ever sleep?"]
    assert _codes(text)["questions-merged"] == 8


def test_line_numbers_count_the_front_matter() -> None:
    text = "---\nlocation: Port Wren\n---\n" + HEAD + "\n1. How old is the light?\n"
    with pytest.raises(ArticleError, match=r"at line 9 "):
        parse_article(text)


def test_numbering_that_skips_a_question_keeps_both_with_a_warning() -> None:
    text = HEAD + "\n1. How old is the light?\n\nOld.\n\n3. Do you ever sleep?\n\nRarely.\n"
    document = parse_article(text)
    assert [q.text for q in document.questions] == ["How old is the light?", "Do you ever sleep?"]
    assert [q.answers[0].text for q in document.questions] == ["Old.", "Rarely."]
    assert _codes(text)["numbering-gap"] == 10


def test_a_list_inside_an_answer_is_not_a_question() -> None:
    text = (
        HEAD
        + "\n1. How old is the light?\n\nThree things:\n\n1. Oil?\n\n2. Wicks.\n\n2. Do you sleep?\n\nNo.\n"
    )
    document = parse_article(text)
    assert [q.text for q in document.questions] == ["How old is the light?", "Do you sleep?"]
    assert (
        "1. Oil?" in document.questions[0].answers[0].text or "Oil?" in document.questions[0].answers[0].text
    )


def test_no_title_is_a_warning_and_metadata_fills_it() -> None:
    text = HEAD.split("\n", 2)[2] + "\n1. How old is the light?\n\nOld.\n\n2. Why?\n\nHabit.\n"
    parsed = parse(text)
    assert parsed.document.title == "Untitled interview"
    assert "title-missing" in _codes(text)
    with_title = parse(text, ArticleMetadata(title="The keeper"))
    assert with_title.document.title == "The keeper"
    assert "title-missing" not in {w.code for w in with_title.warnings}
    assert with_title.confidence > parsed.confidence


def test_no_interviewee_is_a_warning_and_metadata_names_them() -> None:
    text = "Interview with the lighthouse keeper of Port Wren\n\n1. How old is the light?\n\nOld.\n"
    assert "interviewee-unknown" in _codes(text)
    document = parse_article(text, ArticleMetadata(interviewee=PersonMeta(name="Tom Ash")))
    assert document.questions[0].asked_by is None
    assert document.questions[0].answers[0].speaker == "tom-ash"
    assert "interviewee-unknown" not in {w.code for w in document.import_warnings}


def test_title_without_letters_for_a_slug() -> None:
    with pytest.raises(ArticleError, match="cannot make a slug from title '2024 2025'"):
        parse_article(HEAD + "\n1. How old is the light?\n\nOld.\n", ArticleMetadata(title="2024 2025"))


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes((HEAD + "\n1. Caf\xe9?\n\nOui.\n").encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        load_article(article)
