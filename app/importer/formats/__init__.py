"""Article formats behind one detect function: numbered questions, Q/A markers, speaker turns, briefings."""

from __future__ import annotations

from collections.abc import Sequence

from app.importer.errors import ArticleError
from app.importer.formats import numbered, qa, turns
from app.importer.formats.base import ArticleFormat, Body, Exchange, Reply, Turn
from app.importer.paragraphs import Paragraph

FORMATS: tuple[ArticleFormat, ...] = (numbered.FORMAT, qa.BRIEFING, qa.QA, turns.FORMAT)
"""Known formats; on a tie in score the earlier one wins."""
MARKERS_THAT_WIN = 2
LONE_MARKER_DIALOGUE = 4
"""Numbered or marked questions beat 'Name:' turns (which also label panel answers), except a lone one
against a dialogue of several turns: that is a list item or a quote inside an answer."""
FORMAT_KEYS: tuple[str, ...] = tuple(fmt.key for fmt in FORMATS)

__all__ = ["FORMATS", "FORMAT_KEYS", "ArticleFormat", "Body", "Exchange", "Reply", "Turn", "detect_format"]


def format_named(key: str) -> ArticleFormat:
    """A format by its key ('numbered', 'qa', 'turns', 'briefing'), or an error listing the keys."""
    for fmt in FORMATS:
        if fmt.key == key:
            return fmt
    raise ArticleError(f"unknown format {key!r}; known formats: {', '.join(FORMAT_KEYS)}")


def detect_format(paragraphs: Sequence[Paragraph], forced: str | None = None) -> ArticleFormat:
    """The format with the most question markers in the text (or the forced one), else an error naming
    what was looked for."""
    if forced is not None:
        return format_named(forced)
    scored = [(fmt.detect(paragraphs), -order, fmt) for order, fmt in enumerate(FORMATS)]
    marked = max((item for item in scored if item[2] is not turns.FORMAT), key=lambda item: item[:2])
    dialogue = turns.FORMAT.detect(paragraphs)
    lone = marked[0] < MARKERS_THAT_WIN and dialogue >= LONE_MARKER_DIALOGUE
    score, _, best = marked if marked[0] and not lone else (dialogue, 0, turns.FORMAT)
    if score == 0:
        looked_for = "; ".join(
            f"no {fmt.name} found (looked for lines like {fmt.example})" for fmt in FORMATS
        )
        lines = f"lines {paragraphs[0].line} to {paragraphs[-1].line}" if paragraphs else "no lines"
        raise ArticleError(f"{looked_for} in {len(paragraphs)} paragraphs ({lines})")
    return best
