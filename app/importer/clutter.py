"""Recognise web-page clutter by its shape and by multilingual keyword families, never by exact text."""

from __future__ import annotations

import re

_CLOSERS = "\"'”\u2019»)]*"
_SENTENCE_END = re.compile(rf"[.!?…。\uff01\uff1f][{re.escape(_CLOSERS)}]*$")


def ends_sentence(text: str) -> bool:
    """Prose ends with sentence punctuation; headlines and page furniture usually do not."""
    return bool(_SENTENCE_END.search(text))


FURNITURE_MAX_WORDS = 10
"""Menus, labels, dates and headline links are short and carry no sentence punctuation."""
SHORT_LINE_MAX_WORDS = 6
CREDIT_MAX_WORDS = 15


def _whole_line(alternatives: str) -> re.Pattern[str]:
    """A short line that is nothing but one of the phrases, give or take punctuation and symbols."""
    return re.compile(rf"^[\W_]*(?:{alternatives})[\W_]*$", re.IGNORECASE)


_ADVERTISING = _whole_line(
    r"advertisement|advertising|advert|ads?|sponsored(?: content)?|promoted|anzeige|werbung"
    r"|publicit[ée]|annonce|publicidad|anuncio|pubblicit[àa]|реклама|жарнама|continue reading(?: below)?"
    r"|(?:story|article) continues below(?: advertisement)?|weiterlesen nach der anzeige"
)
_SHARING = _whole_line(
    r"share(?: this)?(?: article| story| post| page)?(?: on \w+)?|teilen|(?:diesen )?artikel teilen"
    r"|partager(?: cet article)?|partagez|compartir(?: este art[íi]culo)?|condividi|поделиться|бөлісу"
    r"|connect with us|follow us(?: on \w+)?|folgen sie uns|suivez-nous|s[íi]guenos|подписывайтесь.*"
    r"|print|drucken|imprimer|e-?mail"
)
_END_OF_ARTICLE = _whole_line(
    r"related(?: articles| stories| posts| content)?|read more|read next|more from .+|more on .+"
    r"|trending(?: now)?|most (?:read|popular)|tags?(?::.*)?|topics?:.*|comments?|\d+ comments?"
    r"|leave a (?:comment|reply)|you may also like|recommended for you"
    r"|ähnliche artikel|mehr zum thema|lesen sie auch|(?:à )?lire aussi|sur le même sujet"
    r"|читайте также|по теме|похожие (?:статьи|новости)|тағы оқыңыз|ұқсас жаңалықтар"
    r"|relacionad[oa]s|te puede interesar|leer m[áa]s"
)
_CREDIT = re.compile(
    r"^[(\[]?\s*(?:©|\(c\)|(?:main |top |featured |cover )?(?:photo|photograph|picture|image|illustration"
    r"|foto|bild|фото|imagen|cr[ée]dit(?: photo)?|bildquelle)s?(?: credits?)?\s*(?:by\b|:|©|\u2013|—|-|\||"
    r"courtesy\b|von\b|par\b|de\b|por\b))",
    re.IGNORECASE,
)
_BOILERPLATE_CUES: tuple[tuple[int, str], ...] = (
    # Never said in an interview: a notice on its own.
    (
        3,
        r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados"
        r"|все права защищены",
    ),
    (3, r"unsubscribe|abbestellen|désabonner|darse de baja|отписаться"),
    (
        3,
        r"publishes articles from|n'engagent que|sign up (?:for|to) our|subscribe to our|accept(?:ing)? cookies"
        r"|cookie (?:policy|settings)",
    ),
    # Typical of notices but sayable: two of them, or one with a weaker hint.
    (
        2,
        r"privacy (?:policy|notice)|datenschutzerkl[äa]rung|politique de confidentialité"
        r"|pol[íi]tica de privacidad|политик[аиу] конфиденциальности",
    ),
    (
        2,
        r"terms (?:and|&) conditions|terms of (?:use|service)|nutzungsbedingungen|conditions générales"
        r"|t[ée]rminos y condiciones",
    ),
    (2, r"not necessarily (?:those|reflect)|views expressed|opinions exprimées"),
    # Hints.
    (1, r"sign[- ]?up|subscri(?:be|ption)|abonn|suscri|подписк"),
    (1, r"newsletter|рассылк"),
    (1, r"consent|einwillig|consentimiento"),
    (1, r"cookies?"),
    (1, r"for more information|outside sources|viewpoints|editorial (?:oversight|policy|standards)"),
)
_CUE_PATTERNS = tuple(
    (weight, re.compile(rf"\b(?:{cue})", re.IGNORECASE)) for weight, cue in _BOILERPLATE_CUES
)
BOILERPLATE_SCORE = 3


def is_advertising(text: str) -> bool:
    """Ad markers stand alone on their line; the same word inside a sentence is kept."""
    return len(text.split()) <= SHORT_LINE_MAX_WORDS and bool(_ADVERTISING.match(text))


def is_credit(text: str) -> bool:
    """Photo and image credits are short lines that open with a credit label."""
    return len(text.split()) <= CREDIT_MAX_WORDS and bool(_CREDIT.match(text))


def is_sharing(text: str) -> bool:
    """Share buttons, follow-us and print links copied along with the article."""
    return len(text.split()) <= SHORT_LINE_MAX_WORDS and bool(_SHARING.match(text))


_PUBLICATION_NOTE = re.compile(
    r"^[\W_]*(?:"
    r"(?:this|the) (?:interview|conversation|q&a|article) (?:was |is |has been |also |first |originally )*"
    r"(?:appeared|appears|published|ran|runs|posted)\b"
    r"|(?:a version of )?this (?:interview|conversation) (?:first |originally )*(?:appeared|ran)\b"
    r"|(?:this |the )?(?:interview|conversation) (?:was |is )?(?:taken|reproduced|republished|reprinted) from\b"
    r"|(?:dieses|das) (?:interview|gespräch) (?:ist |wurde |erscheint |erschien |zuerst |auch |ebenfalls )*"
    r"(?:erschienen|erscheint|erschien|veröffentlicht)\b"
    r"|(?:cet|l['’]) ?(?:entretien|interview) (?:a été |est |d['’]abord |initialement |également |aussi )*"
    r"(?:publié|paru)\b"
    r"|(?:esta|la) entrevista (?:fue |se |ha sido |también |originalmente )*(?:publicada|publicó|apareció)\b"
    r")",
    re.IGNORECASE,
)
PUBLICATION_NOTE_MAX_WORDS = 20


def is_publication_note(text: str) -> bool:
    """'This interview first appeared in …', 'Dieses Interview erscheint auch auf …': the editor's note
    that closes a republished interview; what follows it belongs to the page, not to the answer."""
    return len(text.split()) <= PUBLICATION_NOTE_MAX_WORDS and bool(_PUBLICATION_NOTE.match(text))


def is_end_of_article(text: str) -> bool:
    """Labels that introduce what a page shows after the article: related links, tags, comments; and a
    note saying where the interview was published."""
    if is_sharing(text) or is_publication_note(text):
        return True
    if text.endswith((".", "!", "?")) or len(text.split()) > SHORT_LINE_MAX_WORDS:
        return False  # "More on that later." is a sentence someone said, not a section label
    return bool(_END_OF_ARTICLE.match(text))


def is_boilerplate(text: str) -> bool:
    """Sign-up, cookie and disclaimer notices, scored by cue families so one word in an answer is not enough."""
    return sum(weight for weight, pattern in _CUE_PATTERNS if pattern.search(text)) >= BOILERPLATE_SCORE


def is_furniture(text: str) -> bool:
    """Menus, section labels and headline links: short and without sentence punctuation."""
    return len(text.split()) <= FURNITURE_MAX_WORDS and not ends_sentence(text)


_SOURCE_CONTROL = re.compile(r"^\$[A-Z][A-Za-z]+:.*\$$")
_STAGE_DIRECTION = re.compile(r"^[(\[][^()\[\]]{2,80}[)\]]\.?$")

"""'(The briefing was concluded at 2:14 p.m.)', '[Laughter]': what a transcriber notes, not what was said."""
_CAPTION = re.compile(
    r"\b(?:photo|photograph|foto|bild|image|picture|illustration|credit|crédit|fotografía|immagine|фото)s?\s*"
    r"(?:(?:by|von|de|par|di)(?-i:\s+[A-ZÀ-ÝА-ЯЁ])|:|©)|(?<!\w)©",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS = 20
_BREADCRUMB = re.compile(r"^[^›»>|\n]{1,40}(?:\s[›»>|]\s[^›»>|\n]{1,40})+$")
BREADCRUMB_MAX_WORDS = 10


def is_breadcrumb(text: str) -> bool:
    """'Home › World › Asia': where the page sits in the site, not what anyone said."""
    return (
        len(text.split()) <= BREADCRUMB_MAX_WORDS
        and not ends_sentence(text)
        and bool(_BREADCRUMB.match(text))
    )


def is_caption(text: str) -> bool:
    """A picture's caption or credit: short, and naming a photo and its author ('Photo by Jane Roe',
    not 'the photo by the river')."""
    return len(text.split()) <= CAPTION_MAX_WORDS and bool(_CAPTION.search(text))


def is_clutter(text: str) -> bool:
    """Clutter that may sit anywhere, even between two paragraphs of one answer."""
    return (
        bool(_SOURCE_CONTROL.match(text))
        or bool(_STAGE_DIRECTION.match(text))
        or is_caption(text)
        or is_breadcrumb(text)
        or is_advertising(text)
        or is_credit(text)
        or is_sharing(text)
        or is_end_of_article(text)
        or is_boilerplate(text)
    )
