"""Forum and AMA threads exported as nested Markdown lists, read as the questions their author answered.

An export gives each comment as a list item headed by its author's handle in bold (often a link to
the profile, with votes and a date after it), the comment's paragraphs indented below it, and
replies as list items indented one level deeper:

    * **[asker](https://…/user/asker)** ⬆️ 23 _(2023-12-14 15:29:28)_
        How did you decide what to report?
        * **[host](https://…/user/host) (OP)** ⬆️ 30 _(…)_
                We first examined the documents…

The thread's author (marked `(OP)`, or named by 'Posted by u/…') is the one who answers. Each comment
that the author replied to becomes a question asked by its commenter, and each of the author's
direct replies an answer; other comments and replies are left out. The result is written as bold
questions labelled with their askers ('[asker] **How …?**', one paragraph) each followed by its labelled
answers ('**host:** …'), which the reader of marked questions then takes as any other. A reply that
opens with its own bold label ('**From Jane Roe:** …', an account shared by several people) is
labelled with that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

THREAD_MIN_COMMENTS = 3
TAB_WIDTH = 4
_HEADER = re.compile(
    r"^(?P<indent>[ \t]*)[*+-][ \t]+(?:[^\s*\w][^\s*]*[ \t]+)?"  # the bullet, maybe an emoji marker
    r"\*\*\[?(?P<handle>[\w.-]{2,40})\]?(?:\([^)\s]*\))?(?P<op>[ \t]*\(OP\))?\*\*(?P<rest>[^\n]*)$"
)
_POSTED_BY = re.compile(r"\bPosted by u/(?P<handle>[\w-]{2,40})")
_OWN_LABEL = re.compile(r"^\*\*(?:From[ \t]+)?(?P<name>[^*:\n]{2,60}?):\*\*[ \t]*")


@dataclass
class _Comment:
    depth: int
    handle: str
    by_author: bool
    lines: list[str] = field(default_factory=list)
    replies: list[_Comment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def _width(indent: str) -> int:
    return len(indent.replace("\t", " " * TAB_WIDTH))


def _comments(lines: list[str], author: str | None) -> list[_Comment]:
    """The thread's top-level comments, each with its replies nested."""
    top: list[_Comment] = []
    open_: list[_Comment] = []
    current: _Comment | None = None
    for line in lines:
        header = _HEADER.match(line)
        if header is None:
            if current is not None:
                current.lines.append(line.strip())
            continue
        depth = _width(header["indent"])
        handle = header["handle"]
        comment = _Comment(depth, handle, bool(header["op"]) or handle == author)
        while open_ and open_[-1].depth >= depth:
            open_.pop()
        (open_[-1].replies if open_ else top).append(comment)
        open_.append(comment)
        current = comment
    return top


def _paragraphs(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)


def as_turns(text: str) -> str | None:
    """The thread as labelled Markdown turns, or None when the text is not such an export or its
    author answered nobody."""
    lines = text.split("\n")
    headers = [match for line in lines if (match := _HEADER.match(line))]
    if len(headers) < THREAD_MIN_COMMENTS:
        return None
    posted = _POSTED_BY.search(text)
    author = posted["handle"] if posted else None
    if author is None and not any(match["op"] for match in headers):
        return None
    first = next(index for index, line in enumerate(lines) if _HEADER.match(line))
    turns: list[str] = []
    pending = list(reversed(_comments(lines[first:], author)))
    while pending:  # in the order of the page: a comment, then the replies under it
        comment = pending.pop()
        answers = [reply for reply in comment.replies if reply.by_author]
        if not comment.by_author and answers and comment.text:
            question = " ".join(comment.text.replace("*", "").split())
            turns.append(f"[{comment.handle}] **{question}**")
            for answer in answers:
                body = answer.text
                own = _OWN_LABEL.match(body)
                label = own["name"].strip() if own else answer.handle
                body = body[own.end() :] if own else body
                turns.append(f"**{label}:** {_paragraphs(body)}")
        pending.extend(reversed([reply for reply in comment.replies if not reply.by_author]))
    if not turns:
        return None
    head = "\n".join(lines[:first]).rstrip()
    return head + "\n\n" + "\n\n".join(turns) + "\n"
