"""Read the title and lede from the paragraphs before the first question, skipping page furniture."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.importer.clutter import is_clutter
from app.importer.paragraphs import Paragraph, ends_sentence
from app.importer.people import BYLINE

TITLE_MIN_WORDS = 4
TITLE_MIN_CHARS = 20
TITLE_MAX_CHARS = 300
LEDE_MIN_WORDS = 15
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Head:
    """What the article says about itself before the questions start."""

    title: Paragraph | None
    lede: Paragraph | None


def is_title_like(paragraph: Paragraph) -> bool:
    """A headline: long enough to name the interview, no final punctuation (a question mark is allowed:
    headlines ask), not a byline or date."""
    text = paragraph.text
    return (
        TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS
        and len(_WORD.findall(text)) >= TITLE_MIN_WORDS
        and (not ends_sentence(text) or text.endswith("?"))
        and not text.endswith(":")
        and not BYLINE.match(text)
        and not is_clutter(text)
    )


def is_lede_like(paragraph: Paragraph) -> bool:
    """The lede is the first real prose: a long paragraph of complete sentences that is not a notice."""
    text = paragraph.text
    return paragraph.words >= LEDE_MIN_WORDS and ends_sentence(text) and not is_clutter(text)


def read_head(paragraphs: Sequence[Paragraph]) -> Head:
    """The title is the first headline-like line before the lede; the lede is the first long prose."""
    lede_index = next((i for i, paragraph in enumerate(paragraphs) if is_lede_like(paragraph)), None)
    before_lede = paragraphs[:lede_index] if lede_index is not None else paragraphs
    title = next((paragraph for paragraph in before_lede if is_title_like(paragraph)), None)
    return Head(title=title, lede=paragraphs[lede_index] if lede_index is not None else None)
