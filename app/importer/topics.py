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
        "but",
        "by",
        "can",
        "do",
        "does",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "it",
        "its",
        "me",
        "my",
        "not",
        "on",
        "or",
        "our",
        "she",
        "so",
        "their",
        "them",
        "there",
        "they",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "would",
        "you",
        "your",
        "how",
        "also",
        "very",
        "more",
        "most",
        "about",
        "into",
        "than",
        "then",
        "these",
        "those",
        "just",
        "like",
        "think",
        "know",
        "said",
        "yes",
        "no",
    ]
)
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
    words = [w.lower() for w in _WORD.findall(text) if w.lower() not in STOP]
    stemmer = _stemmer(language)
    if stemmer is None:
        return [w[:PREFIX_STEM] for w in words]
    return [str(s) for s in stemmer.stemWords(words)]


def match_topic(
    topic: TopicDocument, text_stems: Counter[str], language: str | None
) -> TopicSuggestion | None:
    """Score = share of the topic's name words found × how often they occur (log-damped)."""
    wanted = set(stems(f"{topic.name} {topic.slug.replace('-', ' ')}", language))
    found = sorted(stem for stem in wanted if text_stems[stem])
    if not wanted or not found:
        return None
    hits = sum(text_stems[stem] for stem in found)
    score = round(len(found) / len(wanted) * (1 + hits) ** 0.5, 3)
    return TopicSuggestion(topic, score, tuple(found))


def _ranked(
    vocabulary: list[TopicDocument], text: str, language: str | None, limit: int
) -> list[TopicSuggestion]:
    counts = Counter(stems(text, language))
    found = [s for topic in vocabulary if (s := match_topic(topic, counts, language)) is not None]
    return sorted(found, key=lambda s: (-s.score, s.topic.slug))[:limit]


def key_phrases(texts: list[str], limit: int = 10) -> list[TopicSuggestion]:
    """Multi-word phrases without stop words (2-3 words) and capitalised names, scored by
    frequency × spread (in how many of the texts they occur)."""
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
                    if any(w.lower() in STOP or len(w) < 3 for w in gram):
                        continue
                    key = " ".join(w.lower() for w in gram)
                    counts[key] += 1
                    shown.setdefault(key, " ".join(gram))
                    seen.add(key)
        spread.update(seen)
    scored = [
        (counts[key] * spread[key], key)
        for key in counts
        if counts[key] >= MIN_PHRASE_COUNT and re.search("[a-z]", slugify(key))
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[TopicSuggestion] = []
    for score, key in scored:
        if any(key in other.topic.name.lower() for other in chosen):
            continue  # a part of a phrase already chosen adds nothing
        name = shown[key]
        topic = TopicDocument(slug=slugify(name)[:80].strip("-"), name=name)
        reason = (f"{counts[key]} times in {spread[key]} answers or questions",)
        chosen.append(TopicSuggestion(topic, float(score), reason, new=True))
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
    return TopicSuggestions(
        interview=_ranked(vocabulary, whole, language, limit),
        questions={
            q.position: _ranked(vocabulary, t, language, limit)
            for q, t in zip(document.questions, texts, strict=True)
        },
        phrases=key_phrases(texts, limit),
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
