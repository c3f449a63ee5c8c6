"""The shape of an interview, read from the blocks' own structure, as turns.

Two families cover what people publish:
- **labelled turns**: each turn opens with who speaks ('Jane Doe:', '**Q:**', 'SPIEGEL:', '[Host]',
  caption voices); unlabelled paragraphs continue the turn before them;
- **marked questions**: questions stand out by their markup (bold or heading paragraphs, a bold lead,
  numbers, an opening dash) and the paragraphs after them, unlabelled, are the answer.
Each reader returns its turns and the blocks before them (title, lede, furniture); `choose` keeps the
reading that finds the most questions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.importer.blocks import Block
from app.importer.clutter import is_clutter
from app.importer.labels import Kind, is_handle, kind_of, speaker_key

FORMAT_KEYS = ("turns", "qa", "briefing", "questions", "numbered", "bold", "heading", "dash", "captions")
"""Shapes a caller may force: speaker turns (also Q/A labels and briefings), questions marked by
markup (bold, headings, numbers, dashes), captions."""
QUESTION_END = re.compile(r"[?？;][\"'”»)\]\s*_]*$")
"""A paragraph that asks ends with a question mark (';' is the Greek one), closing quotes aside."""
_REQUEST_END = re.compile(r"(?:ください|下さい|教えて|聞かせて?|お願いします|一言)[。！!]?$")
"""A Japanese prompt that asks without a question mark: '…を教えてください。', '読者へ一言'."""
SHORT_QUESTION_WORDS = 40
"""A marked paragraph that does not end in '?' still asks when it is this short and most of its kind ask."""
ASKING_SHARE = 0.34
MAX_NUMBERING_SKIP = 3
"""A numbered question may skip this many numbers (an editor cut one) and still continue the count."""


def asks(text: str) -> bool:
    return bool(QUESTION_END.search(text.rstrip()))


def asks_somewhere(text: str) -> bool:
    """A turn asks when it ends asking, or asks on the way ('So you're 23, right? Tell me more.')."""
    return asks(text) or "?" in text or "？" in text


@dataclass
class Turn:
    """What one speaker says before the next turn; `marked` when the markup marks it as a question."""

    speaker: str | None
    label: str | None
    kind: Kind | None
    blocks: list[Block] = field(default_factory=list)
    marked: bool = False
    sectioned: bool = False
    """A section heading followed this turn: transcripts label the same speaker again after one."""

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks if block.text)

    @property
    def line(self) -> int:
        return self.blocks[0].line

    @property
    def words(self) -> int:
        return sum(block.words for block in self.blocks)

    @property
    def asks(self) -> bool:
        return asks_somewhere(self.text)


@dataclass
class Reading:
    """Turns found by one shape, what stood before them, and how many questions the shape marks."""

    shape: str
    head: list[Block]
    turns: list[Turn]
    score: int
    labels: dict[str, str] = field(default_factory=dict)
    gaps: list[int] = field(default_factory=list)
    """Lines where the questions' numbering skips (1, 2, 4)."""


def _accepted_labels(blocks: Sequence[Block], *, captions: bool) -> dict[str, str]:
    """Label keys that name speakers, with their label as first printed.

    Role words always count. Names count when they recur, or once others recur (a one-off guest). Labels
    with no name shape (handles, names in scripts without capitals) count when they recur and another
    such speaker does too. In captions every voice counts."""
    counts: Counter[str] = Counter()
    printed: dict[str, str] = {}
    kinds: dict[str, Kind | None] = {}
    for block in blocks:
        if block.label is None:
            continue
        key = speaker_key(block.label)
        counts[key] += 1
        printed.setdefault(key, block.label)
        kinds.setdefault(key, kind_of(block.label))
    if captions:
        return {key: printed[key] for key in counts}
    roles = {key for key, kind in kinds.items() if kind not in (None, Kind.name)}
    names = {key for key, kind in kinds.items() if kind is Kind.name}
    handles = {key for key in counts if kinds[key] is None and is_handle(printed[key])}
    recurring = {key for key in names | handles if counts[key] >= 2}
    accepted = set(roles)
    if roles:
        # 'Q:' asks; whoever is named after the first 'Q:' answers, once or often
        first_role = next(
            i for i, b in enumerate(blocks) if b.label is not None and speaker_key(b.label) in roles
        )
        later = {speaker_key(b.label) for b in blocks[first_role:] if b.label is not None}
        accepted |= (names | recurring) & later
    elif len(recurring) >= 2:
        accepted |= recurring | {key for key in names if counts[key] == 1}
    elif (
        len(names) >= 2
        and not recurring
        and any(b.label is not None and speaker_key(b.label) in names and asks(b.text) for b in blocks)
    ):
        accepted |= names  # a short exchange in which nobody speaks twice
    elif len(recurring) == 1 and len(names) >= 2:
        accepted |= names
    if len(accepted) < 2 and not roles:
        return {}
    return {key: printed[key] for key in counts if key in accepted}


def aliases(labels: dict[str, str]) -> dict[str, str]:
    """Short labels that stand for a longer one: 'KG' after 'Kate Garklavs', 'Macron' after 'Emmanuel
    Macron'. Maps the short key to the long one."""
    from app.importer.cast import names_person
    from app.importer.metadata import PersonMeta

    long_forms = [key for key, label in labels.items() if len(label.split()) >= 2]
    found: dict[str, str] = {}
    for key, label in labels.items():
        if key in long_forms or kind_of(label) not in (None, Kind.name):
            continue
        targets = [other for other in long_forms if names_person(label, PersonMeta(name=labels[other]))]
        if len(targets) == 1:
            found[key] = targets[0]
    return found


def labelled(blocks: Sequence[Block], *, captions: bool = False) -> Reading:
    """Turns that open with an accepted speaker label; headings inside a turn are section titles, left out."""
    accepted = _accepted_labels(blocks, captions=captions)
    alias = aliases(accepted)
    head: list[Block] = []
    turns: list[Turn] = []
    # One labelled voice ('SPIEGEL:', 'Progressistes:') and unlabelled paragraphs: the label asks,
    # and whatever follows a turn of it that asks is the answer.
    lone_voice = len({alias.get(key, key) for key in accepted}) == 1
    for block in blocks:
        key = speaker_key(block.label) if block.label is not None else None
        if key is not None and key in accepted:
            key = alias.get(key, key)
            turns.append(Turn(key, accepted[key], kind_of(accepted[key]), [block]))
            continue
        block = block.unlabelled()
        if not turns:
            head.append(block)
        elif block.heading:
            turns[-1].sectioned = True
            continue
        elif (turns[-1].kind in (Kind.question, Kind.reporter) or lone_voice) and turns[-1].asks:
            turns.append(Turn(None, None, None, [block]))  # the unlabelled answer to a 'Q:' question
        else:
            turns[-1].blocks.append(block)
    turns = _unlabelled_questions(turns)
    score = len(turns) if len({t.speaker for t in turns}) >= 2 or any(t.kind for t in turns) else 0
    return Reading("turns", head, turns, score, {k: v for k, v in accepted.items() if k not in alias})


def _unlabelled_questions(turns: list[Turn]) -> list[Turn]:
    """A paragraph that asks, left unlabelled inside one speaker's turn right before that same speaker
    is labelled again, was said by someone else: nobody labels themselves twice in a row. It becomes
    a question of its own (the transcriber forgot the asker's label)."""
    result: list[Turn] = []
    for index, turn in enumerate(turns):
        following = turns[index + 1] if index + 1 < len(turns) else None
        last = len(turn.blocks) - 1
        split = (
            last
            if last > 0
            and not turn.sectioned
            and following is not None
            and following.speaker == turn.speaker
            and asks(turn.blocks[last].text)
            and turn.blocks[last].words <= SHORT_QUESTION_WORDS
            else None
        )
        if split is None or turn.kind in (Kind.question, Kind.reporter, Kind.host):
            result.append(turn)
            continue
        result.append(Turn(turn.speaker, turn.label, turn.kind, turn.blocks[:split]))
        result.append(Turn(None, None, None, turn.blocks[split:], marked=True))
    return result


_STYLES = ("heading", "strong", "lead", "number", "dash")


def _styles(block: Block) -> list[str]:
    found = []
    if block.heading:
        found.append(f"heading{block.heading}")
    if block.strong:
        found.append("strong")
    if block.lead is not None:
        found.append("lead")
    if block.number is not None and not block.heading:
        found.append("number")
    if block.dash:
        found.append("dash")
    return found


_BOLD_STYLES = {"strong", "lead"}


def _marked_as(style: str, block: Block) -> bool:
    """A bold question is one whether its answer starts in the same paragraph ('lead') or the next
    ('strong'): a page may do both."""
    styles = set(_styles(block))
    return style in styles or (style in _BOLD_STYLES and bool(styles & _BOLD_STYLES))


def _question_text(block: Block) -> str:
    return block.lead if block.lead is not None else block.text


def _best_style(blocks: Sequence[Block]) -> tuple[str | None, int, float]:
    """The style most questions are marked with, how many ask, and the share of its paragraphs that
    ask from the first question on (a bold lede before it does not count)."""
    asking: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for block in blocks:
        for style in _styles(block):
            if asks(_question_text(block)):
                asking[style] += 1
            if asking[style]:
                total[style] += 1
    if not asking:
        return None, 0, 0.0
    style, count = max(asking.items(), key=lambda item: (item[1], item[1] / total[item[0]]))
    return style, count, count / total[style]


def _numbered_in_sequence(blocks: Sequence[Block]) -> tuple[set[int], list[int]]:
    """Indexes of numbered paragraphs that continue the questions' count (1, 2, 3…), and those where
    the count skips a little but the paragraph asks; a list inside an answer starts again at 1 and is
    left out."""
    indexes: set[int] = set()
    gaps: list[int] = []
    expected: int | None = None
    for index, block in enumerate(blocks):
        if block.number is None or block.heading:
            continue
        asking = asks(_question_text(block))
        skips = expected is not None and expected < block.number <= expected + MAX_NUMBERING_SKIP
        if block.number == expected and not asking and _asked_later(blocks, index, block.number):
            continue  # '2. Wicks.' of a list in an answer, before '2. Do you sleep?'
        if (expected is None and asking) or block.number == expected or (skips and asking):
            indexes.add(index)
            if skips:
                gaps.append(index)
            expected = block.number + 1
    return indexes, gaps


def _asked_later(blocks: Sequence[Block], index: int, number: int) -> bool:
    """A later paragraph with this number asks, before the count moves past it."""
    for block in blocks[index + 1 :]:
        if block.number is None or block.heading:
            continue
        if block.number == number and asks(_question_text(block)):
            return True
        if block.number > number:
            return False
    return False


def _names_someone(label: str) -> bool:
    """A label that is a person's name or a one-word handle ('Tom Ash', 'keepers_99'), not a role or
    the opening words of a sentence ('Von Studenten: wenig …')."""
    kind = kind_of(label)
    return kind is Kind.name or (kind is None and is_handle(label) and " " not in label.strip())


def marked(blocks: Sequence[Block], style: str | None = None) -> Reading:
    """Questions marked by the most used asking style; each is answered by what follows it."""
    chosen, _, share = (style, 1, 1.0) if style is not None else _best_style(blocks)
    if chosen is None:
        return Reading("questions", list(blocks), [], 0)
    lenient = share >= ASKING_SHARE
    in_sequence, gaps = _numbered_in_sequence(blocks) if chosen == "number" else (set(), [])

    def is_question(index: int, block: Block) -> bool:
        if not _marked_as(chosen, block) or is_clutter(_question_text(block)):
            return False
        if chosen == "number" and index not in in_sequence:
            return False  # a numbered list inside an answer
        text = _question_text(block)
        if asks(text) or _REQUEST_END.search(text):
            return True
        longest = 2 * SHORT_QUESTION_WORDS
        if chosen == "dash" or not lenient or len(text.split()) > longest:
            return False
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        # a section title: another marked paragraph or a heading (or nothing) follows it, not an answer
        return (
            following is not None
            and chosen not in _styles(following)
            and not following.heading
            and block.lead is None
        )

    head: list[Block] = []
    turns: list[Turn] = []
    labels: dict[str, str] = {}
    closed = False
    # answerers named by labels: those that recur ('Sébastien :'), or several opening the answers right
    # after a question (a panel); not a list's 'Topic: …' items inside an answer
    recurring = {
        key
        for key, count in Counter(speaker_key(b.label) for b in blocks if b.label is not None).items()
        if count >= 2
    }
    openers: dict[str, str] = {}
    first_question: int | None = None
    for index, block in enumerate(blocks):
        if not is_question(index, block):
            continue
        first_question = index if first_question is None else first_question
        chain = []  # names labelling paragraphs of this question's answer: several make a panel
        for offset, following in enumerate(blocks[index + 1 :], start=index + 1):
            if is_question(offset, following):
                break
            if following.label is not None and not following.item and _names_someone(following.label):
                chain.append(speaker_key(following.label))  # '- **Beginning Phase:** …' lists, not a panel
        if len(set(chain)) >= 2:
            recurring |= set(chain)
        first = blocks[index + 1] if index + 1 < len(blocks) else None
        if first is not None and first.label is not None and _names_someone(first.label):
            openers[speaker_key(first.label)] = first.label
    lede = " ".join(b.text for b in blocks[:first_question]) if first_question is not None else ""
    if len(openers) >= 2:
        recurring |= set(openers)  # different people open the answers of different questions
    elif len(openers) == 1 and next(iter(openers.values())) in lede:
        recurring |= set(openers)  # 'Roland Gori : …' opens an answer, and the lede names him
    for index, block in enumerate(blocks):
        if is_question(index, block):
            closed = False
            question = Block(_question_text(block), block.line, time=block.time)
            asker = (
                speaker_key(block.label)
                if block.label and (kind_of(block.label) or is_handle(block.label))
                else None
            )
            if asker is not None and block.label is not None:
                labels.setdefault(asker, block.label)
            turns.append(Turn(asker, block.label if asker else None, None, [question], marked=True))
            if block.lead is not None and block.text:
                turns.append(Turn(None, None, None, [Block(block.text, block.line)]))
            continue
        if not turns:
            head.append(block.unlabelled())
            continue
        if block.heading and not asks(block.text):
            closed = True  # a section title: what follows, up to the next question, is no answer
            continue
        if closed:
            continue
        key = (
            speaker_key(block.label)
            if block.label is not None and (kind_of(block.label) or _names_someone(block.label))
            else None
        )
        kind = kind_of(block.label or "")
        if key is not None and (
            kind is Kind.answer or (_names_someone(block.label or "") and key in recurring)
        ):
            labels.setdefault(key, block.label or key)
            turns.append(Turn(key, block.label, kind_of(block.label or ""), [block]))
        elif turns[-1].marked:
            turns.append(Turn(None, None, None, [block.unlabelled()]))
        else:
            turns[-1].blocks.append(block.unlabelled())
    questions = sum(1 for turn in turns if turn.marked)
    return Reading("questions", head, turns, questions, labels, [blocks[i].line for i in gaps])


def candidates(
    blocks: Sequence[Block], *, captions: bool = False, forced: str | None = None
) -> list[Reading]:
    """The readings worth pairing (the caller keeps the one with the most exchanges); a forced shape
    gives only its own. Labelled turns come first, so they win a tie: labels are explicit."""
    if forced in ("turns", "qa", "briefing", "captions"):
        return [labelled(blocks, captions=captions)]
    if forced in ("numbered", "dash"):
        return [marked(blocks, "number" if forced == "numbered" else "dash")]
    if forced in ("bold", "heading", "questions"):
        return [marked(blocks)]
    return [labelled(blocks, captions=captions), marked(blocks)]
