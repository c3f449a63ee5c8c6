"""Bad input is refused before parsing with a message saying what was found, what is missing and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importer import ArticleError, load_article, parse, parse_article

HEAD = """Interview with the lighthouse keeper of Port Wren

Tom Ash, lighthouse keeper, gave an interview to Jane Roe from The Harbour Times about the light and
the storms of last winter and why he still climbs the stairs every night.

"""


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ArticleError, match="the article is empty"):
        load_article(path)


def test_no_recognisable_question_lists_every_format() -> None:
    with pytest.raises(ArticleError) as error:
        parse_article(HEAD + "He talked for an hour.\n\nThen he left.\n")
    message = str(error.value)
    for looked_for in ("'Name: …'", "'**Q:** …'", "'1. …?'", "'–¿…?'", "bold", "headings"):
        assert looked_for in message
    assert "4 paragraphs (lines 1 to 8)" in message


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ArticleError, match=r"binary data, not text: a NUL byte at byte 8 \(line 3\)"):
        load_article(path)
    with pytest.raises(ArticleError, match="NUL byte at character 3"):
        parse_article("abc\x00def")


def test_mostly_control_characters_are_binary() -> None:
    with pytest.raises(ArticleError, match="control or undecodable characters"):
        parse_article("".join(chr(c) for c in range(1, 9)) * 20 + "Q: Why?\n\nA: Because.\n")


def test_too_large_text_is_refused_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="is 2,001 bytes, more than the limit of 2,000 bytes"):
        parse_article("x" * 2001, max_bytes=2000)
    path = tmp_path / "big.txt"
    path.write_text(HEAD + "Q: Why?\n\nA: Because.\n" * 500, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"big.txt is [\d,]+ bytes, more than the limit of 1,000"):
        load_article(path, max_bytes=1000)
    assert len(load_article(path).questions) == 500


def test_invalid_utf8_names_the_byte_offset_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(HEAD.encode() + "Q: Café?\n".encode("latin-1"))
    offset = len(HEAD.encode()) + len("Q: Caf")
    with pytest.raises(ArticleError, match=rf"not UTF-8 text \(invalid .* at byte {offset}, line 6\)"):
        load_article(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="cannot read the file"):
        load_article(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Q: How old is the light?\n\nA: Old.\n\nQ: Do you ever sleep?\n", 10),
        ("ROE: How old is the light?\n\nASH: Old.\n\nROE: Do you ever sleep?\n", 10),
        ("1. How old is the light?\n\nOld.\n\n2. Do you ever sleep?\n", 10),
    ],
)
def test_unanswered_last_question(body: str, line: int) -> None:
    parsed = parse(HEAD + body)
    assert [q.text for q in parsed.document.questions] == ["How old is the light?"]
    assert [(w.code, w.line) for w in parsed.warnings if w.code == "question-unanswered"] == [
        ("question-unanswered", line)
    ]


def test_turns_where_nobody_asks() -> None:
    text = HEAD + "ROE: The light is old.\n\nASH: It is.\n\nROE: It needs paint.\n\nASH: It does.\n"
    with pytest.raises(
        ArticleError, match=r"speaker turns were found \(speakers: ROE, ASH\) but none of them asks"
    ):
        parse_article(text.replace("Tom Ash, lighthouse keeper, gave an interview to Jane Roe", "People"))


def test_unknown_format() -> None:
    with pytest.raises(
        ArticleError,
        match="unknown format 'chat'; known formats: turns, qa, briefing, questions, numbered, bold",
    ):
        parse_article(HEAD + "Q: Why?\n\nA: Because.\n", format="chat")
