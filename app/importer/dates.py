"""Find the publication date the text states ('April 16, 2025', '16.04.2025', a dateline), if any."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    (
        "january jan januar janvier enero января январь қаңтар",
        "february feb februar février fevrier febrero февраля февраль ақпан",
        "march mar märz maerz mars marzo марта март наурыз",
        "april apr avril abril апреля апрель сәуір",
        "may mai mayo мая май мамыр",
        "june jun juni juin junio июня июнь маусым",
        "july jul juli juillet julio июля июль шілде",
        "august aug août aout agosto августа август тамыз",
        "september sep sept septembre septiembre setiembre сентября сентябрь қыркүйек",
        "october oct oktober octobre octubre октября октябрь қазан",
        "november nov novembre noviembre ноября ноябрь қараша",
        "december dec dezember décembre decembre diciembre декабря декабрь желтоқсан",
    ),
    start=1,
):
    MONTHS.update(dict.fromkeys(names.split(), number))

_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_PATTERNS = (
    # 2025-04-16
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    # 16.04.2025, 16/04/2025 (day first, as in most of the world)
    re.compile(r"\b(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d)\b"),
    # April 16, 2025
    re.compile(
        rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    # 16 April 2025, 16. April 2025, le 16 avril 2025, 16 de abril de 2025, 16 апреля 2025 г.
    re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?(?P<month>{_MONTH})\.?\s+(?:de\s+)?"
        rf"(?P<year>(?:19|20)\d\d)\b",
        re.I,
    ),
)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower()]


def find_date(texts: Iterable[str]) -> date | None:
    """The first valid date in the texts, in text order; impossible dates (31.02.) are skipped."""
    for text in texts:
        found: list[tuple[int, date]] = []
        for pattern in _PATTERNS:
            for match in pattern.finditer(text):
                try:
                    value = date(int(match["year"]), _month(match["month"]), int(match["day"]))
                except ValueError:
                    continue
                found.append((match.start(), value))
        if found:
            return min(found)[1]
    return None
