"""Snippets and match offsets computed on the original text with the same analysis as the index.

Clients get `snippet` (HTML-escaped text around the matches, each match in `<mark>`) and the
character offsets of every match in the full text, to render highlights their own way.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from app.search.patterns import Pattern
from app.storage.terms import analyse

SNIPPET_CHARS = 240
CONTEXT_BEFORE = 60
ELLIPSIS = "…"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def match_spans(text: str, language: str | None, patterns: list[Pattern]) -> list[Span]:
    """Where in `text` any of the patterns occurs; a phrase is one span from its first to last word.

    The words are analysed as the index analysed them (`text.analyse`), in one batch.
    """
    words = analyse(text, language)
    terms, folded = words.terms, words.folded
    count = len(terms)
    found: set[tuple[int, int]] = set()  # (first word, last word)
    for pattern in patterns:
        first, rest, width = pattern.terms[0], list(pattern.terms[1:]), len(pattern.terms)
        if pattern.prefix:
            starts = [
                i
                for i, (t, f) in enumerate(zip(terms, folded, strict=False))
                if t.startswith(first) or f.startswith(first)
            ]
        else:
            starts = _positions(terms, first)
        for index in starts:
            if index + width > count:
                continue
            if rest and terms[index + 1 : index + width] != rest:
                continue
            found.add((index, index + width - 1))
    offsets = words.spans_of({index for pair in found for index in pair})
    spans = sorted((offsets[first][0], offsets[last][1]) for first, last in found)
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(end, merged[-1].end))
        else:
            merged.append(Span(start, end))
    return merged


def _positions(terms: list[str], wanted: str) -> list[int]:
    """Where `wanted` occurs in `terms`, found by `list.index` (in C) from one match to the next."""
    found: list[int] = []
    index = -1
    try:
        while True:
            index = terms.index(wanted, index + 1)
            found.append(index)
    except ValueError:
        return found


def best_anchor(text: str, spans: list[Span]) -> int:
    """Where the window with the most different matched words (then the most matches) begins."""
    best, best_score = 0, (-1, -1)
    for anchor in spans:
        window_end = anchor.start - CONTEXT_BEFORE + SNIPPET_CHARS
        inside = [s for s in spans if s.start >= anchor.start and s.end <= window_end]
        score = (len({text[s.start : s.end].casefold() for s in inside}), len(inside))
        if score > best_score:
            best, best_score = anchor.start, score
    return best


def snippet(text: str, spans: list[Span]) -> str:
    """About `SNIPPET_CHARS` of text around its best matches, escaped, with every match in view marked."""
    if len(text) <= SNIPPET_CHARS:
        start, end = 0, len(text)
    else:
        anchor = best_anchor(text, spans)
        start = max(0, anchor - CONTEXT_BEFORE)
        if start > 0:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 20 else start
        end = min(len(text), start + SNIPPET_CHARS)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + SNIPPET_CHARS // 2 else end
    parts: list[str] = [ELLIPSIS] if start > 0 else []
    cursor = start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        span_start, span_end = max(span.start, start), min(span.end, end)
        parts.append(html.escape(text[cursor:span_start]))
        parts.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts).strip()
