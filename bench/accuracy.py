"""Measure the importer on a corpus: `python -m bench.accuracy tests/importer/corpus`.

Each article `NAME.txt|.md|.html` has `NAME.expected.json` with its questions, answers and speakers.
A question counts as recovered when its text, its asker and all its answers (speaker and text) match.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.contract.document import InterviewDocument
from app.importer.article import load_article
from app.importer.errors import ArticleError

ARTICLE_SUFFIXES = (".txt", ".md", ".html")
EXPECTED_SUFFIX = ".expected.json"
Pair = tuple[str, str | None, tuple[tuple[str, str], ...]]


@dataclass(frozen=True, slots=True)
class FileScore:
    """Pairs expected, found and recovered exactly for one article, and whether its speakers match."""

    name: str
    expected: int
    found: int
    recovered: int
    speakers_match: bool
    error: str | None = None

    @property
    def share(self) -> float:
        """Recovered over the larger of expected and found, so spurious questions also cost."""
        return self.recovered / max(self.expected, self.found, 1)


def pairs_of(document: InterviewDocument) -> list[Pair]:
    """Each question as (text, asker, ((speaker, text), …)) for exact comparison."""
    return [(q.text, q.asked_by, tuple((a.speaker, a.text) for a in q.answers)) for q in document.questions]


def expected_pairs(data: dict[str, Any]) -> list[Pair]:
    """The same shape from an `.expected.json` file."""
    return [
        (q["text"], q.get("asked_by"), tuple((a["speaker"], a["text"]) for a in q["answers"]))
        for q in data["questions"]
    ]


def expected_of(document: InterviewDocument) -> dict[str, Any]:
    """An `.expected.json` body for a document (to write a new corpus entry, then check it by hand)."""
    return {
        "language": document.language,
        "speakers": [
            {"slug": p.speaker.slug, "name": p.speaker.name, "role": p.role.value}
            for p in document.participants
        ],
        "questions": [
            {
                "text": q.text,
                "asked_by": q.asked_by,
                "answers": [{"speaker": a.speaker, "text": a.text} for a in q.answers],
            }
            for q in document.questions
        ],
    }


def score_file(article: Path) -> FileScore:
    """Compare one article's import with its expectation; an import error recovers nothing."""
    data = json.loads(article.with_name(article.stem + EXPECTED_SUFFIX).read_text(encoding="utf-8"))
    expected = expected_pairs(data)
    try:
        document = load_article(article)
    except ArticleError as error:
        return FileScore(article.name, len(expected), 0, 0, False, str(error))
    found = pairs_of(document)
    recovered = sum((Counter(expected) & Counter(found)).values())
    speakers = [(p.speaker.slug, p.speaker.name, p.role.value) for p in document.participants]
    wanted = [(s["slug"], s["name"], s["role"]) for s in data["speakers"]]
    return FileScore(article.name, len(expected), len(found), recovered, speakers == wanted)


def articles(corpus: Path) -> list[Path]:
    """Articles of the corpus that have an expectation, in name order."""
    return sorted(
        path
        for path in corpus.iterdir()
        if path.suffix in ARTICLE_SUFFIXES and path.with_name(path.stem + EXPECTED_SUFFIX).is_file()
    )


def evaluate(corpus: Path) -> list[FileScore]:
    return [score_file(path) for path in articles(corpus)]


def total_share(scores: Sequence[FileScore]) -> float:
    """Recovered pairs over all expected (or found, if more) pairs of the corpus."""
    denominator = sum(max(s.expected, s.found) for s in scores)
    return sum(s.recovered for s in scores) / denominator if denominator else 0.0


def table(scores: Sequence[FileScore]) -> str:
    """A plain-text table, one line per article and a total, ready to quote in the README."""
    width = max([len(s.name) for s in scores] + [len("total")])
    lines = [f"{'file':<{width}}  expected  found  exact  share  speakers"]
    for s in scores:
        note = f"  ({s.error})" if s.error else ""
        ok = "ok" if s.speakers_match else "DIFF"
        lines.append(
            f"{s.name:<{width}}  {s.expected:>8}  {s.found:>5}  {s.recovered:>5}  {s.share:>5.0%}  {ok}{note}"
        )
    expected = sum(s.expected for s in scores)
    found = sum(s.found for s in scores)
    recovered = sum(s.recovered for s in scores)
    speakers = sum(s.speakers_match for s in scores)
    lines.append(
        f"{'total':<{width}}  {expected:>8}  {found:>5}  {recovered:>5}  {total_share(scores):>5.0%}  "
        f"{speakers}/{len(scores)}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table; exit 1 when the corpus folder has no scored articles."""
    args = list(sys.argv[1:] if argv is None else argv)
    corpus = Path(args[0] if args else "tests/importer/corpus")
    scores = evaluate(corpus)
    if not scores:
        print(f"{corpus}: no articles with {EXPECTED_SUFFIX} files", file=sys.stderr)
        return 1
    print(table(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
