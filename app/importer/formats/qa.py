"""Question markers ('Q:', '**Question:**', 'Frage:', 'Вопрос:') and press briefings ('Q' then 'MR. PRICE:')."""

from __future__ import annotations

from collections.abc import Sequence

from app.importer.clutter import is_clutter
from app.importer.errors import ArticleError
from app.importer.formats.base import ArticleFormat, Body, Turn, asks
from app.importer.formats.labels import Kind, read_label, speaker_key
from app.importer.formats.turns import assemble, labels_of, named_labels
from app.importer.paragraphs import Paragraph

ASKING = (Kind.question, Kind.reporter, Kind.host)
REPORTING = (Kind.question, Kind.reporter)


def _markers(paragraphs: Sequence[Paragraph]) -> int:
    """How many paragraphs open with a question or reporter marker."""
    return sum(
        1
        for paragraph in paragraphs
        if (label := read_label(paragraph)) is not None and label.kind in REPORTING
    )


def read_marked_turns(paragraphs: Sequence[Paragraph]) -> tuple[list[Paragraph], list[Turn]]:
    """Cut at markers; a named label starts a reply when it recurs or when replies of this question are
    labelled (the first paragraph after the question has one), so 'Note: …' inside an answer stays text."""
    recurring = {key for key, count in named_labels(paragraphs).items() if count >= 2}
    head: list[Paragraph] = []
    turns: list[Turn] = []
    labelled = False
    for paragraph in paragraphs:
        label = read_label(paragraph)
        kind = label.kind if label is not None and not is_clutter(paragraph.text) else None
        just_asked = bool(turns) and turns[-1].kind in ASKING and len(turns[-1].paragraphs) == 1
        starts = label is not None and (
            kind in ASKING
            or (kind is Kind.answer and bool(turns))
            or (
                kind is Kind.name
                and bool(turns)
                and (speaker_key(label.label) in recurring or labelled or just_asked)
            )
        )
        if label is not None and kind is not None and starts:
            labelled = kind is Kind.name or (labelled and kind not in ASKING)
            text = Paragraph(label.text, paragraph.line)
            key = "" if kind is Kind.answer else speaker_key(label.label)
            turns.append(Turn(key, label.label, kind, [text]))
        elif turns:
            turns[-1].paragraphs.append(paragraph)
        else:
            head.append(paragraph)
    return head, _split_unlabelled_answers(turns)


def _split_unlabelled_answers(turns: list[Turn]) -> list[Turn]:
    """'Q: …?' followed by plain paragraphs: the question ends at its first asking paragraph, the rest
    answers (the article's interviewee speaks, as with an 'A:' marker)."""
    result: list[Turn] = []
    for index, turn in enumerate(turns):
        following = turns[index + 1] if index + 1 < len(turns) else None
        answered = following is not None and following.kind not in ASKING
        if turn.kind not in ASKING or answered or len(turn.paragraphs) == 1:
            result.append(turn)
            continue
        end = next((i for i, p in enumerate(turn.paragraphs) if asks(p.text)), 0) + 1
        result.append(Turn(turn.key, turn.label, turn.kind, turn.paragraphs[:end]))
        if end < len(turn.paragraphs):
            result.append(Turn("", "", Kind.answer, turn.paragraphs[end:]))
    return result


def _split(paragraphs: Sequence[Paragraph], fmt: ArticleFormat, briefing: bool) -> Body:
    """Shared by both formats; a briefing's question markers stand for many reporters."""
    head, turns = read_marked_turns(paragraphs)
    if not any(turn.kind in ASKING for turn in turns):
        raise ArticleError(f"no {fmt.name} found (looked for lines like {fmt.example})")
    askers = frozenset(turn.key for turn in turns if turn.kind in ASKING)
    reporters = frozenset(turn.key for turn in turns if turn.kind in REPORTING) if briefing else frozenset()
    named = {turn.key for turn in turns if turn.kind in (Kind.name, Kind.host)} | reporters
    labels = {key: label for key, label in labels_of(turns).items() if key in named}
    return Body(head, assemble(turns, askers), turns, askers, reporters, labels)


def detect_qa(paragraphs: Sequence[Paragraph]) -> int:
    """Score: paragraphs opening with a question marker."""
    return _markers(paragraphs)


def detect_briefing(paragraphs: Sequence[Paragraph]) -> int:
    """Score: markers plus named replies, only when officials answer by name (else it is plain Q/A)."""
    markers = _markers(paragraphs)
    named = sum(count for count in named_labels(paragraphs).values() if count >= 2)
    return markers + named if markers and named else 0


def split_qa(paragraphs: Sequence[Paragraph]) -> Body:
    return _split(paragraphs, QA, briefing=False)


def split_briefing(paragraphs: Sequence[Paragraph]) -> Body:
    return _split(paragraphs, BRIEFING, briefing=True)


QA = ArticleFormat(
    name="question markers", key="qa", example="'Q: …?' or 'Question: …?'", detect=detect_qa, split=split_qa
)
BRIEFING = ArticleFormat(
    name="press briefing",
    key="briefing",
    example="'Q …?' or 'REPORTER: …?' then 'MR. PRICE: …'",
    detect=detect_briefing,
    split=split_briefing,
)
