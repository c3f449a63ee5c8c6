"""Turn an article's text (plus optional metadata) into an `InterviewDocument`; pure, no database."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from app.contract.document import InterviewDocument, SourceDocument
from app.importer.build import build_questions, topic_document
from app.importer.dates import find_date
from app.importer.errors import ArticleError
from app.importer.formats import Body, detect_format
from app.importer.formats.turns import assemble
from app.importer.head import Head, read_head
from app.importer.inputs import MAX_BYTES, check_size, check_text, decode
from app.importer.language import detect_language
from app.importer.markup import html_to_text, is_html, strip_markdown
from app.importer.metadata import ArticleMetadata
from app.importer.paragraphs import split_paragraphs
from app.importer.people import find_cast
from app.importer.sidecar import read_sidecar, split_front_matter
from app.importer.speakers import Speakers, make_slug, resolve_speakers

__all__ = ["load_article", "make_slug", "parse_article"]


def _title(head: Head, metadata: ArticleMetadata, heading: str | None) -> str:
    """The schema requires a title, so a missing one is an error that says where we looked."""
    if metadata.title:
        return metadata.title
    if heading:
        return heading
    if head.title is None:
        where = f"before the lede at line {head.lede.line}" if head.lede else "before the first question"
        raise ArticleError(
            f"no title found (looked for a headline line {where}: at least 4 words, no final punctuation); "
            "give `title` in metadata"
        )
    return head.title.text


def _reassembled(body: Body, speakers: Speakers) -> Body:
    """When the lede or metadata names the asker among the labels, their turns are the questions."""
    if body.turns is None or body.reporters:
        return body
    if not speakers.askers or speakers.askers == body.askers:
        return body
    exchanges = assemble(body.turns, speakers.askers)
    return Body(body.head, exchanges, body.turns, speakers.askers, body.reporters, body.labels)


def _no_questions(body: Body, name: str) -> ArticleError:
    """Turns were found but nobody asks: say which speakers were seen and how to fix it."""
    seen = ", ".join(body.labels.values()) or "none"
    return ArticleError(
        f"{name} found (speakers: {seen}) but no question: no speaker is marked as asking (a role like "
        "MODERATOR, most turns ending in '?', or the interviewer named in the lede); give `interviewer` in metadata"
    )


def parse_article(
    text: str,
    metadata: ArticleMetadata | None = None,
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> InterviewDocument:
    """Parse an interview article (plain text, Markdown or an HTML page); front matter and page metadata
    apply, and `metadata` wins over both. `format` forces 'numbered', 'qa', 'turns' or 'briefing'."""
    check_size(len(text.encode("utf-8", errors="replace")), max_bytes)
    check_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    page = ArticleMetadata()
    if is_html(text):
        text, found = html_to_text(text)
        page = found.as_metadata()
    front_matter, body_text, used_lines = split_front_matter(text)
    given = page.overlay(front_matter).overlay(metadata)
    body_text, heading = strip_markdown(body_text)
    paragraphs = split_paragraphs(body_text, first_line=used_lines + 1)
    if not paragraphs:
        after = " after the front matter" if used_lines else ""
        raise ArticleError(f"the article is empty: no text found{after}")

    article_format = detect_format(paragraphs, format or given.format)
    body = article_format.split(paragraphs)
    head = read_head(body.head)
    cast = find_cast(paragraph.text for paragraph in body.head)
    speakers = resolve_speakers(body, cast, given)
    body = _reassembled(body, speakers)
    if not body.exchanges:
        raise _no_questions(body, article_format.name)
    if speakers.answerer is None and any(
        (reply.speaker or "") not in speakers.by_key for e in body.exchanges for reply in e.replies
    ):
        lede = f"the lede (line {head.lede.line})" if head.lede else "the text before the first question"
        raise ArticleError(
            f"no interviewee found: {lede} names no one in a phrasing like "
            "'X, <title>, gave an interview to Y from Z'; give `interviewee` in metadata"
        )
    title = _title(head, given, heading)
    questions = build_questions(body.exchanges, speakers, given)

    spoken = " ".join([q.text for q in questions] + [a.text for q in questions for a in q.answers])
    source_name = given.source_name or cast.outlet
    try:
        return InterviewDocument(
            slug=given.slug or make_slug(title, "title"),
            title=title,
            summary=given.summary or (head.lede.text if head.lede else None),
            language=given.language or detect_language(spoken),
            published_at=given.published_at or find_date(p.text for p in body.head),
            location=given.location,
            event=given.event,
            source=SourceDocument(name=source_name, url=given.source_url)
            if source_name or given.source_url
            else None,
            participants=speakers.participants,
            topics=[topic_document(topic) for topic in given.topics or []],
            questions=questions,
        )
    except ValidationError as error:
        raise ArticleError(f"the imported interview is not valid: {error}") from error


def load_article(
    path: Path,
    metadata: ArticleMetadata | None = None,
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> InterviewDocument:
    """Read a UTF-8 article file; its sidecar `<name>.meta.yaml` wins over its front matter and
    `metadata` wins over the sidecar."""
    try:
        check_size(path.stat().st_size, max_bytes, str(path))
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path}: cannot read the file ({error.strerror or error})") from error
    text = decode(data, str(path), max_bytes)
    sidecar = read_sidecar(path)
    given = sidecar.overlay(metadata) if sidecar is not None else metadata
    return parse_article(text, given, format=format, max_bytes=max_bytes)
