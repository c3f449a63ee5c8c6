"""Front matter as blogs write it (Jekyll, Hugo, Eleventy, Pelican): YAML between `---` lines, or TOML
between `+++`. The keys people use are mapped to metadata; anything else is ignored and reported,
never a reason to refuse the article.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from pydantic import ValidationError
from slugify import slugify

from app.importer.metadata import ArticleMetadata

_YAML = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(?P<body>.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_LANGUAGE = re.compile(r"^([a-z]{2})(?:[-_][A-Za-z]{2,4})?$")

KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "summary": ("description", "summary", "excerpt", "abstract", "lede", "lead", "subtitle", "teaser"),
    "published_at": (
        "date",
        "published",
        "published_at",
        "publishdate",
        "publish_date",
        "pubdate",
        "created",
    ),
    "language": ("lang", "language", "locale"),
    "interviewer": ("interviewer", "author", "authors", "by", "byline", "host", "hosts", "moderator"),
    "interviewee": ("interviewee", "interviewees", "guest", "guests"),
    "people": ("speakers", "participants", "people", "cast"),
    "topics": ("tags", "categories", "topics", "keywords"),
    "slug": ("slug",),
    "source_url": ("canonical", "canonical_url", "url", "permalink", "source_url", "link"),
    "source_name": ("source", "publisher", "publication", "site", "outlet", "source_name"),
    "location": ("location", "place", "city"),
    "event": ("event",),
    "media_url": ("media_url", "media", "audio", "audio_url", "video", "video_url", "enclosure", "mp3"),
    "media_type": ("media_type", "mime_type", "enclosure_type"),
}
"""Our field, and the front-matter keys (lower case) that mean it, first found wins."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    metadata: ArticleMetadata = field(default_factory=ArticleMetadata)
    people: tuple[str, ...] = ()
    """Names listed without a role (`speakers:`): they help name labels, not decide who asks."""
    ignored: tuple[str, ...] = ()
    lines: int = 0


def _names(value: Any) -> list[str]:
    """Names from a string ('A, B and C'), a list of strings, or a list of {name: …} mappings."""
    if isinstance(value, str):
        parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", value)
        return [part.strip() for part in parts if part.strip()]
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("name") or item.get("title")
            if isinstance(item, str) and item.strip():
                names.append(item.strip())
        return names
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"]]
    return []


def _date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        match = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", value)
        return match[1] if match else value.strip() or None
    return None


def _field(name: str, value: Any) -> Any:
    """A front-matter value in the shape ArticleMetadata takes, or None when it cannot be used."""
    if name in ("title", "summary", "source_name", "location", "event"):
        return str(value).strip() if isinstance(value, str | int | float) and str(value).strip() else None
    if name == "published_at":
        return _date(value)
    if name == "language":
        match = _LANGUAGE.match(str(value).strip()) if isinstance(value, str) else None
        return match[1].lower() if match else None
    if name == "slug":
        return slugify(str(value)) or None
    if name in ("source_url", "media_url"):
        if isinstance(value, dict):  # `enclosure: {url: …, type: …}`
            value = value.get("url")
        return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None
    if name == "media_type":
        return value if isinstance(value, str) and value.startswith(("audio/", "video/")) else None
    if name == "topics":
        names = _names(value)
        return [{"slug": slugify(n), "name": n} for n in names if slugify(n)] or None
    return None


def read_front_matter(text: str) -> tuple[FrontMatter, str]:
    """The front matter (if any) and the text after it."""
    match = _YAML.match(text) or _TOML.match(text)
    if match is None:
        return FrontMatter(), text
    body = match["body"] or ""
    try:
        data = tomllib.loads(body) if match.re is _TOML else yaml.safe_load(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError):
        data = None
    rest = text[match.end() :]
    lines = match[0].count("\n")
    if not isinstance(data, dict):
        return FrontMatter(ignored=("(unreadable front matter)",), lines=lines), rest
    try:  # written in our own metadata format (a sidecar's keys): taken as it is
        return FrontMatter(ArticleMetadata.model_validate(data), (), (), match[0].count("\n")), rest
    except ValidationError:
        pass
    lowered = {str(key).lower(): value for key, value in data.items()}
    used: set[str] = set()
    values: dict[str, Any] = {}
    people: list[str] = []
    for name, keys in KEYS.items():
        for key in keys:
            if key not in lowered or lowered[key] in (None, "", []):
                continue
            value = lowered[key]
            if name in ("interviewer", "interviewee", "people"):
                found = _names(value)
                if found:
                    used.add(key)
                    if name == "people":
                        people.extend(found)
                    elif name == "interviewer" and name not in values:
                        values[name] = found[0]
                    elif name == "interviewee" and name not in values:
                        values["interviewees"] = found
                        values[name] = found[0]
                continue
            converted = _field(name, value)
            if converted is not None and name not in values:
                values[name] = converted
                used.add(key)
    metadata = ArticleMetadata()
    for name, value in values.items():
        try:
            metadata = metadata.overlay(ArticleMetadata.model_validate({name: value}))
        except ValidationError:
            used.discard(next((k for k in KEYS.get(name, ()) if k in lowered), ""))
    if "interviewees" in values and len(values["interviewees"]) > 1:
        with contextlib.suppress(ValidationError):
            metadata = metadata.overlay(
                ArticleMetadata.model_validate({"interviewees": values["interviewees"]})
            )
    ignored = tuple(key for key in lowered if key not in used)
    return FrontMatter(metadata, tuple(people), ignored, lines), rest
