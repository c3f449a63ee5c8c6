"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as response models; absent values are omitted, never null."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

JSON_FEED_VERSION: Literal["https://jsonfeed.org/version/1.1"] = "https://jsonfeed.org/version/1.1"


class JsonFeedAuthor(BaseModel):
    name: str = Field(examples=["Roman Vassilenko"])
    url: str | None = Field(default=None, description="The speaker's resource in this API.")


class JsonFeedItem(BaseModel):
    id: str = Field(description="Permanent: the canonical URL of the interview.")
    url: str = Field(description="The interview's public HTML page, for people.")
    title: str
    summary: str | None = None
    content_html: str = Field(description="The questions and answers, HTML-escaped text in HTML markup.")
    content_text: str
    date_published: str | None = Field(default=None, description="RFC 3339; a bare date is its midnight UTC.")
    date_modified: str = Field(description="RFC 3339.")
    authors: list[JsonFeedAuthor] | None = Field(default=None, description="The participants.")
    tags: list[str] | None = Field(default=None, description="Topic names.")
    language: str | None = None
    external_url: str | None = Field(default=None, description="Where the interview was first published.")


class JsonFeed(BaseModel):
    version: Literal["https://jsonfeed.org/version/1.1"] = JSON_FEED_VERSION
    title: str
    home_page_url: str | None = None
    feed_url: str
    description: str | None = None
    next_url: str | None = Field(default=None, description="The next, older page of this feed.")
    language: str | None = None
    authors: list[JsonFeedAuthor] | None = None
    items: list[JsonFeedItem]
