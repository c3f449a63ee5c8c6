"""Split pasted page text into normalised paragraphs that remember their line, so errors can cite it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CLOSERS = "\"'”\u2019»)]*"
_STOPS = ".!?…。\uff01\uff1f"  # with the full-width ! and ? of CJK text
_SENTENCE_END = re.compile(rf"[{_STOPS}][{re.escape(_CLOSERS)}]*$")
_PARAGRAPH_END = re.compile(rf"[{_STOPS}:;][{re.escape(_CLOSERS)}]*$")
_ITEM_START = re.compile(r"^(?:\d{1,3}\s*[.)]|[-•*\u2013])\s+")
WRAP_WIDTH = 40
"""Lines shorter than this are never the wrapped middle of a paragraph (headings, page furniture)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph's text and the 1-based line where it starts in the original file."""

    text: str
    line: int

    @property
    def words(self) -> int:
        """Length in words, the unit the clutter and lede rules think in."""
        return len(self.text.split())


def normalise(line: str) -> str:
    """Unify Unicode forms and spacing so patterns need not care how the page was copied."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def ends_sentence(text: str) -> bool:
    """Prose ends with sentence punctuation; headlines and page furniture usually do not."""
    return bool(_SENTENCE_END.search(text))


def _continues(previous: str, line: str) -> bool:
    """Join hard-wrapped lines, but only on clear signs (lowercase start, dangling comma): joining a
    headline to the next line would be worse than splitting a wrapped sentence."""
    if _PARAGRAPH_END.search(previous) or len(previous) < WRAP_WIDTH or _ITEM_START.match(line):
        return False
    return line[0].islower() or previous.endswith((",", "-", "\u2013", "—"))


def split_paragraphs(text: str, first_line: int = 1) -> list[Paragraph]:
    """Blank lines separate paragraphs; `first_line` is the file line number of the text's first line."""
    paragraphs: list[Paragraph] = []
    lines: list[str] = []
    start = first_line

    def flush() -> None:
        if lines:
            paragraphs.append(Paragraph(" ".join(lines), start))
            lines.clear()

    for number, raw in enumerate(text.splitlines(), start=first_line):
        line = normalise(raw)
        if not line:
            flush()
            continue
        if lines and not _continues(lines[-1], line):
            flush()
        if not lines:
            start = number
        lines.append(line)
    flush()
    return paragraphs
