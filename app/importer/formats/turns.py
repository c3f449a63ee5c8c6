"""Speaker turns ('NAME: …' paragraphs) and how a run of turns becomes questions with replies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence

from app.importer.clutter import is_clutter
from app.importer.errors import ArticleError
from app.importer.formats.base import ArticleFormat, Body, Exchange, Reply, Turn, asks
from app.importer.formats.labels import Kind, Label, read_label, speaker_key
from app.importer.paragraphs import Paragraph

SPEAKING = (Kind.name, Kind.host)
CLOSING_MAX_WORDS = 6
"""A last 'question' this short that asks nothing ('Thank you.') closes the talk and is not a question."""
ASKER_QUESTION_SHARE = 0.5
"""The speaker whose turns end in '?' at least this often, and most often, is the one who asks."""


def read_turns(
    paragraphs: Sequence[Paragraph], accept: Callable[[Label], bool]
) -> tuple[list[Paragraph], list[Turn]]:
    """Cut paragraphs at accepted labels; unlabelled paragraphs continue the turn before them."""
    head: list[Paragraph] = []
    turns: list[Turn] = []
    for paragraph in paragraphs:
        label = read_label(paragraph)
        if label is not None and accept(label) and not is_clutter(paragraph.text):
            first = Paragraph(label.text, paragraph.line)
            turns.append(Turn(speaker_key(label.label), label.label, label.kind, [first]))
        elif turns:
            turns[-1].paragraphs.append(paragraph)
        else:
            head.append(paragraph)
    return head, turns


def named_labels(paragraphs: Sequence[Paragraph], kinds: Collection[Kind] = (Kind.name,)) -> Counter[str]:
    """How often each speaker label of the given kinds (by default: names) opens a paragraph."""
    labels = (read_label(paragraph) for paragraph in paragraphs)
    return Counter(speaker_key(label.label) for label in labels if label and label.kind in kinds)


def guess_askers(turns: Sequence[Turn]) -> frozenset[str]:
    """Speakers named by a role (moderator, reporter, Q), else the one whose turns most often end in '?'."""
    by_role = frozenset(t.key for t in turns if t.kind in (Kind.host, Kind.reporter, Kind.question))
    if by_role:
        return by_role
    asked: Counter[str] = Counter(t.key for t in turns if t.asks)
    total: Counter[str] = Counter(t.key for t in turns)
    share = {key: asked[key] / total[key] for key in total}
    best = max(share, key=lambda key: (share[key], asked[key]), default=None)
    if best is None or share[best] < ASKER_QUESTION_SHARE:
        return frozenset()
    return frozenset({best})


def _question_text(paragraphs: Sequence[Paragraph]) -> str:
    """A question spread over paragraphs (or merged turns) reads as one line."""
    return " ".join(p.text for p in paragraphs if not is_clutter(p.text))


def assemble(turns: Sequence[Turn], askers: Collection[str]) -> list[Exchange]:
    """Asking turns open questions (a second one before any answer merges in); other turns reply.

    Replies before the first question (opening statements) are not part of any exchange; a closing
    asking turn that is not a question ('Thank you.') is dropped, an unanswered question is an error.
    """
    exchanges: list[Exchange] = []
    pending: list[Paragraph] = []
    pending_by: Turn | None = None
    replies: list[Reply] = []

    def close() -> None:
        if pending_by is not None and replies:
            exchanges.append(
                Exchange(_question_text(pending), pending_by.line, list(replies), pending_by.key)
            )

    for turn in turns:
        if turn.key in askers:
            if pending_by is not None and not replies:
                pending.extend(turn.paragraphs)
                continue
            close()
            pending, pending_by, replies = list(turn.paragraphs), turn, []
        elif pending_by is not None:
            replies.append(Reply(None if turn.kind is Kind.answer else turn.key, turn.paragraphs))
    if pending_by is not None and not replies:
        last = Turn(pending_by.key, pending_by.label, pending_by.kind, pending)
        if last.asks:
            raise ArticleError(
                f"question {len(exchanges) + 1} (line {pending_by.line}) has no answer: "
                "the text ends after it"
            )
    close()
    closing = exchanges and not asks(exchanges[-1].question)
    if closing and len(exchanges[-1].question.split()) <= CLOSING_MAX_WORDS:
        exchanges.pop()
    return exchanges


def labels_of(turns: Sequence[Turn]) -> dict[str, str]:
    """Each speaker key with the label as first printed, for naming the speaker later."""
    labels: dict[str, str] = {}
    for turn in turns:
        labels.setdefault(turn.key, turn.label)
    return labels


def _accepted(paragraphs: Sequence[Paragraph]) -> Callable[[Label], bool]:
    """Named labels count when they recur; a one-off speaker counts once a recurring one has spoken
    (a short exchange where nobody speaks twice counts whole)."""
    counts = named_labels(paragraphs, SPEAKING)
    recurring = {key for key, count in counts.items() if count >= 2}
    started = not recurring

    def accept(label: Label) -> bool:
        nonlocal started
        if label.kind not in SPEAKING:
            return False
        if speaker_key(label.label) in recurring or label.kind is Kind.host:
            started = True
        return started

    return accept


def detect(paragraphs: Sequence[Paragraph]) -> int:
    """Score: turns of named speakers, when at least two different speakers take turns."""
    counts = named_labels(paragraphs, SPEAKING)
    return sum(counts.values()) if len(counts) >= 2 else 0


def split(paragraphs: Sequence[Paragraph]) -> Body:
    """Group the text into turns, guess who asks, and pair questions with the replies that follow."""
    head, turns = read_turns(paragraphs, _accepted(paragraphs))
    if not turns:
        raise ArticleError(f"no {FORMAT.name} found (looked for lines like {FORMAT.example})")
    askers = guess_askers(turns)
    return Body(head, assemble(turns, askers), askers=askers, turns=turns, labels=labels_of(turns))


FORMAT = ArticleFormat(
    name="speaker turns",
    key="turns",
    example="'MODERATOR: …?' then 'Jane Doe: …'",
    detect=detect,
    split=split,
)
