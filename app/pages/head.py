"""What a page says about itself in its `<head>`: title and description, the canonical URL, OpenGraph
and Twitter card tags, `<link rel="alternate">` to the JSON resource and the feeds, and schema.org
JSON-LD (an interview is an `Article` whose parts are `Question`s, each with its `Answer`s)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from app.interviews.schemas import InterviewDetail, InterviewSummary
from app.kit.page_links import (
    answer_page,
    interview_page,
    question_page,
    search_page,
    speaker_page,
    topic_page,
)
from app.kit.references import SpeakerRef, TopicRef
from app.pages.views import SpeakerContent, TopicContent

SITE_NAME = "Interviews"
DESCRIPTION_CHARS = 200
JSON = "application/json"
FEEDS = (("atom", "application/atom+xml", "Atom feed"), ("json", "application/feed+json", "JSON Feed"))
"""The feeds a page links to (RSS is there too, at `.rss`, for readers that only take it)."""


@dataclass(frozen=True)
class Alternate:
    href: str
    type: str
    title: str


@dataclass(frozen=True)
class Head:
    title: str
    description: str
    url: str
    """Canonical and absolute: `og:url`, `<link rel="canonical">`, the JSON-LD `@id`."""
    og_type: str
    json_ld: dict[str, Any]
    alternates: list[Alternate] = field(default_factory=list)
    og: list[tuple[str, str]] = field(default_factory=list)
    """More OpenGraph properties (`article:published_time`, `article:tag`…), in order."""
    language: str = "en"
    indexable: bool = True


def excerpt(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """The text on one line, cut at a word boundary to about `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:.") + "…"


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def _feeds(base: str, of: str = "", **narrowed: str) -> list[Alternate]:
    """The interview feeds, narrowed to a speaker or topic (`of` names it for people)."""
    query = f"?{urlencode(narrowed)}" if narrowed else ""
    what = f" of {of}" if of else " of the newest interviews"
    return [
        Alternate(f"{base}/v1/feeds/interviews.{suffix}{query}", media_type, f"{title}{what}")
        for suffix, media_type, title in FEEDS
    ]


def _person(base: str, speaker: SpeakerRef) -> dict[str, Any]:
    return {"@type": "Person", "name": speaker.name, "url": base + speaker_page(speaker.slug)}


def _thing(base: str, topic: TopicRef) -> dict[str, Any]:
    return {"@type": "Thing", "name": topic.name, "url": base + topic_page(topic.slug)}


def _by_role(interview: InterviewSummary, *roles: str) -> list[SpeakerRef]:
    return [p.speaker for p in interview.participants if p.role.value in roles]


def interview_head(interview: InterviewDetail, base: str) -> Head:
    url = base + interview_page(interview.slug)
    interviewees = _by_role(interview, "interviewee")
    askers = _by_role(interview, "interviewer", "moderator")
    first_answer = next((a.text for q in interview.questions for a in q.answers), "")
    description = excerpt(interview.summary or first_answer or interview.title)
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": excerpt(interview.title, 110),
        "name": interview.title,
        "description": description,
        "genre": "Interview",
        "inLanguage": interview.language or "en",
        "author": [_person(base, s) for s in askers] or [_person(base, s) for s in interviewees],
        "contributor": [_person(base, s) for s in interviewees],
        "about": [_person(base, s) for s in interviewees] + [_thing(base, t) for t in interview.topics],
        "dateModified": _iso(interview.updated_at),
        "hasPart": [
            {
                "@type": "Question",
                "@id": base + question_page(interview.slug, question.id),
                "url": base + question_page(interview.slug, question.id),
                "position": question.position,
                "text": question.text,
                **({"author": _person(base, question.asked_by)} if question.asked_by else {}),
                "about": [_thing(base, t) for t in question.topics],
                "answerCount": len(question.answers),
                "acceptedAnswer": [
                    {
                        "@type": "Answer",
                        "@id": base + answer_page(interview.slug, answer.id),
                        "url": base + answer_page(interview.slug, answer.id),
                        "position": answer.position,
                        "text": answer.text,
                        "author": _person(base, answer.speaker),
                    }
                    for answer in question.answers
                ],
            }
            for question in interview.questions
        ],
    }
    if interview.published_at is not None:
        article["datePublished"] = _iso(interview.published_at)
    if interview.source is not None:
        if interview.source.name:
            article["publisher"] = {"@type": "Organization", "name": interview.source.name}
        if interview.source.url:
            article["isBasedOn"] = interview.source.url
    if interview.location:
        article["locationCreated"] = {"@type": "Place", "name": interview.location}
    if interview.event:
        article["recordedAt"] = {"@type": "Event", "name": interview.event}
    if interview.media is not None:
        kind = "VideoObject" if (interview.media.type or "").startswith("video/") else "AudioObject"
        media: dict[str, Any] = {"@type": kind, "contentUrl": interview.media.url}
        if interview.media.type:
            media["encodingFormat"] = interview.media.type
        if interview.media.duration is not None:
            media["duration"] = f"PT{interview.media.duration:g}S"
        article["associatedMedia"] = media
    og = [("article:modified_time", _iso(interview.updated_at) or "")]
    if interview.published_at is not None:
        og.insert(0, ("article:published_time", _iso(interview.published_at) or ""))
    og += [("article:author", base + speaker_page(s.slug)) for s in interviewees + askers]
    og += [("article:tag", topic.name) for topic in interview.topics]
    alternates = [Alternate(f"{base}/v1/interviews/{interview.slug}", JSON, "This interview as JSON")]
    if any(
        q.start_time is not None or any(a.start_time is not None for a in q.answers)
        for q in interview.questions
    ):
        alternates.append(
            Alternate(
                f"{base}/v1/interviews/{interview.slug}/transcript.vtt", "text/vtt", "Transcript (WebVTT)"
            )
        )
    return Head(
        title=interview.title,
        description=description,
        url=url,
        og_type="article",
        json_ld=article,
        alternates=alternates + _feeds(base),
        og=og,
        language=interview.language or "en",
    )


def _item_list(base: str, interviews: list[InterviewSummary]) -> dict[str, Any]:
    return {
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": base + interview_page(interview.slug),
                "name": interview.title,
            }
            for position, interview in enumerate(interviews, 1)
        ],
    }


def speaker_head(content: SpeakerContent, base: str) -> Head:
    speaker = content.speaker
    url = base + speaker_page(speaker.slug)
    about = ", ".join(part for part in (speaker.title, speaker.organization, speaker.country) if part)
    count = len(content.interviews.items)
    description = excerpt(
        f"{speaker.name}{f', {about}' if about else ''}: {count}{'+' if content.interviews.next_cursor else ''} "
        f"interview{'s' if count != 1 else ''}, with every question asked and answer given."
    )
    person: dict[str, Any] = {"@type": "Person", "@id": f"{url}#person", "name": speaker.name, "url": url}
    if speaker.title:
        person["jobTitle"] = speaker.title
    if speaker.organization:
        person["affiliation"] = {"@type": "Organization", "name": speaker.organization}
    if speaker.country:
        person["nationality"] = {"@type": "Country", "name": speaker.country}
    person["subjectOf"] = [
        {"@type": "Article", "url": base + interview_page(i.slug), "name": i.title}
        for i in content.interviews.items
    ]
    return Head(
        title=speaker.name,
        description=description,
        url=url,
        og_type="profile",
        json_ld={
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "@id": url,
            "url": url,
            "name": speaker.name,
            "dateModified": _iso(speaker.updated_at),
            "mainEntity": person,
        },
        alternates=[
            Alternate(f"{base}/v1/speakers/{speaker.slug}", JSON, "This speaker as JSON"),
            *_feeds(base, speaker.name, speaker=speaker.slug),
        ],
        og=[("profile:username", speaker.slug)],
    )


def topic_head(content: TopicContent, base: str) -> Head:
    topic = content.topic
    url = base + topic_page(topic.slug)
    description = excerpt(topic.description or f"Interviews about {topic.name}, newest first.")
    return Head(
        title=topic.name,
        description=description,
        url=url,
        og_type="website",
        json_ld={
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "@id": url,
            "url": url,
            "name": topic.name,
            "description": description,
            "about": {"@type": "Thing", "name": topic.name, "url": url},
            "mainEntity": _item_list(base, content.interviews.items),
        },
        alternates=[
            Alternate(f"{base}/v1/topics/{topic.slug}", JSON, "This topic as JSON"),
            *_feeds(base, topic.name, topic=topic.slug),
        ],
    )


def search_head(q: str, base: str) -> Head:
    url = base + (search_page(q) if q else "/search")
    title = f"“{excerpt(q, 80)}”: search" if q else "Search"
    alternates = []
    if q:
        query = urlencode({"q": q})
        alternates = [
            Alternate(f"{base}/v1/search?{query}", JSON, "These hits as JSON"),
            Alternate(
                f"{base}/v1/feeds/search.atom?{query}", "application/atom+xml", "Atom feed of this search"
            ),
            Alternate(
                f"{base}/v1/feeds/search.json?{query}", "application/feed+json", "JSON Feed of this search"
            ),
        ]
    return Head(
        title=title,
        description="Search everything said in the interviews: answers, questions, titles and summaries.",
        url=url,
        og_type="website",
        json_ld={
            "@context": "https://schema.org",
            "@type": "SearchResultsPage",
            "@id": url,
            "url": url,
            "name": title,
        },
        alternates=alternates,
        # Result pages are endless variations of one another; the interviews are what to index.
        indexable=False,
    )


def message_head(title: str, base: str, path: str) -> Head:
    """For a page that says something went wrong (404, a bad cursor): never to be indexed."""
    url = base + path
    return Head(
        title=title,
        description=title,
        url=url,
        og_type="website",
        json_ld={"@context": "https://schema.org", "@type": "WebPage", "url": url, "name": title},
        indexable=False,
    )
