"""Input that cannot become an interview fails with a message that says what is missing and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importer import ArticleError, ArticleMetadata, PersonMeta, load_article, parse_article

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


def test_text_without_numbered_questions() -> None:
    text = HEAD + "\nWhat do you think of the storms?\n\nThey were bad.\n\n1. A list item.\n"
    with pytest.raises(ArticleError) as error:
        parse_article(text)
    message = str(error.value)
    assert "no numbered questions found (looked for lines like '1. …?')" in message
    assert "5 paragraphs (lines 1 to 10)" in message


def test_last_question_without_answer() -> None:
    text = HEAD + "\n1. How old is the light?\n\nOne hundred years.\n\n2. Do you ever sleep?\n"
    with pytest.raises(ArticleError, match=r"^question 2 \(line 10\) has no answer$"):
        parse_article(text)


def test_last_answer_that_is_only_clutter() -> None:
    text = HEAD + "\n1. How old is the light?\n\nAdvertisement\n\nShare this article:\n\nPhoto by Jane Roe.\n"
    with pytest.raises(ArticleError, match=r"question 1 \(line 6\) has no answer"):
        parse_article(text)


def test_question_followed_directly_by_the_next_question() -> None:
    text = HEAD + "\n1. How old is the light?\n\n2. Do you ever sleep?\n\nRarely.\n"
    with pytest.raises(ArticleError, match=r"question 1 \(line 6\) has no answer"):
        parse_article(text)


def test_line_numbers_count_the_front_matter() -> None:
    text = "---\nlocation: Port Wren\n---\n" + HEAD + "\n1. How old is the light?\n"
    with pytest.raises(ArticleError, match=r"question 1 \(line 9\) has no answer"):
        parse_article(text)


def test_numbering_that_skips_a_question() -> None:
    text = HEAD + "\n1. How old is the light?\n\nOld.\n\n3. Do you ever sleep?\n\nRarely.\n"
    with pytest.raises(ArticleError, match="jumps from 1 to 3 at line 10; question 2 is missing"):
        parse_article(text)


def test_no_title() -> None:
    text = HEAD.split("\n", 2)[2] + "\n1. How old is the light?\n\nOld.\n"
    with pytest.raises(ArticleError, match=r"no title found .*before the lede at line 1"):
        parse_article(text)
    assert parse_article(text, ArticleMetadata(title="The keeper")).title == "The keeper"


def test_no_interviewee() -> None:
    text = "Interview with the lighthouse keeper of Port Wren\n\n1. How old is the light?\n\nOld.\n"
    with pytest.raises(ArticleError, match="no interviewee found: the text before the first question"):
        parse_article(text)
    document = parse_article(text, ArticleMetadata(interviewee=PersonMeta(name="Tom Ash")))
    assert document.questions[0].asked_by is None
    assert document.questions[0].answers[0].speaker == "tom-ash"


def test_title_without_letters_for_a_slug() -> None:
    with pytest.raises(ArticleError, match="cannot make a slug from title '2024 2025'"):
        parse_article(HEAD + "\n1. How old is the light?\n\nOld.\n", ArticleMetadata(title="2024 2025"))


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes((HEAD + "\n1. Caf\xe9?\n\nOui.\n").encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        load_article(article)
