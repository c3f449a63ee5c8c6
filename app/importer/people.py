"""Find interviewer, interviewee and outlet in the lede's phrasing.

Such as 'X, <title>, gave an interview to Y from Z'; a small set of patterns, not a grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_UPPER = re.escape("".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper()))
_NAME_WORD = rf"[{_UPPER}](?:[\w'\u2019-]+|\.)"
_PARTICLE = r"(?:von|van|der|den|de|da|di|del|du|la|le|bin|ibn|al|ter|ten|zu)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}?(?!\s+[{_UPPER}])"
"""Two to four capitalised words with particles ('von', 'de') between; lazy, so in 'Jan Kurz von der
Rheinpost' the name stops after 'Kurz' and the outlet pattern gets the rest."""
_ORG_WORD = rf"[{_UPPER}0-9][\w'\u2019&-]*"
ORG = rf"{_ORG_WORD}(?:\s+(?:(?:of|for|&|de|du|des|für)\s+)?{_ORG_WORD}){{0,5}}"
"""An outlet: capitalised words ('EU Reporter', 'The Guardian', 'Le Monde')."""

_APPOSITIVE = r"(?:,\s+(?P<title>[^,()]{3,150}?)(?=\s*[,.;(]))?"
_PICTURED = r"(?:\s*\((?i:pictured|photo|im bild|auf dem foto|en photo|sur la photo|на фото)\))?"
_ARTICLE = r"(?:(?:the|der|die|das|le|la|les|el)\s+)?"
_OUTLET = rf"(?:\s+(?:from|of|at|with|von|vom|de|du|d['\u2019])\s*{_ARTICLE}(?P<outlet>{ORG}))?"
_EXCLUSIVE = r"(?:exclusive|extensive|wide-ranging|exklusives|ausführliches|exclusif)\s+"

PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # Roman Vassilenko, Deputy Minister (pictured), gave an exclusive interview to Derya Soysal from …
        rf"(?P<interviewee>{NAME}){_APPOSITIVE}{_PICTURED},?\s+(?:gave|gives|granted|has given|has granted)"
        rf"\s+(?:an?\s+)?(?:{_EXCLUSIVE})?interview\s+to\s+(?P<interviewer>{NAME}){_OUTLET}",
        # Jean Dupont, ministre, a accordé un entretien exclusif à Marie Curie du Monde
        rf"(?P<interviewee>{NAME}){_APPOSITIVE}{_PICTURED},?\s+a\s+accordé\s+(?:un|une)\s+(?:{_EXCLUSIVE})?"
        rf"(?:entretien|interview)\s+(?:{_EXCLUSIVE})?à\s+(?P<interviewer>{NAME}){_OUTLET}",
        # Anna Berg, Ministerin, gab Jan Kurz von der Post ein exklusives Interview
        rf"(?P<interviewee>{NAME}){_APPOSITIVE}{_PICTURED},?\s+(?:gab|hat)\s+(?P<interviewer>{NAME}){_OUTLET}"
        rf"\s+ein\s+(?:{_EXCLUSIVE})?Interview",
        # In an interview with Jane Roe from The Post, John Doe, Minister, said …
        rf"\b(?:[Ii]n an? (?:{_EXCLUSIVE})?interview with|[Ii]m (?:{_EXCLUSIVE})?(?:Interview|Gespräch) mit"
        rf"|[Dd]ans un (?:{_EXCLUSIVE})?entretien (?:accordé )?à)\s+(?P<interviewer>{NAME}){_OUTLET}"
        rf"(?:,\s+(?P<interviewee>{NAME}){_APPOSITIVE})?",
        # John Doe, Minister, was interviewed by Jane Roe of The Post
        rf"(?:(?P<interviewee>{NAME}){_APPOSITIVE}{_PICTURED},?\s+(?:was|has been|is)\s+)?"
        rf"interviewed\s+by\s+(?P<interviewer>{NAME}){_OUTLET}",
        # We recently sat down with developer John Doe and asked …
        rf"\b(?:[Ww]e|I)\s+(?:recently\s+|also\s+)?(?:spoke|talked|sat down|caught up|chatted)\s+(?:with|to)\s+"
        rf"(?:(?:the\s+)?(?:[a-z][\w-]+\s+){{0,2}})?(?P<interviewee>{NAME}){_APPOSITIVE}",
        # Jane Roe of The Post spoke with John Doe, Minister, about …
        rf"(?P<interviewer>{NAME}){_OUTLET}\s+(?:spoke|talked|sat down)\s+(?:with|to)\s+"
        rf"(?P<interviewee>{NAME}){_APPOSITIVE}",
    )
)
BYLINE = re.compile(
    rf"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|Автор:?|Interview:|Interview von)\s+(?P<interviewer>{NAME})"
    rf"(?:\s*(?:[,|\u2013—-]|\bfor\b|\bfrom\b|\bof\b)\s*(?P<outlet>{ORG}))?\s*$"
)
"""A byline such as 'By Jane Roe, The Post': the writer of an interview article is its interviewer."""


@dataclass(frozen=True, slots=True)
class Person:
    """A person as the text names them; the title comes from an appositive."""

    name: str
    title: str | None = None
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Cast:
    """Who the text says took part, and for which outlet; any of it may be unknown."""

    interviewer: Person | None = None
    interviewee: Person | None = None
    outlet: str | None = None
    bylined: bool = False
    """The interviewer is known only from a byline: the writer, who may not be the one asking."""

    def completed_by(self, other: Cast) -> Cast:
        """Fill what is still unknown from a later find; the first mention wins, a phrasing beats a byline."""
        if self.bylined and other.interviewer is not None and not other.bylined:
            interviewer = _completed(other.interviewer, self.interviewer)
            interviewee = _completed(self.interviewee, other.interviewee)
            return Cast(interviewer, interviewee, self.outlet or other.outlet)
        return Cast(
            _completed(self.interviewer, other.interviewer),
            _completed(self.interviewee, other.interviewee),
            self.outlet or other.outlet,
            self.bylined if self.interviewer is not None else other.bylined,
        )


def _completed(first: Person | None, later: Person | None) -> Person | None:
    """The first mention of a role, with details a later mention of the same person adds."""
    if first is None or later is None or first.name != later.name:
        return first or later
    return Person(first.name, first.title or later.title, first.organization or later.organization)


def _clean_title(title: str | None) -> str | None:
    """An appositive's title without the leading article ('the Finnish foreign minister')."""
    if not title:
        return None
    title = re.sub(r"^(?:the|der|die|le|la|l['\u2019])\s+", "", title.strip(), flags=re.IGNORECASE)
    return title or None


def _cast_from(match: re.Match[str]) -> Cast:
    """Turn one pattern match into people; the outlet becomes the interviewer's organisation."""
    groups = match.groupdict()
    outlet = groups.get("outlet")
    interviewer = Person(groups["interviewer"], organization=outlet) if groups.get("interviewer") else None
    interviewee = (
        Person(groups["interviewee"], title=_clean_title(groups.get("title")))
        if groups.get("interviewee")
        else None
    )
    return Cast(interviewer, interviewee, outlet)


def find_cast(paragraphs: Iterable[str]) -> Cast:
    """Search the paragraphs in order with every phrasing and byline; the earliest mention of a role wins."""
    cast = Cast()
    for text in paragraphs:
        byline = BYLINE.match(text)
        if byline:
            found = _cast_from(byline)
            cast = cast.completed_by(Cast(found.interviewer, found.interviewee, found.outlet, bylined=True))
        for pattern in PATTERNS:
            match = pattern.search(text)
            if match:
                cast = cast.completed_by(_cast_from(match))
    return cast
