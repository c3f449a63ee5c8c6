"""Deterministic generator of interview documents, for tests and benchmarks.

Searches and filters are only meaningful to benchmark on text whose selectivity is known, so
the prose here is drawn from a Zipf-weighted English vocabulary with topic keywords, named
entities and a tail of rare specialist terms mixed in at controlled rates, and the meta file
records how many answers each of those terms actually landed in.

Determinism: the shared world (speakers, topics, outlets) comes from `random.Random(f"{seed}:world")`
and interview `i` only from `random.Random(f"{seed}:{i}")`, so the first 1,000 documents of a
20,000-document corpus are the 1,000 documents of a 1,000-document corpus, byte for byte.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
import random
import re
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.corpus import vocabulary as vocab
from app.corpus.words import common_families

GENERATOR_VERSION = 1
"""Bump when the output for a given seed changes, so stale corpora and baselines are noticed."""

TABLE_SIZE = 1 << 16
"""Word sampling table: one 16-bit random code per word, far faster than weighted choices."""

SPEAKER_POOL = 2_000
JOURNALISTS = 240
FIRST_YEAR, LAST_YEAR = 2010, 2026
LAST_YEAR_DAYS = 150
"""The corpus stops in spring of its last year, so no interview is dated in the future."""

ANSWER_WORDS_MIN, ANSWER_WORDS_MODE, ANSWER_WORDS_MAX = 40, 90, 200
FOCUS_KEYWORD_RATE = 0.055
"""Keyword tokens per word for the topic a question is about: ~2-3 per answer."""
BACKGROUND_KEYWORD_RATE = 0.022
"""Keyword tokens per word for the interview's other topics: about one per answer in two."""
HEADLINE_SHARE = 0.4
"""Share of a topic's keyword mentions that use its first (headline) keyword, e.g. `tariff` for Trade."""
ENTITY_RATE = 0.008
RARE_TERM_CHANCE = 0.02
"""Share of answers given one rare term; over ~190 terms each lands in ~0.01% of answers."""

COMMON_SHARE_RANGE = (0.02, 0.6)
"""Common words listed in the meta: those expected in 2%-60% of answers."""

_BIG_ENDIAN = sys.byteorder == "big"


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, matching the schema's slug pattern."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def zipf_weights(count: int, exponent: float, offset: float) -> list[float]:
    """Zipf-Mandelbrot weights, so a few items dominate and a long tail stays rare."""
    return [1.0 / (rank + offset) ** exponent for rank in range(1, count + 1)]


class Picker:
    """Weighted choice with one `random()` call and a bisection, cheaper than `rng.choices`."""

    def __init__(self, weights: Sequence[float]) -> None:
        self._cumulative = list(itertools.accumulate(weights))
        self._total = self._cumulative[-1]
        self._last = len(self._cumulative) - 1

    def index(self, rng: random.Random) -> int:
        return min(bisect.bisect(self._cumulative, rng.random() * self._total), self._last)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person of the shared pool; the same slug always carries the same details."""

    slug: str
    name: str
    title: str | None
    organization: str | None
    country: str | None
    kind: str
    """`journalist` (asks the questions) or `guest` (answers them)."""
    domain: str | None
    expertise: tuple[int, ...]

    def document(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "name": self.name,
            "title": self.title,
            "organization": self.organization,
            "country": self.country,
        }


@dataclass(frozen=True, slots=True)
class Topic:
    """A theme, or a theme focused on a place or bloc (`Energy: Germany`), with its keywords."""

    slug: str
    name: str
    theme: str
    entity: str | None
    keywords: tuple[tuple[str, ...], ...]
    """Keyword families: the first form is the one to search for, the rest are its inflections."""

    @property
    def label(self) -> str:
        return f"{self.theme} in {self.entity}" if self.entity else self.theme


@dataclass(frozen=True)
class CorpusMeta:
    """What a written corpus contains, so benchmarks can pick filters and terms of known selectivity.

    Shares are fractions of all answers whose text contains the term as a whole word
    (case-insensitive); keyword families count an answer once if any of their forms occurs.
    """

    version: int
    seed: int
    interviews: int
    questions: int
    answers: int
    answer_words: int
    languages: dict[str, int]
    speakers: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    rare_terms: list[dict[str, Any]]
    common_words: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CorpusMeta:
        return cls(**data)

    @classmethod
    def read(cls, path: Path) -> CorpusMeta:
        """Read a `<corpus>.meta.json` written by `write_corpus`."""
        with path.open(encoding="utf-8") as file:
            return cls.from_dict(json.load(file))


def meta_path(path: Path) -> Path:
    """Where `write_corpus` puts the meta of a corpus: next to it, `.meta.json` appended."""
    return path.with_name(path.name + ".meta.json")


class World:
    """The global tables every interview of one seed draws from: words, topics, speakers, outlets."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"{seed}:world")
        self.topics = self._make_topics(rng)
        self.keyword_forms: dict[str, tuple[str, ...]] = {}
        """Each keyword form, mapped to its family (whose first form names it)."""
        for topic in self.topics:
            for family in topic.keywords:
                for form in family:
                    # a form in two themes would blur both themes' selectivity
                    clash = self.keyword_forms.setdefault(form, family) != family
                    if clash or not (form.isalpha() and form.islower()):
                        raise ValueError(f"keyword {form!r} must be one lowercase word in a single theme")
        self.rare_terms = sorted({term for term in vocab.RARE_TERMS if term not in self.keyword_forms})
        self.entities = list(dict.fromkeys([*vocab.ENTITIES, *vocab.FOCUS_ENTITIES, *vocab.COUNTRY_CITIES]))
        self.entity_picker = Picker(zipf_weights(len(vocab.ENTITIES), 1.0, 1.5))
        self._make_words()
        self.topic_picker = Picker(zipf_weights(len(self.topics), 0.9, 4.0))
        self.journalists, self.guests = self._make_speakers(rng)
        self.journalist_picker = Picker(zipf_weights(len(self.journalists), 0.8, 3.0))
        self.guest_picker = Picker(zipf_weights(len(self.guests), 0.9, 8.0))
        self.year_picker = Picker(
            [1.0 + 0.12 * (year - FIRST_YEAR) for year in range(FIRST_YEAR, LAST_YEAR + 1)]
        )
        self.language_picker = Picker([weight for _, weight in vocab.LANGUAGES])
        self.tracked = frozenset(
            [*self.keyword_forms, *self.rare_terms, *self.entities, *(w for w, _ in self.common_words)]
        )
        """Terms whose answer counts the meta reports; counting only these keeps writing fast."""
        self.entity_parts = {
            entity: parts
            for entity in self.entities
            if " " in entity
            and (parts := frozenset(self.tracked.intersection([*entity.split(), *entity.lower().split()])))
        }
        """Tracked terms inside entity names (`bank` in `World Bank`, `Arctic` in `Arctic Council`)."""

    def _make_topics(self, rng: random.Random) -> list[Topic]:
        themes: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
        for line in vocab.THEMES_TEXT.splitlines():
            name, _, keywords = line.partition("|")
            families = tuple(tuple(item.split()) for item in keywords.split(";"))
            themes.append((name.strip(), families))
        if any(len(families) < 2 for _, families in themes):
            raise ValueError("every theme needs a headline keyword and at least one more")
        topics = [Topic(slugify(name), name, name, None, families) for name, families in themes]
        for name, families in themes:
            for entity in rng.sample(vocab.FOCUS_ENTITIES, 2):
                full = f"{name}: {entity}"
                topics.append(Topic(slugify(full), full, name, entity, families))
        rng.shuffle(topics)  # popularity rank must not follow the theme list
        if len({topic.slug for topic in topics}) != len(topics):
            raise ValueError("topic slugs must be unique")
        return topics

    def _make_words(self) -> None:
        """Build the sampling table, leaving out words that would blur the selectivity of others."""
        excluded = set(self.keyword_forms) | set(self.rare_terms)
        entity_words = {part.lower() for entity in self.entities for part in entity.split()}
        families = [
            kept for family in common_families() if (kept := tuple(w for w in family if w not in excluded))
        ]
        words: list[str] = []
        weights: list[float] = []
        for family, family_weight in zip(families, zipf_weights(len(families), 1.0, 2.7), strict=True):
            form_weights = [1.0 / (k + 1) ** 0.8 for k in range(len(family))]
            scale = family_weight / sum(form_weights)
            words.extend(family)
            weights.extend(w * scale for w in form_weights)
        total = sum(weights)
        slots = [max(1, int(w / total * TABLE_SIZE)) for w in weights]
        slots[0] += TABLE_SIZE - sum(slots)  # rounding goes to the most frequent word
        self.word_family = {w: family[0] for family in families for w in family}
        self.table = [
            ("I" if word == "i" else word) for word, n in zip(words, slots, strict=True) for _ in range(n)
        ]
        self.vocabulary_size = len(words)
        lengths = _answer_length_weights()
        diluted = 1.0 - (FOCUS_KEYWORD_RATE + 2 * BACKGROUND_KEYWORD_RATE + ENTITY_RATE) / 2
        expected = []
        for word, n in zip(words, slots, strict=True):
            p = n / TABLE_SIZE * diluted
            share = sum(weight * (1.0 - (1.0 - p) ** length) for length, weight in lengths)
            low, high = COMMON_SHARE_RANGE
            if low <= share <= high and word not in entity_words and len(word) > 1:
                expected.append((word, share))
        self.common_words = expected

    def _make_speakers(self, rng: random.Random) -> tuple[list[Speaker], list[Speaker]]:
        used: set[str] = set()
        countries = list(vocab.COUNTRY_CITIES)

        def new_name() -> str:
            while True:
                name = f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"
                if slugify(name) not in used:
                    used.add(slugify(name))
                    return name

        outlet_picker = Picker(zipf_weights(len(vocab.OUTLETS), 0.7, 1.0))
        journalists = []
        for _ in range(JOURNALISTS):
            name = new_name()
            outlet, domain = vocab.OUTLETS[outlet_picker.index(rng)]
            journalists.append(
                Speaker(
                    slugify(name),
                    name,
                    rng.choice(vocab.JOURNALIST_TITLES),
                    outlet,
                    rng.choice(countries),
                    "journalist",
                    domain,
                    (),
                )
            )
        guests = []
        for _ in range(SPEAKER_POOL - JOURNALISTS):
            name = new_name()
            country = rng.choice(countries)
            title, organization = _guest_role(rng, country)
            expertise = tuple(self.topic_picker.index(rng) for _ in range(rng.randint(3, 5)))
            guests.append(
                Speaker(slugify(name), name, title, organization, country, "guest", None, expertise)
            )
        rng.shuffle(guests)
        return journalists, guests

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """`count` common words, one 16-bit random code each."""
        codes = array("H", rng.randbytes(2 * count))
        if _BIG_ENDIAN:
            codes.byteswap()
        table = self.table
        return [table[code] for code in codes]


def _guest_role(rng: random.Random, country: str) -> tuple[str, str | None]:
    """A plausible title and organisation for an interviewee from `country`."""
    template = rng.choice(vocab.GUEST_TITLES)
    city = rng.choice(vocab.COUNTRY_CITIES[country])
    portfolio = rng.choice(vocab.PORTFOLIOS)
    field = rng.choice(vocab.FIELDS)
    title = template.format(portfolio=portfolio, field=field, city=city)
    organization: str | None
    if "Minister" in template:
        organization = f"Ministry of {portfolio} of {country}"
    elif template == "Ambassador":
        organization = f"Ministry of Foreign Affairs of {country}"
        title = f"Ambassador of {country} to {rng.choice([c for c in vocab.COUNTRY_CITIES if c != country])}"
    elif "Professor" in template:
        organization = f"University of {city}"
    elif template == "Member of Parliament":
        organization = f"Parliament of {country}"
    elif template.startswith("Mayor"):
        organization = f"City of {city}"
    elif template in ("Director-General", "Secretary-General", "Special Envoy", "Head of Delegation"):
        organization = rng.choice(vocab.INTERNATIONAL_ORGS)
    elif template in ("Senior Fellow", "Research Director", "Policy Analyst"):
        organization = f"{rng.choice(vocab.ORG_PREFIXES)} Institute for {field}"
    elif template in ("Author", "Novelist", "Film Director"):
        organization = None
    elif template == "Head Coach":
        organization = f"{city} Athletic Club"
    elif template == "Trade Union Leader":
        organization = f"{country} Workers' Federation"
    else:
        organization = f"{rng.choice(vocab.ORG_PREFIXES)} {rng.choice(vocab.ORG_KINDS)}"
    return title, organization


def _answer_length_weights() -> list[tuple[int, float]]:
    """The distribution of answer lengths in words (a triangular shape), for expected shares."""
    low, mode, high = ANSWER_WORDS_MIN, ANSWER_WORDS_MODE, ANSWER_WORDS_MAX
    raw = [
        (n, (n - low) / (mode - low) if n <= mode else (high - n) / (high - mode)) for n in range(low, high)
    ]
    total = sum(weight for _, weight in raw)
    return [(n, weight / total) for n, weight in raw if weight > 0]


@lru_cache(maxsize=4)
def world(seed: int) -> World:
    """The world of `seed`, built once per process: every document of that seed needs it."""
    return World(seed)


class Tally:
    """Counts, while writing, what the meta reports: totals and answers containing each term."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.interviews = 0
        self.questions = 0
        self.answers = 0
        self.answer_words = 0
        self.term_answers: Counter[str] = Counter()
        self.family_answers: Counter[str] = Counter()
        self.languages: Counter[str] = Counter()
        self.speaker_interviews: Counter[str] = Counter()
        self.topic_interviews: Counter[str] = Counter()

    def answer(self, tokens: list[str], words: int) -> None:
        hits = self.world.tracked.intersection(tokens)
        parts = self.world.entity_parts
        for hit in [hit for hit in hits if hit in parts]:
            hits |= parts[hit]
        self.answers += 1
        self.answer_words += words
        self.term_answers.update(hits)
        forms = self.world.keyword_forms
        self.family_answers.update({forms[hit][0] for hit in hits if hit in forms})

    def document(self, document: dict[str, Any]) -> None:
        self.interviews += 1
        self.questions += len(document["questions"])
        self.languages[document["language"]] += 1
        self.speaker_interviews.update(p["speaker"]["slug"] for p in document["participants"])
        self.topic_interviews.update(t["slug"] for t in document["topics"])

    def meta(self, seed: int) -> CorpusMeta:
        answers = max(self.answers, 1)

        def term(word: str, count: int, **extra: Any) -> dict[str, Any]:
            return {"term": word, **extra, "answers": count, "share": round(count / answers, 6)}

        w = self.world
        speakers = [
            {**s.document(), "kind": s.kind, "interviews": self.speaker_interviews[s.slug]}
            for s in [*w.journalists, *w.guests]
        ]
        topics = [
            {
                "slug": t.slug,
                "name": t.name,
                "theme": t.theme,
                "entity": t.entity,
                "interviews": self.topic_interviews[t.slug],
                "keywords": [
                    term(family[0], self.family_answers[family[0]], forms=list(family))
                    for family in t.keywords
                ],
            }
            for t in w.topics
        ]
        return CorpusMeta(
            version=GENERATOR_VERSION,
            seed=seed,
            interviews=self.interviews,
            questions=self.questions,
            answers=self.answers,
            answer_words=self.answer_words,
            languages=dict(sorted(self.languages.items(), key=lambda item: -item[1])),
            speakers=speakers,
            topics=topics,
            entities=[term(e, self.term_answers[e]) for e in w.entities],
            rare_terms=[term(r, self.term_answers[r]) for r in w.rare_terms],
            common_words=[
                term(
                    word, self.term_answers[word], family=w.word_family[word], expected_share=round(share, 6)
                )
                for word, share in w.common_words
            ],
        )


class _InterviewBuilder:
    """Builds interview `index` of `seed`: all randomness comes from the interview's own generator."""

    def __init__(self, w: World, seed: int, index: int, tally: Tally | None) -> None:
        self.w = w
        self.index = index
        self.rng = random.Random(f"{seed}:{index}")
        self.tally = tally

    def pick_guests(self, count: int) -> list[Speaker]:
        chosen: list[Speaker] = []
        while len(chosen) < count:
            guest = self.w.guests[self.w.guest_picker.index(self.rng)]
            if guest not in chosen:
                chosen.append(guest)
        return chosen

    def pick_topics(self, primary: Speaker) -> list[Topic]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), weights=(20, 35, 30, 15))[0]
        chosen: list[int] = []
        while len(chosen) < count:
            k = rng.choice(primary.expertise) if rng.random() < 0.65 else self.w.topic_picker.index(rng)
            if k not in chosen:
                chosen.append(k)
        return [self.w.topics[k] for k in chosen]

    def words(
        self, count: int, topics: Sequence[Topic], focus: Topic | None, entities: Sequence[str], rare: bool
    ) -> list[str]:
        """Common words with keywords, entities and maybe a rare term put in at random places."""
        rng = self.rng
        tokens = self.w.draw(rng, count)
        for topic in topics:
            rate = FOCUS_KEYWORD_RATE if topic is focus else BACKGROUND_KEYWORD_RATE
            others = (len(topic.keywords) - 1) / (1.0 - HEADLINE_SHARE)
            for _ in range(int(count * rate + rng.random())):
                # the first family is the theme's headline word: it gets 40% of the theme's mentions
                pick = rng.random()
                family = topic.keywords[
                    0 if pick < HEADLINE_SHARE else 1 + int((pick - HEADLINE_SHARE) * others)
                ]
                form = family[0] if len(family) == 1 or rng.random() < 0.5 else rng.choice(family[1:])
                tokens[int(rng.random() * count)] = form
        for _ in range(int(count * ENTITY_RATE + rng.random())):
            if entities and rng.random() < 0.5:
                entity = entities[int(rng.random() * len(entities))]
            else:
                entity = vocab.ENTITIES[self.w.entity_picker.index(rng)]
            tokens[int(rng.random() * count)] = entity
        if rare and rng.random() < RARE_TERM_CHANCE:
            tokens[int(rng.random() * count)] = self.w.rare_terms[int(rng.random() * len(self.w.rare_terms))]
        return tokens

    def prose(self, tokens: list[str]) -> str:
        """Sentences of 6-19 words, capitalised, some with a comma."""
        rng = self.rng
        sentences = []
        start, count = 0, len(tokens)
        while start < count:
            length = 6 + int(rng.random() * 14)
            sentence = tokens[start : start + length]
            start += length
            first = sentence[0]
            sentence[0] = first[0].upper() + first[1:]
            if len(sentence) > 8 and rng.random() < 0.45:
                sentence[3 + int(rng.random() * (len(sentence) - 6))] += ","
            sentences.append(" ".join(sentence))
        return ". ".join(sentences) + "."

    def answer_text(self, topics: Sequence[Topic], focus: Topic | None, entities: Sequence[str]) -> str:
        length = int(self.rng.triangular(ANSWER_WORDS_MIN, ANSWER_WORDS_MAX, ANSWER_WORDS_MODE))
        tokens = self.words(length, topics, focus, entities, rare=True)
        text = self.prose(tokens)
        if self.tally is not None:
            self.tally.answer(tokens, text.count(" ") + 1)
        return text

    def question_text(self, topics: Sequence[Topic], focus: Topic | None, entities: Sequence[str]) -> str:
        rng = self.rng
        tokens = self.words(6 + int(rng.random() * 14), topics, focus or topics[0], entities, rare=False)
        if focus is not None:
            tokens[int(rng.random() * len(tokens))] = rng.choice(focus.keywords)[0]
        return f"{rng.choice(vocab.QUESTION_OPENERS)} {' '.join(tokens)}?"

    def phrase(self, topics: Sequence[Topic], entities: Sequence[str]) -> str:
        rng = self.rng
        tokens = self.words(4 + int(rng.random() * 5), topics, topics[0], entities, rare=False)
        tokens[int(rng.random() * len(tokens))] = rng.choice(topics[0].keywords)[0]
        return self.prose(tokens).rstrip(".")

    def published_at(self) -> tuple[str | None, date | None]:
        rng = self.rng
        year = FIRST_YEAR + self.w.year_picker.index(rng)
        days = LAST_YEAR_DAYS if year == LAST_YEAR else 365
        moment = datetime(year, 1, 1, tzinfo=UTC) + timedelta(
            days=int(rng.random() * days), seconds=7 * 3600 + int(rng.random() * 14 * 3600)
        )
        kind = rng.random()
        if kind < 0.03:
            return None, None
        if kind < 0.18:
            return moment.date().isoformat(), moment.date()
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ"), moment.date()

    def build(self) -> dict[str, Any]:
        rng = self.rng
        w = self.w
        host = w.journalists[w.journalist_picker.index(rng)]
        shape = rng.random()
        if shape < 0.74:
            guests, host_role = self.pick_guests(1), "interviewer"
        elif shape < 0.88:
            guests, host_role = self.pick_guests(2), "interviewer"
        else:
            guests, host_role = self.pick_guests(2 if rng.random() < 0.5 else 3), "moderator"
        primary = guests[0]
        topics = self.pick_topics(primary)
        entities = [t.entity for t in topics if t.entity] + [g.country for g in guests if g.country]

        published, day = self.published_at()
        language = vocab.LANGUAGES[w.language_picker.index(rng)][0]
        place = rng.random()
        location: str | None = None
        if place < 0.6 and primary.country:
            location = f"{rng.choice(vocab.COUNTRY_CITIES[primary.country])}, {primary.country}"
        elif place < 0.85:
            country = rng.choice(list(vocab.COUNTRY_CITIES))
            location = f"{rng.choice(vocab.COUNTRY_CITIES[country])}, {country}"
        event = f"{rng.choice(vocab.EVENTS)} {day.year}" if day and rng.random() < 0.25 else None

        pattern = int(rng.random() * 5)
        if host_role == "moderator":
            title = f"Panel discussion: {topics[0].label}"
        elif pattern == 0:
            title = f'{primary.name}: "{self.phrase(topics, entities)}"'
        elif pattern == 1:
            title = f"{primary.name} on {topics[0].label.lower()}"
        elif pattern == 2:
            title = f"In conversation with {primary.name}, {primary.title}"
        elif pattern == 3:
            title = f'"{self.phrase(topics, entities)}" — {primary.name}'
        else:
            title = f"{topics[0].label}: an interview with {primary.name}"
        slug = f"{slugify(title)[:64].strip('-')}-{self.index + 1}"
        summary = None
        if rng.random() < 0.65:
            about = ", ".join(t.label for t in topics)
            lead = self.prose(
                self.words(12 + int(rng.random() * 14), topics, topics[0], entities, rare=False)
            )
            summary = f"{primary.title} {primary.name} talks about {about}. {lead}"
        dated = f"{day.year}/{day.month:02d}" if day else "archive"
        source = {"name": host.organization, "url": f"https://{host.domain}/{dated}/{slug}"}

        fewest, spread = (6, 6) if host_role == "moderator" else (7, 7)  # panels take longer per question
        question_count = fewest + int(rng.random() * spread)
        questions = []
        for position in range(1, question_count + 1):
            focus = rng.choice(topics) if rng.random() < 0.7 else None
            if host_role == "moderator":
                speakers = rng.sample(guests, 2 if len(guests) == 2 or rng.random() < 0.5 else 3)
            elif len(guests) == 2:
                speakers = rng.sample(guests, 1 if rng.random() < 0.55 else 2)
            else:
                speakers = guests * (2 if rng.random() < 0.1 else 1)
            question: dict[str, Any] = {
                "position": position,
                "text": self.question_text(topics, focus, entities),
                "asked_by": host.slug,
            }
            if focus is not None:
                question["topics"] = [{"slug": focus.slug, "name": focus.name}]
            question["answers"] = [
                {"position": k, "speaker": speaker.slug, "text": self.answer_text(topics, focus, entities)}
                for k, speaker in enumerate(speakers, start=1)
            ]
            questions.append(question)

        return {
            "slug": slug,
            "title": title,
            "summary": summary,
            "language": language,
            "published_at": published,
            "location": location,
            "event": event,
            "source": source,
            "participants": [
                {"speaker": host.document(), "role": host_role},
                *({"speaker": guest.document(), "role": "interviewee"} for guest in guests),
            ],
            "topics": [{"slug": t.slug, "name": t.name} for t in topics],
            "questions": questions,
        }


def generate_documents(count: int, seed: int = 42) -> Iterator[dict[str, Any]]:
    """Interview documents 0..count-1 of `seed`; document `i` depends only on `(seed, i)`."""
    w = world(seed)
    for index in range(count):
        yield _InterviewBuilder(w, seed, index, None).build()


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _lines(seed: int, indexes: Iterable[int], tally: Tally) -> Iterator[str]:
    w = world(seed)
    for index in indexes:
        document = _InterviewBuilder(w, seed, index, tally).build()
        tally.document(document)
        yield _dump(document) + "\n"


def write_corpus(
    path: Path,
    count: int,
    seed: int = 42,
    progress: Callable[[int], None] | None = None,
) -> CorpusMeta:
    """Write `count` documents as NDJSON to `path` and their meta to `<path>.meta.json`.

    The corpus is written to a temporary file first, so an interrupted run never leaves a
    truncated corpus that looks complete. `progress` gets the number of documents written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tally = Tally(world(seed))
    partial = path.with_name(path.name + ".partial")
    batch = 1_000
    with partial.open("w", encoding="utf-8", newline="\n") as file:
        for start in range(0, count, batch):
            stop = min(start + batch, count)
            file.writelines(_lines(seed, range(start, stop), tally))
            if progress is not None:
                progress(stop)
    os.replace(partial, path)
    meta = tally.meta(seed)
    with meta_path(path).open("w", encoding="utf-8") as file:
        json.dump(meta.to_dict(), file, ensure_ascii=False, indent=1)
        file.write("\n")
    return meta
