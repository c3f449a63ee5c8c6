"""Suggest topics for an interview and its questions: vocabulary matches plus the text's key phrases.

Explainable on purpose: a topic is suggested because its (stemmed) name words occur in the text, and
each suggestion carries those words as its reason. No model, no network.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import Stemmer
from slugify import slugify

from app.contract.document import InterviewDocument, TopicDocument
from app.importer.language import CYRILLIC_STOP_WORDS, STOP_WORDS

STEMMERS = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "ru": "russian"}
PREFIX_STEM = 6
"""Languages without a stemmer (Kazakh) compare word beginnings, which catches most suffixes."""
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
EXTRA_STOP = frozenset(
    [
        "a",
        "an",
        "be",
        "been",
        "being",
        "am",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "having",
        "do",
        "does",
        "did",
        "doing",
        "done",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "not",
        "no",
        "yes",
        "he",
        "she",
        "it",
        "its",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "they",
        "them",
        "their",
        "there",
        "here",
        "his",
        "her",
        "him",
        "himself",
        "this",
        "that",
        "these",
        "those",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "which",
        "why",
        "how",
        "if",
        "because",
        "while",
        "though",
        "although",
        "as",
        "at",
        "in",
        "of",
        "on",
        "for",
        "from",
        "with",
        "without",
        "within",
        "by",
        "to",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "during",
        "between",
        "among",
        "across",
        "around",
        "against",
        "through",
        "towards",
        "toward",
        "upon",
        "via",
        "about",
        "than",
        "then",
        "so",
        "or",
        "but",
        "and",
        "the",
        "also",
        "very",
        "more",
        "most",
        "much",
        "many",
        "some",
        "any",
        "every",
        "each",
        "other",
        "another",
        "such",
        "only",
        "already",
        "again",
        "ever",
        "never",
        "always",
        "still",
        "even",
        "well",
        "really",
        "quite",
        "rather",
        "too",
        "all",
        "both",
        "just",
        "like",
        "think",
        "know",
        "said",
        "say",
        "says",
        "see",
        "let",
        "get",
        "got",
        "getting",
        "make",
        "made",
        "go",
        "going",
        "gone",
        "come",
        "came",
        "want",
        "need",
        "lot",
        "lots",
        "thing",
        "things",
        "way",
        "something",
        "anything",
        "everything",
        "nothing",
        "someone",
        "people",
        "kind",
        "sort",
        "one",
        "two",
        "whatever",
        "thank",
        "thanks",
        "welcome",
        "hello",
        "morning",
        "afternoon",
        "evening",
        "great",
        "good",
        "okay",
        "yeah",
        "right",
        "sure",
        "course",
        "maybe",
        "actually",
        "basically",
        "probably",
        "definitely",
        "certainly",
        "sense",
        "part",
        "point",
        "question",
        "questions",
        "answer",
        "time",
        "times",
        "year",
        "years",
        "day",
        "days",
        "today",
        "now",
        "first",
        "last",
        "next",
        "new",
        "same",
        "different",
    ]
)
"""Words that make no topic on their own edge: function words, fillers, greetings, vague nouns."""
STOP = EXTRA_STOP.union(*STOP_WORDS.values(), *CYRILLIC_STOP_WORDS.values())
MIN_PHRASE_COUNT = 2


@dataclass(frozen=True, slots=True)
class TopicSuggestion:
    """A topic with its score and the words that made it (the reason a person can check)."""

    topic: TopicDocument
    score: float
    reason: tuple[str, ...]
    new: bool = False


@dataclass(frozen=True, slots=True)
class TopicSuggestions:
    """Suggestions for the whole interview and per question position; `phrases` are new topic ideas."""

    interview: list[TopicSuggestion]
    questions: dict[int, list[TopicSuggestion]] = field(default_factory=dict)
    phrases: list[TopicSuggestion] = field(default_factory=list)


def _stemmer(language: str | None) -> Stemmer.Stemmer | None:
    name = STEMMERS.get(language or "en")
    return Stemmer.Stemmer(name) if name else None


def stems(text: str, language: str | None) -> list[str]:
    """Lower-cased word stems of a text, stop words removed."""
    return [stem for stem, _ in stemmed_words(text, language)]


def stemmed_words(text: str, language: str | None) -> list[tuple[str, str]]:
    """(stem, word as written) for each word of a text that is no stop word."""
    words = [w for w in _WORD.findall(text) if w.lower() not in STOP]
    stemmer = _stemmer(language)
    if stemmer is None:
        return [(w.lower()[:PREFIX_STEM], w) for w in words]
    return [
        (str(stem), word)
        for stem, word in zip(stemmer.stemWords([w.lower() for w in words]), words, strict=True)
    ]


MIN_NAME_SHARE = 0.5
"""A topic of several name words needs at least half of them in the text ('EU' alone is not
'EU–Kazakhstan relations')."""


def match_topic(
    topic: TopicDocument, text_stems: Counter[str], language: str | None, shown: dict[str, str] | None = None
) -> TopicSuggestion | None:
    """Score = share of the topic's name words found × how often they occur (log-damped); the reason
    lists the words as the text writes them."""
    wanted = set(stems(f"{topic.name} {topic.slug.replace('-', ' ')}", language))
    found = sorted(stem for stem in wanted if text_stems[stem])
    if not wanted or not found or len(found) / len(wanted) < MIN_NAME_SHARE:
        return None
    if all(len(stem) < 3 for stem in found):
        return None  # 'EU', 'UN': too short to stand for a topic alone
    hits = sum(text_stems[stem] for stem in found)
    score = round(len(found) / len(wanted) * (1 + hits) ** 0.5, 3)
    reason = tuple(sorted({(shown or {}).get(stem, stem) for stem in found}))
    return TopicSuggestion(topic, score, reason)


def _ranked(
    vocabulary: list[TopicDocument], text: str, language: str | None, limit: int
) -> list[TopicSuggestion]:
    pairs = stemmed_words(text, language)
    counts = Counter(stem for stem, _ in pairs)
    shown: dict[str, str] = {}
    for stem, word in pairs:
        shown.setdefault(stem, word)
    found = [s for topic in vocabulary if (s := match_topic(topic, counts, language, shown)) is not None]
    return sorted(found, key=lambda s: (-s.score, s.topic.slug))[:limit]


CONTAINED_SHARE = 0.75
"""A phrase inside a longer one that occurs nearly as often ('critical raw' in 'critical raw materials')
is left for the longer one."""


def key_phrases(
    texts: list[str], limit: int = 10, taken: frozenset[str] = frozenset()
) -> list[TopicSuggestion]:
    """Phrases of 2-3 words with no stop word and no contraction at either end, scored by
    frequency × spread (in how many of the texts they occur). `taken` slugs (topics that exist or are
    already suggested) are not suggested again."""
    counts: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        seen: set[str] = set()
        for sentence in re.split(r"[.!?;:,()«»\"“”]+", text):
            words = _WORD.findall(sentence)
            for size in (3, 2):
                for start in range(len(words) - size + 1):
                    gram = words[start : start + size]
                    if any(w.lower() in STOP or len(w) < 3 or "'" in w or "\u2019" in w for w in gram):
                        continue
                    key = " ".join(w.lower() for w in gram)
                    counts[key] += 1
                    shown.setdefault(key, " ".join(gram))
                    seen.add(key)
        spread.update(seen)
    frequent = [key for key in counts if counts[key] >= MIN_PHRASE_COUNT and re.search("[a-z]", slugify(key))]
    longer = [key for key in frequent if key.count(" ") == 2]
    scored = [
        (counts[key] * spread[key], key)
        for key in frequent
        if not any(
            f" {key} " in f" {other} " and counts[other] >= CONTAINED_SHARE * counts[key]
            for other in longer
            if other != key
        )
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[TopicSuggestion] = []
    slugs = set(taken)
    for score, key in scored:
        if any(key in other.topic.name.lower() for other in chosen):
            continue  # a part of a phrase already chosen adds nothing
        name = shown[key]
        slug = slugify(name)[:80].strip("-")
        if slug in slugs:
            continue
        slugs.add(slug)
        reason = (f"{counts[key]} times in {spread[key]} answers or questions",)
        chosen.append(TopicSuggestion(TopicDocument(slug=slug, name=name), float(score), reason, new=True))
        if len(chosen) == limit:
            break
    return chosen


def suggest_topics(
    document: InterviewDocument, vocabulary: list[TopicDocument], limit: int = 5
) -> TopicSuggestions:
    """Vocabulary topics for the interview (all text) and each question (its question and answers),
    plus key phrases of the text as ideas for new topics."""
    language = document.language
    texts = [q.text + "\n" + "\n".join(a.text for a in q.answers) for q in document.questions]
    whole = "\n".join([document.title, *texts])
    taken = frozenset(topic.slug for topic in vocabulary) | frozenset(t.slug for t in document.topics)
    return TopicSuggestions(
        interview=_ranked(vocabulary, whole, language, limit),
        questions={
            q.position: _ranked(vocabulary, t, language, limit)
            for q, t in zip(document.questions, texts, strict=True)
        },
        phrases=key_phrases(texts, limit, taken),
    )


def apply_suggestions(
    document: InterviewDocument,
    suggestions: TopicSuggestions,
    *,
    min_score: float = 1.0,
    phrases: bool = False,
) -> InterviewDocument:
    """A copy with suggested topics (score ≥ `min_score`) added; key phrases only when asked for."""
    chosen = [s for s in suggestions.interview if s.score >= min_score]
    if phrases:
        chosen += [s for s in suggestions.phrases if s.score >= min_score]
    topics = {t.slug: t for t in document.topics} | {s.topic.slug: s.topic for s in chosen}
    questions = []
    for question in document.questions:
        extra = [s.topic for s in suggestions.questions.get(question.position, []) if s.score >= min_score]
        merged = {t.slug: t for t in question.topics} | {t.slug: t for t in extra}
        questions.append(question.model_copy(update={"topics": list(merged.values())}))
    return document.model_copy(update={"topics": list(topics.values()), "questions": questions})
