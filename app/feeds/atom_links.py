"""Atom entry links with their `rel` and `type`.

feedgen 1.0 writes an entry's links with their `href` only (it reads `rel` and `type` back from the
element it has just made), so an entry could not offer both its page for people (`text/html`) and its
JSON resource: two untyped alternates are invalid Atom. This extension writes them as given.
"""

from __future__ import annotations

from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension  # type: ignore[import-untyped]
from lxml import etree

NAME = "typed_links"


class TypedLinksFeed(BaseExtension):  # type: ignore[misc]
    """Nothing at the feed's level: its own links are written correctly."""


class TypedLinksEntry(BaseEntryExtension):  # type: ignore[misc]
    def __init__(self) -> None:
        self.given: list[dict[str, str]] = []

    def links(self, links: list[dict[str, str]]) -> None:
        self.given = links

    def extend_atom(self, entry: Any) -> Any:
        for written in entry.findall("link"):
            entry.remove(written)
        for link in self.given:
            etree.SubElement(entry, "link", link)
        return entry


def register(feed: Any) -> None:
    feed.register_extension(NAME, TypedLinksFeed, TypedLinksEntry, atom=True, rss=False)
