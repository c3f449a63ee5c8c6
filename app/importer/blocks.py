"""Markdown or plain text becomes blocks: paragraphs that keep the cues a reader uses to see questions.

A block is one paragraph's plain text (markup removed) plus what its markup said: a heading level, a
whole-bold paragraph, a bold lead ('**What now?** We wait.'), a speaker label ('Jane Doe:', '**Q:**',
'[Host]'), a question number ('3.', 'Frage 3:'), an opening dash ('–¿Y ahora?'), a time stamp
('[12:34]', '(01:02:03)'), a list item, a quotation. Page furniture that is pure markup (images,
shortcodes, comments, bare links, rules) never becomes a block. Line numbers are the file's.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SHORTCODE = re.compile(
    # '[youtube]EYaWjXM5afY[/youtube]': an embedded player, an id or address between shortcodes
    r"\[(?P<embed>[a-z_]{2,20})\][^\s\[\]]*\[/(?P=embed)\]|"
    r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}"
    r"|\[/?[a-z][a-z0-9_-]*(?:\s+[a-z_-]+=[^\]\n]*)+\]|\[/[a-z][a-z0-9_-]*\]",
    re.DOTALL,
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_QUOTE_FENCES = frozenset({"quote", "blockquote"})
"""Fences that hold a quotation, not code ('```quote'): their text is read."""
_FENCE_FIELD = re.compile(r'^\s*(?P<name>[a-z_]+)\s*=\s*(?:"(?P<value>[^"\n]*)"|""")?\s*$')
_SPEAKER_FIELDS = frozenset({"author", "name", "speaker", "by"})
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s*(?P<text>.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|[=]{3,})\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_ITEM = re.compile(r"^\s{0,3}(?:[*+]\s+|-\s+(?![¿¡])|\d{1,3}[.)]\s+)")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\\[\[\]]|\[[^\]]*\])*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_ATTRIBUTES = re.compile(r"\{[.#][^{}]*\}|\{(?:width|height)=[^{}]*\}")
_BULLET = re.compile(r"^[►▶▸•●■◆→»‣▪︎]\s*")
_LINK = re.compile(
    r"\[(?P<text>[^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)|\[(?P<ref>[^\]]+)\]\[[^\]]*\]"
)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash escapes any ASCII punctuation (CommonMark): `l\\'a` is `l'a`."""
_EMPHASIS = re.compile(r"(\*\*\*|\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*])"
                       r"|(?<![\w\\])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])")  # fmt: skip
_WHOLE_BOLD = re.compile(r"^(\*\*\*|\*\*|__)(?P<text>.+?)\1(?P<after>[\s\W]{0,3})$", re.DOTALL)
_LEAD_BOLD = re.compile(r"^(\*\*|__)(?P<lead>[^*_]+?)\1\s*(?P<rest>\S.*)$", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

_STAMP = r"\\?[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\\?[\])]?"
_LEADING_STAMP = re.compile(rf"^(?P<stamp>{_STAMP})\s*(?:[-–—:|]\s*)?")
_INLINE_STAMP = re.compile(r"\s*\\?[\[(](?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\\?[\])]\s*")
_NUMBERED = re.compile(
    r"^(?:(?P<word>frage|question|pregunta|domanda|vraag|вопрос|pytanie|pergunta|qüestió|pergunta|q)\s*"
    r"(?P<n1>\d{1,3})\s*[:.)\u2013—-]|(?P<n2>\d{1,3})(?:\.\d{1,3})*\s*(?:[.)]|\s[-–—])|(?P<n3>\d{1,3})\s*[-–—]\s)"
    r"\s*(?P<text>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_DASH = re.compile(r"^[-–—―]\s*(?=\S)")
_BRACKET_LABEL = re.compile(r"^\[(?P<label>[^\]\d!][^\]]{0,40})\](?![(\[])\s*:?\s*(?P<text>\S.*)$", re.DOTALL)
_BOLD_LABEL = re.compile(
    r"^(?P<m1>\*\*\*|\*\*|__)(?P<label>[^*_:>\n]{1,60}?)\s*(?:[:：]|>>)\s*(?P=m1)\s*(?P<text>.*)$"
    r"|^(?P<m2>\*\*\*|\*\*|__)(?P<label2>[^*_:\n]{1,60}?)(?P=m2)\s*[:：.]\s*(?P<text2>.*)$"
    r"|^(?P<m3>\*\*|__)(?P<label3>[^*_\s][^*_\n]{0,24}?[.:])(?P=m3)\s+(?P<text3>\S.*)$",
    re.DOTALL,
)
_ITALIC_LABEL = re.compile(
    r"^(?P<i>[_*])(?P<label>\*\*[^*\n]{1,60}\*\*\s*[:：]|\*\*[^*\n]{1,60}[:：]\*\*)(?P<closed>(?P=i))?\s*"
)
"""'_**Publico**:_ _Ob nun …?_' and '_**Publico**: Ob nun …?_': a label inside the italics of a question."""
_SHORT_FORM_AFTER = re.compile(r"(?<=\S)\s+\([^()\d]{1,30}\)$")
_BOLD_WRAPPED_LABEL = re.compile(
    r"^(\*\*|__)(?P<label>[^*_:\n]{1,40}?)\s*(?P<mark>[:：.])\s+(?P<text>[^*]+?)\1\s*$", re.DOTALL
)
_PLAIN_LABEL = re.compile(
    r"^(?P<label>[^\s:?!.,;\"“”«»(][^:?!,;\"“”«»\n]{0,50}?)\s*(?:\((?P<paren>[^)]{1,30})\))?\s*[:：]\s+(?P<text>\S.*)$",
    re.DOTALL,
)
_CAPS_LABEL = re.compile(
    r"^(?P<label>[A-ZÀ-ÝА-ЯЁ][A-ZÀ-ÝА-ЯЁ.' -]{1,60}[A-ZÀ-ÝА-ЯЁ.])\s*:(?P<text>\S.*)$", re.DOTALL
)
_BARE_Q = re.compile(r"^(?P<label>Q)\s+(?P<text>[A-Z¿¡\"“].*)$", re.DOTALL)
_DOTTED_Q = re.compile(r"^(?P<label>[QqFfPpRrAa]|Q\.|A\.)\.\s+(?P<text>\S.*)$", re.DOTALL)
_INVITE_SPEAKER = re.compile(
    r"^(?P<label>[^\s:]{1,30}(?: [^\s:]{1,30}){0,3}) (?P<stamp>(?:\d{1,2}:)?\d{1,2}:\d{2})\s*$"
)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph and the cues its markup gave."""

    text: str
    line: int
    heading: int = 0
    strong: bool = False
    lead: str | None = None
    """A bold opening sentence of a paragraph that goes on ('**Why?** Because.'): `text` is the rest."""
    label: str | None = None
    """A speaker label as printed, without its colon or brackets."""
    printed_label: str | None = None
    """The label as it stood before the text ('Note: '), to put back if it turns out not to be a speaker."""
    number: int | None = None
    printed_number: str | None = None
    """The number as it stood before the text ('2.', 'Frage 2:'), to put back if it numbers no question."""
    dash: bool = False
    item: bool = False
    quote: bool = False
    time: float | None = None
    """Seconds, where a time stamp opened the paragraph (removed from the text)."""
    after_rule: bool = False
    """A horizontal rule ('---') came before the paragraph: after the last answer, the interview is over."""
    end_time: float | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    def unlabelled(self) -> Block:
        """The block read as plain text: a label that names no speaker, or a number that numbers no
        question (a list in an answer), goes back into the text."""
        block = self
        if block.number is not None and block.printed_number:
            block = replace(
                block, text=f"{block.printed_number} {block.text}", number=None, printed_number=None
            )
        if block.label is None:
            return block
        return replace(
            block, text=f"{block.printed_label or block.label + ':'} {block.text}".strip(), label=None
        )


def normalise(line: str) -> str:
    """Unify Unicode forms and spacing so patterns need not care how the page was copied."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def seconds(stamp: str) -> float | None:
    """'01:02:03.5', '[12:34]' or '(1:02)' as seconds."""
    digits = re.sub(r"[^\d:.,]", "", stamp).replace(",", ".")
    parts = digits.split(":")
    try:
        values = [float(part) for part in parts]
    except ValueError:
        return None
    total = 0.0
    for value in values:
        total = total * 60 + value
    return total


def plain_inline(text: str) -> str:
    """Inline Markdown and stray tags reduced to the words a reader sees."""
    text = text.replace("\n", " ")
    text = _IMAGE.sub("", text)
    text = _ATTRIBUTES.sub("", text)
    text = _AUTOLINK.sub("", text)
    text = _LINK.sub(lambda m: m["text"] if m["text"] is not None else m["ref"], text)
    text = _CODE.sub(r"\1", text)
    for _ in range(3):
        text = _EMPHASIS.sub(
            lambda m: m[2] if m[2] is not None else (m[3] if m[3] is not None else m[4]), text
        )
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return normalise(html.unescape(text).replace("\n", " "))


def _without_markup_lines(text: str) -> list[str]:
    """Comments, shortcodes and code fences blanked out, line count kept (so line numbers stay right)."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match[0].count("\n")

    text = _COMMENT.sub(blank, text)
    text = _SHORTCODE.sub(blank, text)
    lines = text.split("\n")
    inside = quoting = False
    author: str | None = None
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if fence:
            inside = not inside
            quoting = inside and line.strip()[3:].strip().lower() in _QUOTE_FENCES
            author = None
            lines[index] = ""
        elif quoting:
            # a quotation written as a fenced shortcode: its fields ('author = "…"') say who speaks
            field = _FENCE_FIELD.match(line)
            if field:
                author = field["value"] if field["name"] in _SPEAKER_FIELDS else author
                lines[index] = ""
            elif line.strip() == '"""':
                lines[index] = ""
            elif author and line.strip():
                lines[index], author = f"**{author}:** {line.strip()}", None
        elif inside:
            lines[index] = ""
    return lines


def _starts_turn(line: str) -> bool:
    """A line that opens a new paragraph even without a blank line before it: a heading, a list item,
    a bold or bracketed speaker label, a time stamp, a dash turn."""
    stripped = line.lstrip()
    return bool(
        _BARE_Q.match(stripped)
        or _HEADING.match(line)
        or _BOLD_LABEL.match(stripped)
        or _BRACKET_LABEL.match(stripped)
        or _LEADING_STAMP.match(stripped)
        or (_ITEM.match(line) and not stripped.startswith("-"))
        or _DASH.match(stripped)
        or _WHOLE_BOLD.match(stripped)
        or _short_plain_label(stripped)
    )


def _short_plain_label(line: str) -> bool:
    """'JANE DOE: …' or 'Anna Berg: …' opening a line: a turn in a transcript written without blank lines."""
    match = _PLAIN_LABEL.match(line)
    if match is None:
        return False
    words = match["label"].split()
    return len(words) <= 3 and all(word[:1].isupper() for word in words)


_SENTENCE_END = re.compile(r"[.!?…。:;\uff01\uff1f][\"'”’»)\]*]*$")
WRAP_WIDTH = 40


def _continues(previous: str, line: str) -> bool:
    """In text with no blank lines, a line goes on the paragraph before it only on clear signs of a hard
    wrap: the previous line is long and stops mid-sentence."""
    previous, line = previous.rstrip(), line.strip()
    if len(previous) < WRAP_WIDTH or _SENTENCE_END.search(previous) or _starts_turn(line):
        return False
    return line[:1].islower() or previous.endswith((",", "-", "\u2013", "—"))


def _paragraphs(lines: list[str], first_line: int) -> tuple[list[tuple[int, list[str]]], set[int]]:
    """Lines grouped into paragraphs: blank lines separate them, and so does a line that plainly opens
    a new one (see `_starts_turn`); a heading is always a paragraph of its own. Text written without
    any blank lines has a paragraph a line, wrapped lines aside. Also gives the first lines of the
    paragraphs that follow a horizontal rule."""
    filled = [line for line in lines if line.strip()]
    line_mode = len(filled) >= 8 and len(lines) - len(filled) < 0.05 * len(filled)
    groups: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first_line
    ruled: set[int] = set()
    after_rule = False
    for number, raw in enumerate(lines, start=first_line):
        line = raw.rstrip()
        if not line.strip() or _RULE.match(line) or _LINK_DEFINITION.match(line):
            if current:
                groups.append((start, current))
            current = []
            after_rule = after_rule or bool(line.strip() and _RULE.match(line))
            continue
        if after_rule and not current:
            ruled.add(number)
            after_rule = False
        if current and _SETEXT.match(line) and len(current) == 1:
            level = "#" if line.strip().startswith("=") else "##"
            groups.append((start, [f"{level} {current[0].strip()}"]))
            current = []
            continue
        if current and (
            _starts_turn(line)
            or _HEADING.match(current[-1])
            or (line_mode and not _continues(current[-1], line))
        ):
            groups.append((start, current))
            current = []
        if not current:
            start = number
        current.append(line)
        if len(current) == 1 and _whole_question_line(line):
            groups.append((start, current))
            current = []
    if current:
        groups.append((start, current))
    return groups, ruled


_LINE_END = re.compile(r"(?:\s|\*|_|</?br\s*/?>|\\)*$", re.IGNORECASE)


def _whole_question_line(line: str) -> bool:
    """A line that is a whole question marked as one (bold, or after a 'Q:'-style label), ending in '?':
    what follows on the next line is its answer, even without a blank line between."""
    stripped = line.strip()
    if not _LINE_END.sub("", stripped).endswith(("?", "？")):
        return False
    return bool(
        _WHOLE_BOLD.match(_LINE_END.sub("", stripped) + ("**" if stripped.startswith("**") else ""))
    ) or bool(_BOLD_LABEL.match(stripped) or _QUESTION_LABEL_LINE.match(stripped))


_QUESTION_LABEL_LINE = re.compile(
    r"^(?:\*\*)?(?:q|question|frage|pregunta|pergunta|domanda|vraag|вопрос|pytanie|p|f)(?:\*\*)?\s*[:.]",
    re.IGNORECASE,
)


def read_block(raw: str, line: int) -> Block | None:
    """One paragraph's block, or None when nothing a reader sees is left (an image, a bare link)."""
    text = raw.strip()
    heading = 0
    quote = item = dash = False
    match = _HEADING.match(text)
    if match:
        heading, text = len(match["marks"]), match["text"]
    while _QUOTE.match(text):
        quote, text = True, _QUOTE.sub("", text, count=1).replace("\n>", "\n")
    number: int | None = None
    printed_number: str | None = None
    numbered = _NUMBERED.match(text)
    if numbered and (numbered["n1"] or numbered["n2"]):
        number, printed_number = (
            int(numbered["n1"] or numbered["n2"]),
            plain_inline(text[: numbered.start("text")]).strip(),
        )
        text = numbered["text"]
        item = numbered["n2"] is not None
    elif _ITEM.match(text):
        item, text = True, _ITEM.sub("", text, count=1)
    if _DASH.match(text):
        dash, text = True, _DASH.sub("", text, count=1)
    time, text = _stamp(text)
    italic = _ITALIC_LABEL.match(text)
    if italic:
        rest = text[italic.end() :]
        if not italic["closed"] and rest.rstrip().endswith(italic["i"]):
            rest = rest.rstrip()[:-1]
        text = f"{italic['label']} {rest}"
    before_label = text
    text = _BULLET.sub("", re.sub(r"^(\*\*|__)\s*[►▶▸•●■◆→»‣▪]\s*", r"\1", text))
    wrapped = _BOLD_WRAPPED_LABEL.match(text.strip())
    if wrapped and len(wrapped["label"].split()) <= (2 if wrapped["mark"] != "." else 1):
        # '**Pregunta: ¿…?**', '**P. ¿…?**': a label inside a bold question; two words and a full stop
        # are a sentence ('**Oh okay. Can people sort too?**')
        text = f"**{wrapped['label']}:** **{wrapped['text'].strip()}**"
        before_label = text
    label, text = _label(text)
    printed = plain_inline(before_label[: len(before_label) - len(text)]).strip() if label else None
    if time is None and label is not None:
        time, text = _stamp(text)
    strong = lead = None
    whole = _WHOLE_BOLD.match(text.strip())
    if whole and "**" not in whole["text"] and "__" not in whole["text"]:
        strong = True
    else:
        led = _LEAD_BOLD.match(text.strip())
        if led and led["lead"].rstrip().endswith(("?", "？", ":")) and len(led["lead"].split()) >= 2:
            lead, text = plain_inline(led["lead"]), led["rest"]
    plain = _INLINE_STAMP.sub(" ", plain_inline(text)).strip()
    if not any(char.isalnum() for char in plain):
        plain = ""
    if not plain and lead is None and label is None:
        return None
    if _BARE_URL.match(plain) and lead is None and label is None:
        return None
    if (
        number is None
        and not heading
        and not label
        and (numbered := _NUMBERED.match(plain))
        and (numbered["n1"] or (strong and numbered["n2"]))  # 'Frage 1: …', or '**1) …?**'
    ):
        number, printed_number = (
            int(numbered["n1"] or numbered["n2"]),
            plain[: numbered.start("text")].strip(),
        )
        plain = numbered["text"].strip()
    return Block(
        text=plain,
        line=line,
        heading=heading,
        strong=bool(strong),
        lead=lead,
        label=label,
        printed_label=printed,
        number=number,
        printed_number=printed_number,
        dash=dash,
        item=item,
        quote=quote,
        time=time,
    )


def _stamp(text: str) -> tuple[float | None, str]:
    match = _LEADING_STAMP.match(text)
    if match is None or ":" not in match["stamp"]:
        return None, text
    return seconds(match["stamp"]), text[match.end() :]


_NAME_IN_PARENS = re.compile(r"^[^\W\d_][\w.'’ -]{0,29}$")


def _label(text: str) -> tuple[str | None, str]:
    """A speaker label opening the paragraph: bold, bracketed or plain ('Name:'), with any time stamp
    printed beside it ('Name (00:01:02):', '**Name:** [01:44]')."""
    for pattern in (_BOLD_LABEL, _BRACKET_LABEL):
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            label = groups.get("label") or groups.get("label2") or groups.get("label3")
            rest = next(
                (groups[name] for name in ("text", "text2", "text3") if groups.get(name) is not None), ""
            )
            if label and (groups.get("label3") is None or len(label.split()) <= 3):
                label = normalise(plain_inline(label)).rstrip(":")
                # '**Catherine Paganini (CP):**' names her; 'CP:' later stands for her
                return _SHORT_FORM_AFTER.sub("", label) or label, rest or ""
    match = (
        _PLAIN_LABEL.match(text) or _DOTTED_Q.match(text) or _CAPS_LABEL.match(text) or _BARE_Q.match(text)
    )
    if match and _speaker_like(match["label"]):
        named = match.groupdict().get("paren")
        if named and len(match["label"]) <= 2 and _NAME_IN_PARENS.match(named):
            return normalise(named), match["text"]  # 'A (Jesse): …': Jesse answers
        return normalise(match["label"]), match["text"]
    first, _, rest = text.partition("\n")
    match = _INVITE_SPEAKER.match(first)
    if match and rest.strip():
        return normalise(match["label"]), rest
    return None, text


def _speaker_like(label: str) -> bool:
    """A plain 'X:' opening reads as a speaker only if X could name one: a role, a name, a handle.
    ('For folks who are new: what is…' and 'Note: …' are sentences, and keep their words.)"""
    from app.importer.labels import is_handle, kind_of

    label = normalise(label)
    return not label.startswith(("*", "_")) and (kind_of(label) is not None or is_handle(label))


_ITALIC_AROUND_BOLD = re.compile(r"^([_*])(?P<inner>\*\*(?:(?!\1).)+)\1$", re.DOTALL)
_STRAY_MARKS = re.compile(r"(?:^[_*\s]+$)|(?<=\S)[_*]*\*\*[_*]*$")


_HARD_BREAK = re.compile(r"\\\n")
_SPACED_CLOSING_BOLD = re.compile(r"(?<=[^\s*])\s+(\*\*|__)(?=\s*(?:\n|$))")


def _markdown_emphasis(paragraph: str) -> str:
    """Bold as people write it read as Markdown bold, so its labels and questions are seen: closed after
    a space at a line's end (`**Why? **`), or left dangling at a paragraph's end by an export that
    wrapped HTML tags across paragraphs; a hard line break's backslash dropped; an italic wrapped round
    a bold label unwrapped."""
    paragraph = _HARD_BREAK.sub("\n", paragraph)
    paragraph = _SPACED_CLOSING_BOLD.sub(r"\1", paragraph)
    if paragraph.count("**") % 2:
        paragraph = _STRAY_MARKS.sub("", paragraph.strip())
    wrapped = _ITALIC_AROUND_BOLD.match(paragraph.strip())
    return wrapped["inner"] if wrapped else paragraph


def markdown_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Blocks of a Markdown or plain-text body; `first_line` is the file line of the text's first line."""
    lines = _without_markup_lines(text)
    blocks: list[Block] = []
    groups, ruled = _paragraphs(lines, first_line)
    for line, group in groups:
        block = read_block(_markdown_emphasis("\n".join(group)), line)
        if block is not None:
            blocks.append(replace(block, after_rule=True) if line in ruled else block)
    return blocks


def with_text(block: Block, text: str) -> Block:
    return replace(block, text=text)
