"""The importer's accuracy table: `python -m bench.accuracy FOLDER…` (or `make accuracy CORPUS=FOLDER`).

Each document `NAME.<ext>` (text, Markdown, HTML, WebVTT, SRT, transcript JSON) has `NAME.expected.json`,
written by someone who read the document, not the importer. Two forms are read:
- pairs: `{"pairs": [{"question", "asked_by", "answers": [{"speaker", "start", "end"}]}], "speakers":
  [{"name", "role"}], "title", "published_at", "language"}`, with `start`/`end` the first and last 40
  characters of each full answer (the real-world corpus);
- documents: `{"questions": [{"text", "asked_by", "answers": [{"speaker", "text"}]}], "speakers": …}`
  with whole answers (the project's own corpus in tests/importer/corpus).

Per expected pair: **right** when the question text and every answer's first and last 40 characters
are exact (whitespace folded); **near** when the question is recognisably the same and each answer's
boundaries are found within 200 characters of where they should be (some clutter kept or cut);
**wrong** when the question is found but its answers are not; **missing** when no question matches.
Found questions that match no expected one are **spurious**.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from app.contract.document import InterviewDocument
from app.importer import ArticleError, load_article

SUFFIXES = (".txt", ".md", ".markdown", ".rst", ".html", ".htm", ".vtt", ".srt", ".json")
EXPECTED_SUFFIX = ".expected.json"
EDGE = 40
SLACK = 200
SIMILAR = 0.85


def folded(text: str) -> str:
    """Whitespace folded to single spaces, no-break and zero-width spaces too, NFC."""
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True, slots=True)
class ExpectedAnswer:
    speaker: str | None
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class ExpectedPair:
    question: str
    answers: tuple[ExpectedAnswer, ...]


@dataclass
class FileScore:
    name: str
    expected: int
    found: int
    right: int = 0
    near: int = 0
    wrong: int = 0
    missing: int = 0
    spurious: int = 0
    speakers: tuple[int, int] = (0, 0)
    """(named right, expected) participants."""
    metadata: dict[str, bool] = field(default_factory=dict)
    error: str | None = None
    details: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Right pairs over the larger of expected and found, so spurious questions also cost."""
        return self.right / max(self.expected, self.found, 1)


def expected_pairs(data: dict[str, Any]) -> list[ExpectedPair]:
    if "pairs" in data:
        return [
            ExpectedPair(
                folded(p["question"]),
                tuple(
                    ExpectedAnswer(a.get("speaker"), folded(a["start"]), folded(a["end"]))
                    for a in p["answers"]
                ),
            )
            for p in data["pairs"]
        ]
    return [
        ExpectedPair(
            folded(q["text"]),
            tuple(
                ExpectedAnswer(a["speaker"], folded(a["text"])[:EDGE], folded(a["text"])[-EDGE:])
                for a in q["answers"]
            ),
        )
        for q in data["questions"]
    ]


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if shorter and shorter in longer and len(shorter) >= 0.6 * len(longer):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


def _answers_right(expected: tuple[ExpectedAnswer, ...], found: list[str]) -> bool:
    return len(expected) == len(found) and all(
        text.startswith(e.start) and text.endswith(e.end) for e, text in zip(expected, found, strict=True)
    )


def _answers_near(expected: tuple[ExpectedAnswer, ...], found: list[str]) -> bool:
    joined = " ".join(found)
    head, tail = joined[: SLACK + EDGE], joined[-(SLACK + EDGE) :]
    first, last = expected[0], expected[-1]
    return bool(found) and first.start in head and last.end in tail


def score_document(name: str, data: dict[str, Any], document: InterviewDocument) -> FileScore:
    expected = expected_pairs(data)
    found = [(folded(q.text), [folded(a.text) for a in q.answers]) for q in document.questions]
    score = FileScore(name, len(expected), len(found))
    used: set[int] = set()
    cursor = 0
    for pair in expected:
        match = next(
            (
                i
                for i in [*range(cursor, len(found)), *range(cursor)]
                if i not in used and _similar(found[i][0], pair.question)
            ),
            None,
        )
        if match is None:
            score.missing += 1
            score.details.append(f"missing: {pair.question[:70]}")
            continue
        used.add(match)
        cursor = match + 1
        question, answers = found[match]
        if question == pair.question and _answers_right(pair.answers, answers):
            score.right += 1
        elif _answers_right(pair.answers, answers) or _answers_near(pair.answers, answers):
            score.near += 1
            want = f"{pair.answers[0].start!r}…{pair.answers[-1].end!r}"
            got = f"{answers[0][:40]!r}…{answers[-1][-40:]!r} ({len(answers)})" if answers else "no answer"
            question_note = "" if question == pair.question else f" [question differs: {question[:60]!r}]"
            score.details.append(f"near: {pair.question[:50]} | want {want} got {got}{question_note}")
        else:
            score.wrong += 1
            got = f"{answers[0][:40]!r}…{answers[-1][-40:]!r} ({len(answers)})" if answers else "no answer"
            score.details.append(
                f"wrong: {pair.question[:50]} | want {pair.answers[0].start!r}…{pair.answers[-1].end!r} got {got}"
            )
    score.spurious = len(found) - len(used)
    score.details += [f"spurious: {found[i][0][:70]}" for i in range(len(found)) if i not in used]
    names = {folded(p.speaker.name).casefold() for p in document.participants}
    wanted = [folded(s["name"]).casefold() for s in data.get("speakers", []) if s.get("name")]
    score.speakers = (sum(1 for n in wanted if n in names), len(wanted))
    for key, value in (
        ("title", document.title),
        ("published_at", document.published_at),
        ("language", document.language),
    ):
        if key in data and data[key] is not None:
            want = str(data[key])
            got = (
                ""
                if value is None
                else (
                    value.isoformat()[:10]
                    if key == "published_at" and not isinstance(value, str)
                    else str(value)
                )
            )
            score.metadata[key] = folded(got).casefold() == folded(want).casefold()
    return score


def score_file(path: Path) -> FileScore:
    data = json.loads(
        path.with_name(path.name.split(".")[0] + _infix(path) + EXPECTED_SUFFIX).read_text(encoding="utf-8")
    )
    try:
        document = load_article(path)
    except ArticleError as error:
        expected = len(expected_pairs(data))
        return FileScore(path.name, expected, 0, missing=expected, error=str(error))
    return score_document(path.name, data, document)


def _infix(path: Path) -> str:
    """`name.de.md` has `name.de.expected.json`: every suffix but the last belongs to the name."""
    return "".join(path.suffixes[:-1])


def articles(*corpora: Path) -> list[Path]:
    """Documents with an expectation, in name order."""
    return sorted(
        path
        for corpus in corpora
        for path in corpus.iterdir()
        if path.suffix in SUFFIXES
        and not path.name.endswith(EXPECTED_SUFFIX)
        and path.with_name(path.name.split(".")[0] + _infix(path) + EXPECTED_SUFFIX).is_file()
    )


def evaluate(*corpora: Path) -> list[FileScore]:
    return [score_file(path) for path in articles(*corpora)]


def total_share(scores: Sequence[FileScore]) -> float:
    """Right pairs over all expected (or found, if more) pairs."""
    denominator = sum(max(s.expected, s.found) for s in scores)
    return sum(s.right for s in scores) / denominator if denominator else 0.0


def table(scores: Sequence[FileScore]) -> str:
    """A plain-text table, one line per document and a total, ready to quote."""
    width = max([len(s.name) for s in scores] + [len("total")])
    head = f"{'file':<{width}}  expected  found  right  near  wrong  missing  spurious  speakers  metadata"
    lines = [head]
    for s in scores:
        meta = f"{sum(s.metadata.values())}/{len(s.metadata)}"
        note = f"  ({s.error[:80]})" if s.error else ""
        lines.append(
            f"{s.name:<{width}}  {s.expected:>8}  {s.found:>5}  {s.right:>5}  {s.near:>4}  {s.wrong:>5}  "
            f"{s.missing:>7}  {s.spurious:>8}  {s.speakers[0]:>4}/{s.speakers[1]:<3}  {meta:>8}{note}"
        )
    total = {
        k: sum(getattr(s, k) for s in scores)
        for k in ("expected", "found", "right", "near", "wrong", "missing", "spurious")
    }
    named = sum(s.speakers[0] for s in scores), sum(s.speakers[1] for s in scores)
    meta_right = sum(sum(s.metadata.values()) for s in scores)
    meta_all = sum(len(s.metadata) for s in scores)
    lines.append(
        f"{'total':<{width}}  {total['expected']:>8}  {total['found']:>5}  {total['right']:>5}  {total['near']:>4}  "
        f"{total['wrong']:>5}  {total['missing']:>7}  {total['spurious']:>8}  {named[0]:>4}/{named[1]:<3}  "
        f"{meta_right:>4}/{meta_all:<3}"
    )
    expected = max(total["expected"], 1)
    lines.append(
        f"right {total['right'] / expected:.0%}, right or near {(total['right'] + total['near']) / expected:.0%} "
        f"of {total['expected']} expected pairs; {total['spurious']} spurious; "
        f"{sum(1 for s in scores if s.error)} of {len(scores)} documents refused"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table (`-v` adds what went wrong per document); exit 1 when nothing was scored."""
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args
    folders = [Path(a) for a in args if a != "-v"] or [Path("tests/importer/corpus")]
    scores = evaluate(*folders)
    if not scores:
        print(f"{', '.join(map(str, folders))}: no documents with {EXPECTED_SUFFIX} files", file=sys.stderr)
        return 1
    print(table(scores))
    if verbose:
        for s in scores:
            for line in s.details:
                print(f"{s.name}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
