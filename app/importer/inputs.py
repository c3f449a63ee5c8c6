"""Refuse input that is not an article before parsing it: too large, binary, or not UTF-8."""

from __future__ import annotations

import unicodedata

from app.importer.errors import ArticleError

MAX_BYTES = 5_000_000
"""Default size limit: far above any interview, far below what would make parsing slow."""
BINARY_SHARE = 0.1
"""Text with more control or undecodable characters than this share is data, not an article."""
_SAMPLE = 20_000


def check_size(size: int, max_bytes: int, where: str = "the article") -> None:
    """A clear refusal before any work is done on an oversized input."""
    if size > max_bytes:
        raise ArticleError(
            f"{where} is {size:,} bytes, more than the limit of {max_bytes:,} bytes; "
            "split it or raise the size limit"
        )


def _line_of(data: bytes | str, offset: int) -> int:
    """The 1-based line of an offset, so a message can point at it."""
    if isinstance(data, bytes):
        return data[:offset].count(b"\n") + 1
    return data[:offset].count("\n") + 1


def check_text(text: str, where: str = "the article") -> None:
    """NUL bytes, or many control or replacement characters, mean binary data (an image, a PDF…)."""
    nul = text.find("\x00")
    if nul >= 0:
        raise ArticleError(
            f"{where} looks like binary data, not text: a NUL byte at character {nul} (line {_line_of(text, nul)})"
        )
    sample = text[:_SAMPLE]
    odd = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) in ("Cc", "Co", "Cn") and char not in "\n\r\t\f")
    )
    if sample and odd / len(sample) > BINARY_SHARE:
        raise ArticleError(
            f"{where} looks like binary data, not text: {odd} of its first {len(sample)} characters "
            "are control or undecodable characters"
        )


def decode(data: bytes, where: str = "the article", max_bytes: int = MAX_BYTES) -> str:
    """UTF-8 text from bytes, checked for size and binary content; errors name the byte offset and line."""
    check_size(len(data), max_bytes, where)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(
            f"{where} looks like binary data, not text: a NUL byte at byte {nul} (line {_line_of(data, nul)})"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{where}: not UTF-8 text ({error.reason} at byte {error.start}, line {_line_of(data, error.start)}); "
            "save it as UTF-8"
        ) from error
    check_text(text, where)
    return text
