"""Feed documents from feed entries: Atom (RFC 4287) and RSS 2.0 through feedgen, and JSON Feed 1.1.

Every time written into a feed comes from the data, never from the clock, so an unchanged feed is
byte for byte the same and keeps its ETag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from app.feeds import atom_links
from app.feeds.content import (
    as_datetime,
    content_html,
    content_text,
    interview_page_url,
    interview_url,
    rfc3339,
    speaker_url,
    topics_scheme,
)
from app.feeds.repository import FeedEntry
from app.feeds.schemas import JsonFeed, JsonFeedAuthor, JsonFeedItem

EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)
PUBLISHER = "Interviews API"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all, not even escaped: stored text or a query may hold them."""


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says about itself; `feed_id` is its URL without the page cursor."""

    base_url: str
    """Where clients reach the API (no trailing slash): every link is built on it."""
    title: str
    description: str
    feed_id: str
    self_url: str
    home_url: str
    next_url: str | None
    language: str | None = None


def feed_updated(entries: list[FeedEntry]) -> datetime:
    """The newest update among the entries (the epoch for an empty feed)."""
    return max((entry.updated_at for entry in entries), default=EMPTY_FEED_UPDATED)


def _generator(
    info: FeedInfo, entries: list[FeedEntry], self_type: str, *, rss: bool = False
) -> FeedGenerator:
    feed = FeedGenerator()
    atom_links.register(feed)
    if rss:
        feed.load_extension("dc", atom=False, rss=True)
    feed.id(xml_text(info.feed_id))
    feed.title(xml_text(info.title))
    feed.subtitle(xml_text(info.description))
    feed.author({"name": PUBLISHER, "uri": info.home_url})
    feed.link(href=xml_text(info.self_url), rel="self", type=self_type)
    if info.next_url is not None:
        feed.link(href=xml_text(info.next_url), rel="next", type=self_type)
    # Last: feedgen makes the last link RSS's channel <link>, which must be the home, not a page.
    feed.link(href=info.home_url, rel="alternate", type="application/json")
    if info.language is not None:
        feed.language(xml_text(info.language))
    feed.updated(feed_updated(entries))
    for entry in entries:
        document = entry.document
        url = interview_url(info.base_url, document.slug)
        item = feed.add_entry(order="append")
        item.id(url)
        item.guid(url, permalink=True)
        item.title(xml_text(document.title))
        page = interview_page_url(info.base_url, document.slug)
        item.link(href=page, rel="alternate", type="text/html")  # RSS's item <link>: for people
        item.typed_links.links(
            [
                {"rel": "alternate", "type": "text/html", "href": page},
                {"rel": "alternate", "type": "application/json", "href": url},
            ]
        )
        if document.summary:
            item.summary(xml_text(document.summary))
        item.content(xml_text(content_html(document)), type="html")
        for participant in document.participants:
            speaker = participant.speaker
            item.author({"name": xml_text(speaker.name), "uri": speaker_url(info.base_url, speaker.slug)})
            if rss:
                item.dc.dc_creator(xml_text(speaker.name))
        for topic in document.topics:
            item.category(term=topic.slug, scheme=topics_scheme(info.base_url), label=xml_text(topic.name))
        published = as_datetime(document.published_at)
        if published is not None:
            item.published(published)
        item.updated(entry.updated_at)
    return feed


def atom_feed(info: FeedInfo, entries: list[FeedEntry]) -> bytes:
    atom: bytes = _generator(info, entries, "application/atom+xml").atom_str(pretty=True)
    return atom


def rss_feed(info: FeedInfo, entries: list[FeedEntry]) -> bytes:
    """RSS 2.0; participants appear as `dc:creator`, since RSS authors must be e-mail addresses."""
    rss: bytes = _generator(info, entries, "application/rss+xml", rss=True).rss_str(pretty=True)
    return rss


def json_feed(info: FeedInfo, entries: list[FeedEntry]) -> JsonFeed:
    items = []
    for entry in entries:
        document = entry.document
        url = interview_url(info.base_url, document.slug)
        published = as_datetime(document.published_at)
        items.append(
            JsonFeedItem(
                id=url,
                url=interview_page_url(info.base_url, document.slug),
                title=document.title,
                summary=document.summary or None,
                content_html=content_html(document),
                content_text=content_text(document),
                date_published=rfc3339(published) if published is not None else None,
                date_modified=rfc3339(entry.updated_at),
                authors=[
                    JsonFeedAuthor(name=p.speaker.name, url=speaker_url(info.base_url, p.speaker.slug))
                    for p in document.participants
                ]
                or None,
                tags=[topic.name for topic in document.topics] or None,
                language=document.language,
                external_url=document.source.url if document.source and document.source.url else None,
            )
        )
    return JsonFeed(
        title=info.title,
        home_page_url=info.home_url,
        feed_url=info.self_url,
        description=info.description,
        next_url=info.next_url,
        language=info.language,
        authors=[JsonFeedAuthor(name=PUBLISHER, url=info.home_url)],
        items=items,
    )
