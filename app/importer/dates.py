"""Find the publication date the text states ('April 16, 2025', '16.04.2025', a dateline), if any."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    (
        "january gennaio janeiro januari stycznia styczeń gener jan januar janvier enero января январь қаңтар",
        "february febbraio fevereiro februari lutego luty febrer feb februar février fevrier febrero февраля февраль ақпан",
        "march marzo março maart marca marzec març mar märz maerz mars marzo марта март наурыз",
        "april aprile abril kwietnia kwiecień abril apr avril abril апреля апрель сәуір",
        "may maggio maio mei maja maj maig mai mayo мая май мамыр",
        "june giugno junho juni czerwca czerwiec juny jun juni juin junio июня июнь маусым",
        "july luglio julho juli lipca lipiec juliol jul juli juillet julio июля июль шілде",
        "august agosto agosto augustus sierpnia sierpień agost aug août aout agosto августа август тамыз",
        "september settembre setembro september września wrzesień setembre sep sept septembre septiembre setiembre сентября сентябрь қыркүйек",
        "october ottobre outubro oktober października październik octubre oct oktober octobre octubre октября октябрь қазан",
        "november novembre novembro november listopada listopad novembre nov novembre noviembre ноября ноябрь қараша",
        "december dicembre dezembro december grudnia grudzień desembre dec dezember décembre decembre diciembre декабря декабрь желтоқсан",
    ),
    start=1,
):
    MONTHS.update(dict.fromkeys(names.split(), number))

_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_PATTERNS = (
    # 2025-04-16
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    # 16.04.2025, 16/04/2025, 16-04-2025 (day first, as in most of the world)
    re.compile(r"\b(?P<day>[0-3]?\d)[./-](?P<month>[01]?\d)[./-](?P<year>(?:19|20)\d\d)\b"),
    # 2006年5月10日
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"),
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
