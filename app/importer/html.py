"""An HTML page becomes Markdown-like text that keeps what marks a question: bold and headings, labels
with their spaces, paragraph breaks, and the text inside links. Page furniture (navigation, images and
captions, teasers, share and newsletter boxes, related links, comments) is left out by tag and by
the names pages give such boxes, never by one site's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError, _Element

from app.importer.errors import ArticleError
from app.importer.metadata import ArticleMetadata

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p|section|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)
SKIPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "nav",
        "footer",
        "aside",
        "figure",
        "figcaption",
        "img",
        "picture",
        "video",
        "audio",
        "source",
        "track",
        "map",
        "menu",
        "dialog",
        "label",
    ]
)
BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "center",
        "details",
        "summary",
        "address",
    ]
)
STRONG = frozenset({"strong", "b"})
EMPHASIS = frozenset({"em", "i"})
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|newsletter|related|recommend(?:ed|ations)?|promo|teaser|advert\w*|ads?"
    r"|sponsor\w*|subscri\w*|sign-?up|cookie\w*|breadcrumbs?|comments?|sidebar|footer|menu|nav(?:bar|igation)?"
    r"|toc|table-of-contents|caption|credits?|download\w*|pagination|popup|modal|banner|widget|more-stories"
    r"|read-?more|outbrain|taboola|paywall|disclaimer|author-bio|tags|copyright)(?:$|[\s_-])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a web page says about itself in its head."""

    title: str | None = None
    published_at: str | None = None
    url: str | None = None
    site_name: str | None = None
    language: str | None = None
    author: str | None = None

    def as_metadata(self) -> ArticleMetadata:
        """The page's facts as metadata, each kept only if valid on its own (a page's odd date is no
        reason to refuse the article)."""
        data = {
            "title": self.title,
            "published_at": (self.published_at or "")[:10] or None,
            "source_url": self.url,
            "source_name": self.site_name,
            "language": self.language if self.language and re.fullmatch(r"[a-z]{2}", self.language) else None,
            "interviewer": self.author,
        }
        result = ArticleMetadata()
        for name, value in data.items():
            if value:
                try:
                    result = result.overlay(ArticleMetadata.model_validate({name: value}))
                except ValueError:
                    continue
        return result


def is_html(text: str) -> bool:
    """An HTML page or fragment: it opens with a doctype or a structural tag."""
    return bool(_HTML_START.match(text[:4000]))


def _is_furniture(element: _Element) -> bool:
    names = " ".join(str(element.get(attribute) or "") for attribute in ("class", "id", "role"))
    return (
        bool(names.strip()) and bool(_FURNITURE.search(names)) and element.tag not in ("body", "html", "main")
    )


def _root(document: _Element) -> _Element:
    """The article itself when the page marks it (<article>, <main>, articleBody), else the body."""
    candidates = document.xpath("//article | //main | //*[@itemprop='articleBody']")
    if candidates:
        return max(candidates, key=lambda element: len(element.text_content()))
    body = document.find(".//body")
    return body if body is not None else document


class _Writer:
    """Walks the tree, writing Markdown-like paragraphs."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.inline: list[str] = []

    def flush(self) -> None:
        text = "".join(self.inline).strip()
        if text:
            self.paragraphs.append(text)
        self.inline = []

    def write(self, text: str | None) -> None:
        if text:
            self.inline.append(re.sub(r"\s+", " ", text))

    def walk(self, element: _Element, *, list_index: int | None = None) -> None:
        if not isinstance(element.tag, str):  # a comment, or server code left in the page ('<?php …?>')
            self.write(element.tail)
            return
        tag = element.tag.lower()
        if tag in SKIPPED or _is_furniture(element):
            self.write(element.tail)
            return
        if tag == "br":
            self.inline.append("\n")
            self.write(element.tail)
            return
        if tag in BLOCKS:
            self.flush()
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.inline.append("#" * int(tag[1]) + " ")
        elif tag == "li":
            self.inline.append(f"{list_index}. " if list_index is not None else "- ")
        elif tag == "blockquote":
            self.inline.append("> ")
        marker = "**" if tag in STRONG else "*" if tag in EMPHASIS else ""
        if marker:
            self.inline.append(marker)
        self.write(element.text)
        ordered = tag == "ol"
        position = 0
        for child in element:
            if ordered and isinstance(child.tag, str) and child.tag.lower() == "li":
                position += 1
                self.walk(child, list_index=position)
            else:
                self.walk(child)
        if marker:
            # '**Name:**text' keeps its space: the label and the words after it stay apart.
            self.inline.append(marker)
            if element.tail and not element.tail[:1].isspace() and element.tail[:1] not in ".,;:!?)":
                self.inline.append(" ")
        if tag in BLOCKS:
            self.flush()
        self.write(element.tail)


def _page_metadata(html: str, document: _Element) -> PageMetadata:
    found = trafilatura.extract_metadata(html)
    language = document.get("lang") or (
        document.find(".//html").get("lang") if document.find(".//html") is not None else None
    )
    return PageMetadata(
        title=(found.title if found else None) or None,
        published_at=(found.date if found else None) or None,
        url=(found.url if found else None) or None,
        site_name=(found.sitename if found else None) or None,
        language=(language or "").split("-")[0].lower() or None,
        author=(found.author if found else None) or None,
    )


def page_metadata(html: str) -> PageMetadata:
    """What a page says about itself, without reading its body."""
    try:
        document = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return PageMetadata()
    return _page_metadata(html, document)


def html_to_text(html: str) -> tuple[str, PageMetadata]:
    """The article's text as Markdown-like paragraphs, and what the page says about itself."""
    try:
        document = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as error:
        raise ArticleError(f"the HTML page could not be read: {error}") from error
    writer = _Writer()
    writer.walk(_root(document))
    writer.flush()
    text = "\n\n".join(writer.paragraphs)
    if not text.strip():
        raise ArticleError("the HTML page has no article text (found only markup)")
    return text, _page_metadata(html, document)


_TRAILING_SECTION = re.compile(
    r"<(?:ol|ul|div|section|aside|footer|li|h[1-6])\b[^>]*\b(?:class|id)=\"[^\"]*"
    r"(?:comments?|respond|related|share|sharing|newsletter|subscribe)\b[^\"]*\"",
    re.IGNORECASE,
)
"""Where a page's own furniture starts (comments, related links) in HTML pasted into Markdown."""


def inline_html_to_markdown(text: str) -> str:
    """HTML tags inside a Markdown file (`<strong>`, `<p>`, `<br>`, `<h3>`) as their Markdown, so the
    block reader sees the same cues; other tags are dropped, their text kept."""
    if "<" not in text:
        return text
    trailing = _TRAILING_SECTION.search(text)
    if trailing:
        text = text[: trailing.start()]
    text = re.sub(r"<(strong|b)(\s[^>]*)?>\s*", "**", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*</(strong|b)>", "**", text, flags=re.IGNORECASE)
    text = text.replace("****", "")  # a bold with nothing in it ('<strong>\n\n</strong>'), or two joined
    text = re.sub(r"(?<![\w_])_\s*_(?![\w_])", "", text)  # an italic emptied by it
    text = re.sub(r"</?(em|i)(\s[^>]*)?>", "*", text, flags=re.IGNORECASE)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(
        r"<h([1-6])(\s[^>]*)?>", lambda m: "\n\n" + "#" * int(m[1]) + " ", text, flags=re.IGNORECASE
    )
    text = re.sub(r"</h[1-6]>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</?(p|div|section|blockquote)(\s[^>]*)?>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<(figure|script|style)\b.*?</\1>", "", text, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"<img\b[^>]*>", "", text, flags=re.IGNORECASE)
    return re.sub(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", "", text)
