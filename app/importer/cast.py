"""Who took part: labels matched to people the article names, and a role for everyone.

People come from metadata (which wins), front matter (`author`, `speakers`, `guest`), the byline and
the lede ('X gave an interview to Y', 'Y spoke with X'), and the headline ('Interview with X'). A
label names a person when it is their name, surname, first name, initials or a handle built from them
('stark', 'adam3us'). A one-word label the title or lede spells out in full takes the full name.
Labels naming nobody else become speakers of their own, as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from slugify import slugify

from app.contract.document import ParticipantDocument, Role, SpeakerDocument
from app.importer.blocks import normalise
from app.importer.errors import ArticleError
from app.importer.labels import Kind, kind_of
from app.importer.metadata import ArticleMetadata, PersonMeta
from app.importer.people import NAME, Cast

SLUG_MAX_LENGTH = 80
REPORTERS = PersonMeta(name="Reporters", slug="reporters")
UNKNOWN_INTERVIEWEE = PersonMeta(name="Interviewee", slug="interviewee")
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|professor|sen|senator|rep|gen|general|amb|ambassador|president|minister"
    r"|secretary|spokesperson|spokesman|spokeswoman|herr|frau|m|mme|monsieur|madame|sr|sra|señor|señora"
    r"|г-н|г-жа|господин|госпожа|chairman|chair|the)\.?\s+",
    re.IGNORECASE,
)
_ROLE_WORDS = r"(?:(?:the\s+)?(?:[a-z][\w-]+\s+){0,2})?"
"""Lower-case words before a name: 'questions for developer Kaitlin Devine'."""
_TITLE_GUEST = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?i:interview|in conversation|a conversation|q&a|talking|chat|questions)\s+(?i:with|for)\s+"
        rf"{_ROLE_WORDS}(?P<name>{NAME})",
        rf"(?i:entrevista|charla)\s+(?i:con|a)\s+(?P<name>{NAME})",
        rf"(?i:entretien|interview|rencontre)\s+(?i:avec)\s+(?P<name>{NAME})",
        rf"(?i:intervista|chiacchierata)\s+(?i:con|a)\s+(?P<name>{NAME})",
        rf"(?i:interview|gespräch)\s+(?i:mit)\s+(?P<name>{NAME})",
        rf"(?P<name>{NAME})\s+(?i:im)\s+(?i:interview|gespräch)",
        rf"(?i:wywiad)\s+(?i:z)\s+(?P<name>{NAME})",
        rf"(?i:интервью)\s+(?i:с)\s+(?P<name>{NAME})",
    )
)


def make_slug(text: str, what: str) -> str:
    """A URL slug cut on a word boundary; an error when nothing sluggable is left (e.g. only digits)."""
    slug = slugify(text, max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True)
    if not any(char.isalpha() for char in slug):
        raise ArticleError(f"cannot make a slug from {what} {text!r}; give a slug in metadata")
    return slug


def speaker_of(person: PersonMeta) -> SpeakerDocument:
    return SpeakerDocument(
        slug=person.slug or make_slug(person.name, "speaker name"),
        name=person.name,
        title=person.title,
        organization=person.organization,
        country=person.country,
    )


def guest_in_title(title: str | None) -> str | None:
    """The person a headline says the interview is with."""
    for pattern in _TITLE_GUEST:
        match = pattern.search(title or "")
        if match:
            return match["name"]
    return None


def display_name(label: str) -> str:
    """'MR. SMITH' reads as 'Mr. Smith'; labels in mixed case are kept as printed."""
    label = label.strip().strip("()[]").strip()
    return label.title() if label.isupper() and len(label) > 3 else label


def _forms(name: str) -> set[str]:
    bare = _HONORIFIC.sub("", name.strip())
    words = [w for w in re.split(r"[\s.]+", bare) if w]
    forms = {slugify(bare)}
    if words:
        forms |= {slugify(words[-1]), slugify(words[0])}
        forms.add("".join(w[0] for w in words).lower())
    return {form for form in forms if form}


def names_person(label: str, person: PersonMeta) -> bool:
    """The label is the person's name, surname, first name or initials, or a handle built from them."""
    bare = slugify(_HONORIFIC.sub("", label.strip()))
    if not bare:
        return False
    forms = _forms(person.name) | ({person.slug} if person.slug else set())
    if bare in forms:
        return True
    if " " in label.strip():
        return False  # a full name is either the person's or another's
    compact = bare.replace("-", "")
    if any(len(form) >= 4 and compact.startswith(form.replace("-", "")) for form in forms):
        return True
    # 'WCh' for Wiktoria Choręziak: each capital opens one word of the name
    chunks = re.findall(r"[^\W\d_][^\W\d_A-ZÀ-ÝА-Я]*", label.strip())
    words = [slugify(w) for w in re.split(r"[\s.]+", _HONORIFIC.sub("", person.name.strip())) if w]
    return 1 < len(chunks) == len(words) and all(
        word.startswith(slugify(chunk)) for chunk, word in zip(chunks, words, strict=True)
    )


@dataclass(slots=True)
class Known:
    person: PersonMeta
    role: Role | None
    """None for people listed without a role (`speakers:` in front matter)."""


@dataclass
class Cast2:
    """The participants and, per label key, the slug that speaks under it."""

    participants: list[ParticipantDocument] = field(default_factory=list)
    by_key: dict[str, str] = field(default_factory=dict)
    asker: str | None = None
    answerer: str | None = None


def _completed(given: PersonMeta, found: PersonMeta) -> PersonMeta:
    """Given details win; when both name the same person, what only the text says is kept."""
    if slugify(given.name) != slugify(found.name):
        return given
    return found.model_copy(update={k: v for k, v in given.model_dump().items() if v is not None})


def known_people(
    metadata: ArticleMetadata, cast: Cast, listed: Sequence[str], title_guest: str | None
) -> list[Known]:
    """Everyone the article or its metadata names, with a role where it is said."""
    if metadata.participants is not None:
        return [Known(PersonMeta(**p.model_dump(exclude={"role"})), p.role) for p in metadata.participants]
    people: list[Known] = []
    found_interviewer = (
        PersonMeta(name=cast.interviewer.name, organization=cast.interviewer.organization)
        if cast.interviewer
        else None
    )
    interviewer = metadata.interviewer or found_interviewer
    if metadata.interviewer is not None and found_interviewer is not None:
        interviewer = _completed(metadata.interviewer, found_interviewer)
    if interviewer is not None:
        people.append(Known(interviewer, Role.interviewer))
    interviewees = metadata.all_interviewees()
    if interviewees and cast.interviewee is not None:
        found = PersonMeta(name=cast.interviewee.name, title=cast.interviewee.title)
        interviewees = [_completed(person, found) for person in interviewees]
    if not interviewees and cast.interviewee is not None:
        interviewees = [PersonMeta(name=cast.interviewee.name, title=cast.interviewee.title)]
    if not interviewees and title_guest:
        interviewees = [PersonMeta(name=title_guest)]
    people.extend(Known(person, Role.interviewee) for person in interviewees or [])
    named = {slugify(k.person.name) for k in people}
    people.extend(Known(PersonMeta(name=name), None) for name in listed if slugify(name) not in named)
    return people


def match_labels(labels: dict[str, str], known: Sequence[Known]) -> dict[str, Known]:
    """Label keys that name a known person."""
    matched: dict[str, Known] = {}
    for key, label in labels.items():
        if kind_of(label) not in (None, Kind.name):
            continue
        found = [k for k in known if names_person(label, k.person)]
        if len(found) == 1:
            matched[key] = found[0]
    return matched


_FULL_NAME = re.compile(NAME)


def named_in_full(
    labels: dict[str, str], matched: dict[str, Known], texts: Sequence[str]
) -> dict[str, Known]:
    """Labels of one word ('Guido:', 'Bolz:') that the title or lede spells out in full ('Guido van
    Rossum'), when exactly one full name there begins or ends with that word."""
    found: dict[str, Known] = {}
    names = {normalise(m[0]) for text in texts for m in _FULL_NAME.finditer(text)}
    for key, label in labels.items():
        word = label.strip()
        if key in matched or kind_of(label) not in (None, Kind.name) or not word.isalpha():
            continue
        fuller = {n for n in names if word.casefold() in (n.split()[0].casefold(), n.split()[-1].casefold())}
        if len(fuller) == 1 and (name := fuller.pop()) != word:
            found[key] = Known(PersonMeta(name=name), None)
    return found


def _only(people: dict[str, tuple[PersonMeta, Role]], roles: tuple[Role, ...]) -> PersonMeta | None:
    """The one labelled person in these roles, who then also speaks the unlabelled turns of that side
    (a label dropped on one paragraph); None when there are several, or none."""
    found = [person for person, role in people.values() if role in roles]
    return found[0] if len(found) == 1 and found[0] is not REPORTERS else None


def build_cast(
    labels: dict[str, str],
    askers: Iterable[str],
    known: Sequence[Known],
    matched: dict[str, Known],
    *,
    unlabelled_questions: bool,
    unlabelled_answers: bool,
) -> Cast2:
    """Participants in role order, every label mapped to a slug, and who asks and answers unlabelled turns."""
    result = Cast2()
    people: dict[str, tuple[PersonMeta, Role]] = {}
    asking = set(askers)
    reporters_person = next((k.person for k in known if k.role is Role.interviewer), None)
    for key, label in labels.items():
        kind = kind_of(label)
        if kind in (Kind.question, Kind.reporter) and key in asking:
            person, role = (reporters_person or REPORTERS), Role.interviewer
        elif key in matched:
            found = matched[key]
            role = found.role or (Role.interviewer if key in asking else Role.interviewee)
            if key in asking and role is Role.interviewee:
                role = Role.interviewer
            person = found.person
        elif kind is Kind.answer:
            person = next((k.person for k in known if k.role is Role.interviewee), UNKNOWN_INTERVIEWEE)
            role = Role.interviewee
        elif kind is Kind.host and key in asking:
            person = next((k.person for k in known if k.role is Role.interviewer), None) or PersonMeta(
                name=display_name(label)
            )
            role = Role.moderator
        else:
            person = PersonMeta(name=display_name(label))
            role = Role.interviewer if key in asking else Role.interviewee
        slug = speaker_of(person).slug
        result.by_key[key] = slug
        people.setdefault(slug, (person, role))
    if unlabelled_questions:
        interviewer = next((k.person for k in known if k.role in (Role.interviewer, Role.moderator)), None)
        interviewer = interviewer or _only(people, (Role.interviewer, Role.moderator))
        if interviewer is not None:
            result.asker = speaker_of(interviewer).slug
            people.setdefault(result.asker, (interviewer, Role.interviewer))
    if unlabelled_answers:
        interviewee = next((k.person for k in known if k.role is Role.interviewee), None)
        person = interviewee or _only(people, (Role.interviewee,)) or UNKNOWN_INTERVIEWEE
        result.answerer = speaker_of(person).slug
        people.setdefault(result.answerer, (person, Role.interviewee))
    order = {Role.moderator: 0, Role.interviewer: 0, Role.interviewee: 1}
    ordered = sorted(people.values(), key=lambda pair: order[pair[1]])
    result.participants = [ParticipantDocument(speaker=speaker_of(p), role=r) for p, r in ordered]
    return result
