"""Article formats behind one detect function; new formats (`Q:`/`A:`, `NAME:` turns) slot in as siblings."""

from __future__ import annotations

from collections.abc import Sequence

from app.importer.errors import ArticleError
from app.importer.formats import numbered
from app.importer.formats.base import ArticleFormat, Body, Exchange
from app.importer.paragraphs import Paragraph

FORMATS: tuple[ArticleFormat, ...] = (numbered.FORMAT,)
"""Known formats; on a tie in score the earlier one wins."""

__all__ = ["FORMATS", "ArticleFormat", "Body", "Exchange", "detect_format"]


def detect_format(paragraphs: Sequence[Paragraph]) -> ArticleFormat:
    """The format with the most question markers in the text, or an error naming what was looked for."""
    scored = [(fmt.detect(paragraphs), -order, fmt) for order, fmt in enumerate(FORMATS)]
    score, _, best = max(scored, key=lambda item: item[:2])
    if score == 0:
        looked_for = "; ".join(
            f"no {fmt.name} found (looked for lines like {fmt.example})" for fmt in FORMATS
        )
        lines = f"lines {paragraphs[0].line} to {paragraphs[-1].line}" if paragraphs else "no lines"
        raise ArticleError(f"{looked_for} in {len(paragraphs)} paragraphs ({lines})")
    return best
