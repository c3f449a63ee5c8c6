"""Decide who the speakers are: the cast found in the lede, metadata, and the labels the text prints.

Labels ('MR. PRICE', 'BERG', 'MODERATOR') are matched to known people by name or surname; the rest
become speakers of their own, with the role the text gives them (asking side or answering side).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from slugify import slugify

from app.contract.document import ParticipantDocument, Role, SpeakerDocument
from app.importer.errors import ArticleError
from app.importer.formats import Body
from app.importer.formats.labels import Kind, kind_of
from app.importer.metadata import ArticleMetadata, PersonMeta
from app.importer.people import Cast, Person

REPORTERS = PersonMeta(name="Reporters", slug="reporters")
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|professor|sen|senator|rep|gen|general|amb|ambassador|president|minister"
    r"|secretary|spokesperson|spokesman|spokeswoman|herr|frau|m|mme|monsieur|madame|sr|sra|señor|señora"
    r"|г-н|г-жа|господин|госпожа)\.?\s+",
    re.IGNORECASE,
)
SLUG_MAX_LENGTH = 80


def make_slug(text: str, what: str) -> str:
    """A URL slug cut on a word boundary; an error when nothing sluggable is left (e.g. only digits)."""
    slug = slugify(text, max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True)
    if not any(char.isalpha() for char in slug):
        raise ArticleError(f"cannot make a slug from {what} {text!r}; give a slug in metadata")
    return slug


@dataclass(slots=True)
class Known:
    """A person the metadata or the lede names, with their role and whether they must be listed."""

    person: PersonMeta
    role: Role
    given: bool
    used: bool = False


@dataclass(slots=True)
class Speakers:
    """The participants, and which slug asks or answers for each label key (None: the unlabelled side)."""

    participants: list[ParticipantDocument] = field(default_factory=list)
    by_key: dict[str, str] = field(default_factory=dict)
    asker: str | None = None
    answerer: str | None = None
    askers: frozenset[str] = frozenset()


def _person_meta(person: Person | None) -> PersonMeta | None:
    """Parsed people in the metadata shape, so both merge field by field."""
    if person is None:
        return None
    return PersonMeta(name=person.name, title=person.title, organization=person.organization)


def merge_person(parsed: PersonMeta | None, given: PersonMeta | None) -> PersonMeta | None:
    """Given details win; when they name the same person, details only the text knows are kept."""
    if given is None or parsed is None:
        return given or parsed
    if make_slug(given.name, "name") != make_slug(parsed.name, "name"):
        return given
    return parsed.model_copy(update={k: v for k, v in given.model_dump().items() if v is not None})


def speaker_of(person: PersonMeta) -> SpeakerDocument:
    """A speaker whose slug follows the name unless metadata fixes it."""
    return SpeakerDocument(
        slug=person.slug or make_slug(person.name, "speaker name"),
        name=person.name,
        title=person.title,
        organization=person.organization,
        country=person.country,
    )


def known_people(cast: Cast, metadata: ArticleMetadata, *, labelled: bool) -> list[Known]:
    """Metadata `participants` replace the cast; otherwise metadata people complete the lede's."""
    if metadata.participants is not None:
        return [
            Known(PersonMeta(**p.model_dump(exclude={"role"})), p.role, True) for p in metadata.participants
        ]
    people: list[Known] = []
    interviewer = merge_person(_person_meta(cast.interviewer), metadata.interviewer)
    if interviewer is not None and not (labelled and cast.bylined and metadata.interviewer is None):
        people.append(Known(interviewer, Role.interviewer, metadata.interviewer is not None))
    interviewees = metadata.all_interviewees()
    if interviewees and len(interviewees) > 1:
        people.extend(Known(person, Role.interviewee, True) for person in interviewees)
    else:
        given = interviewees[0] if interviewees else None
        interviewee = merge_person(_person_meta(cast.interviewee), given)
        if interviewee is not None:
            people.append(Known(interviewee, Role.interviewee, given is not None))
    return people


def display_name(label: str) -> str:
    """'MR. SMITH' reads as 'Mr. Smith'; labels already in mixed case are kept."""
    label = label.strip().strip("()").strip()
    return label.title() if label.isupper() else label


def _name_slugs(name: str) -> set[str]:
    """A name matches its full form, its surname and its first name, without honorifics."""
    bare = _HONORIFIC.sub("", name.strip())
    words = bare.split()
    return {slugify(form) for form in (bare, words[-1] if words else "", words[0] if words else "") if form}


def _matches(label: str, person: PersonMeta) -> bool:
    """A label names a person when its bare form equals their name, surname or first name."""
    bare = slugify(_HONORIFIC.sub("", label.strip()))
    return bool(bare) and (bare in _name_slugs(person.name) or bare == person.slug)


def _role_of(label: str, asking: bool) -> Role:
    """Role from the text: role words make moderators, the asking side interviews, the rest answer."""
    if asking:
        return Role.moderator if kind_of(label) is Kind.host else Role.interviewer
    return Role.interviewee


def _match_labels(body: Body, known: list[Known]) -> dict[str, Known]:
    """Labels that name a known person (by name, surname or first name)."""
    matched: dict[str, Known] = {}
    for key, label in body.labels.items():
        if key not in body.reporters:
            found = next((k for k in known if _matches(label, k.person)), None)
            if found is not None:
                matched[key] = found
    return matched


def _askers(body: Body, matched: dict[str, Known]) -> frozenset[str]:
    """Who asks: labels of known interviewers and moderators when there are any, else the text's guess."""
    by_people = {key for key, k in matched.items() if k.role is not Role.interviewee}
    by_role = {key for key, label in body.labels.items() if kind_of(label) in (Kind.host, Kind.reporter)}
    if by_people:
        return frozenset(by_people | by_role | body.reporters)
    return body.askers


def resolve_speakers(body: Body, cast: Cast, metadata: ArticleMetadata) -> Speakers:
    """Map every label of the body to a participant and find who asks and answers unlabelled turns."""
    known = known_people(cast, metadata, labelled=bool(body.labels))
    result = Speakers()
    slugs: dict[str, tuple[PersonMeta, Role]] = {}
    reporters_person = metadata.interviewer or (
        _person_meta(cast.interviewer) if cast.interviewer and not cast.bylined else None
    )
    matched = _match_labels(body, known)
    askers = _askers(body, matched)
    for key, label in body.labels.items():
        match = matched.get(key)
        if key in body.reporters:
            person, role = (reporters_person or REPORTERS), Role.interviewer
            match = next((k for k in known if k.person.name == person.name), None)
        elif match is None and key in askers:
            free = [
                k
                for k in known
                if not k.used and k.role is not Role.interviewee and k not in matched.values()
            ]
            match = free[0] if len(free) == 1 and kind_of(label) is not Kind.name else None
        if match is not None:
            match.used = True
        if key not in body.reporters:
            person, role = (
                (match.person, match.role)
                if match
                else (PersonMeta(name=display_name(label)), _role_of(label, key in askers))
            )
        slug = speaker_of(person).slug
        result.by_key[key] = slug
        slugs.setdefault(slug, (person, role))
    result.askers = askers
    if any(exchange.asked_by not in body.labels for exchange in body.exchanges):
        result.asker = _first(known, Role.interviewer, Role.moderator)
    if any(reply.speaker not in body.labels for e in body.exchanges for reply in e.replies):
        result.answerer = _first(known, Role.interviewee)
    for item in known:
        if item.used or item.given or not body.labels:
            slugs.setdefault(speaker_of(item.person).slug, (item.person, item.role))
    order = {Role.interviewer: 0, Role.moderator: 0, Role.interviewee: 1}
    ordered = sorted(slugs.values(), key=lambda pair: order[pair[1]])
    result.participants = [ParticipantDocument(speaker=speaker_of(p), role=r) for p, r in ordered]
    return result


def _first(known: list[Known], *roles: Role) -> str | None:
    """The slug of the first known person holding the earliest-listed of `roles`."""
    for role in roles:
        for item in known:
            if item.role is role:
                item.used = True
                return speaker_of(item.person).slug
    return None
