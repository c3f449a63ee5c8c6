"""HTML pages and Markdown become plain paragraphs; HTML goes through trafilatura, never regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from app.importer.errors import ArticleError
from app.importer.metadata import ArticleMetadata

_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(?P<text>[^*\n]+?)(?<=\S)\*(?![\w*])")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a web page says about itself in its head: title, date, canonical URL, site name."""

    title: str | None = None
    published_at: str | None = None
    url: str | None = None
    site_name: str | None = None

    def as_metadata(self) -> ArticleMetadata:
        """Page facts as metadata, to be overridden by anything given explicitly."""
        data = {
            "title": self.title,
            "published_at": self.published_at,
            "source_url": self.url,
            "source_name": self.site_name,
        }
        try:
            return ArticleMetadata.model_validate({k: v for k, v in data.items() if v})
        except ValueError:  # an unparsable page date is not worth failing the import for
            return ArticleMetadata.model_validate(
                {k: v for k, v in data.items() if v and k != "published_at"}
            )


def is_html(text: str) -> bool:
    """An HTML document starts with a doctype or an html/head/body tag."""
    return bool(_HTML_START.match(text[:2000]))


def page_metadata(html: str) -> PageMetadata:
    """og:title or <title>, article:published_time, the canonical URL and og:site_name, as trafilatura reads them."""
    found = trafilatura.extract_metadata(html)
    if found is None:
        return PageMetadata()
    return PageMetadata(
        title=found.title or None,
        published_at=found.date or None,
        url=found.url or None,
        site_name=found.sitename or None,
    )


def html_to_text(html: str) -> tuple[str, PageMetadata]:
    """The article body as Markdown-ish text (paragraphs, bold labels kept) and the page's metadata."""
    body = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        favor_recall=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    if not body or not body.strip():
        raise ArticleError("the HTML page has no article text that could be extracted (found only markup)")
    return body, page_metadata(html)


def strip_markdown(text: str) -> tuple[str, str | None]:
    """Markdown markers removed line by line (so line numbers stay right); the first heading that does
    not ask a question is returned as a title."""
    title: str | None = None
    lines: list[str] = []
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            line = heading["text"]
            if title is None and len(heading["marks"]) <= 2 and not line.rstrip("*_ ").endswith("?"):
                title = _inline(line).strip() or None
        elif _RULE.match(line):
            line = ""
        lines.append(_inline(_QUOTE.sub("", line)))
    return "\n".join(lines), title


def _inline(line: str) -> str:
    """Bold, italic, links and images reduced to their text."""
    line = _IMAGE.sub("", line)
    line = _LINK.sub(lambda m: m["text"], line)
    line = _BOLD.sub(lambda m: m["text"], line)
    return _ITALIC.sub(lambda m: m["text"], line)
