"""Layouts that carry a shape in where things stand rather than in labels, rewritten as the labelled or
marked blocks the readers in `shapes` know:

- a speaker's name on a line of its own, with what they say in the paragraphs below it (podcast
  transcripts: '**Jane Roe**' then '> …');
- plain questions answered in block quotes ('Come è nato?' then '> È nato due anni fa…');
- 'Asked by @handle' under a question (an AMA post): the handle is who asks, not answer text;
- a speaker label in the middle of a paragraph, where an export lost the line break before it
  ('… ver…” AM: “Muita gente …'), when that label opens paragraphs elsewhere.

Each is recognised only when it repeats through the document, never from one occurrence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from app.importer.blocks import Block
from app.importer.clutter import ends_sentence

NAME_LINE_MAX_WORDS = 4
NAME_LINES_MIN = 4
"""At least this many lines of names seen twice or more before a document is read as name lines."""
QUOTED_ANSWERS_MIN = 3
_NAME_LINE = re.compile(r"^[^\W\d_][\w.'\u2019 -]*[\w.)]:?$")


def _name_line(block: Block) -> str | None:
    """The name a block consists of ('Stefano Maestri', 'JANE:'), or None."""
    text = block.text.strip()
    if (
        block.label is not None
        or block.heading
        or block.quote
        or block.item
        or not text
        or len(text.split()) > NAME_LINE_MAX_WORDS
        or not _NAME_LINE.match(text)
        or (ends_sentence(text) and not text.endswith("."))
    ):
        return None
    words = text.rstrip(":").split()
    if not all(word[:1].isupper() for word in words if len(word) > 3):
        return None
    return text.rstrip(":").strip()


def with_name_lines_as_labels(blocks: Sequence[Block]) -> list[Block]:
    """A name alone on its line labels the paragraphs after it, up to the next name line or heading.
    Used when at least two names stand alone on their lines repeatedly; a name seen once is left as
    text."""
    found = [_name_line(block) for block in blocks]
    counts = Counter(name for name in found if name)
    repeated = {name for name, count in counts.items() if count >= 2}
    names = [name if name in repeated else None for name in found]
    if sum(counts[name] for name in repeated) < NAME_LINES_MIN or len(repeated) < 2:
        return list(blocks)
    result: list[Block] = []
    speaker: str | None = None
    for block, name in zip(blocks, names, strict=True):
        if name:
            speaker = name
            continue
        if speaker is not None and block.label is None and not block.heading:
            block = replace(block, label=speaker, printed_label=None, quote=False)
        elif block.heading:
            speaker = None
        result.append(block)
    return result


def with_quoted_answers_after_questions(blocks: Sequence[Block]) -> list[Block]:
    """Plain paragraphs each followed by a block quote, repeated through the document, are questions
    and their quoted answers: the question is marked as bold would mark it, the quote is unquoted."""
    opens = [
        index
        for index, block in enumerate(blocks[:-1])
        if not block.quote
        and block.label is None
        and not block.heading
        and blocks[index + 1].quote
        and block.text.rstrip().endswith(("?", "？", ":"))
    ]
    if len(opens) < QUOTED_ANSWERS_MIN or any(block.label for block in blocks):
        return list(blocks)
    marked = set(opens)
    return [
        replace(block, strong=True) if index in marked else replace(block, quote=False)
        for index, block in enumerate(blocks)
    ]


INLINE_LABEL_MIN_OPENINGS = 2
_BEFORE_INLINE_LABEL = r"(?<=[.!?…\"'”»)])\s+"


def with_inline_turns_split(blocks: Sequence[Block]) -> list[Block]:
    """A paragraph is split where a label that opens other paragraphs stands after a sentence end."""
    openings = Counter(block.label for block in blocks if block.label)
    known = [label for label, count in openings.items() if count >= INLINE_LABEL_MIN_OPENINGS]
    if not known:
        return list(blocks)
    inline = re.compile(
        _BEFORE_INLINE_LABEL + r"(?P<label>" + "|".join(map(re.escape, known)) + r")\s*:\s+(?=\S)"
    )
    result: list[Block] = []
    for block in blocks:
        while block.label and (found := inline.search(block.text)):
            result.append(replace(block, text=block.text[: found.start()].rstrip()))
            block = replace(
                block,
                text=block.text[found.end() :],
                label=found["label"],
                printed_label=f"{found['label']}:",
            )
        result.append(block)
    return result


_ASKED_BY = re.compile(
    r"^(?:asked by|question from|submitted by|gefragt von|question de|pregunta de)[ \t]+@?"
    r"(?P<handle>[\w.@-]{2,40})(?:[ \t]+\([^()]{1,40}\))?[.:]?$",
    re.IGNORECASE,
)


def with_askers_under_questions(blocks: Sequence[Block]) -> list[Block]:
    """A line 'Asked by @jane' right under a heading or bold question labels the question with its
    asker (then `asked_by`) and is dropped."""
    result: list[Block] = []
    for block in blocks:
        asked = _ASKED_BY.match(block.text.strip())
        previous = result[-1] if result else None
        if (
            asked
            and previous is not None
            and (previous.heading or previous.strong)
            and previous.label is None
            and block.label is None
        ):
            result[-1] = replace(previous, label=asked["handle"], printed_label=None)
            continue
        result.append(block)
    return result


def restructured(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with these layouts rewritten; other documents come back as they were."""
    blocks = with_quoted_answers_after_questions(with_name_lines_as_labels(blocks))
    return with_inline_turns_split(with_askers_under_questions(blocks))
