"""A deterministic corpus of hostile query strings: syntax fragments, injections, unicode, huge inputs."""

from __future__ import annotations

import random

FRAGMENTS = [
    '"', "'", "(", ")", "*", "-", "+", ":", "^", "NEAR", "NEAR(", "AND", "OR", "NOT", "&", "|", "!", "<->",
    ":*", "\\", "/", "%", "_", ";", "--", "/*", "*/", "' OR 1=1 --", "'); DROP TABLE answers; --",
    "search_index", "MATCH", "rank", "bm25(", "{", "}", "[", "]", "\x00", "\t", "\n", "😀", "🇰🇿", "ﷺ",
    "визы", "экспорт", "Síkela", "ǅ", "ß", "İ", "\u200b", "\u202e", "a*", "**", '""', '"-"', "-*",
    "visa", "export*", "trade", "1e308", "-1", "0x00", "null", "undefined", "<script>", "&amp;",
]  # fmt: skip


def hostile_queries(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    queries = ["", " ", "*", "-", '"', "OR", "NOT", "AND", "NEAR", "(", ")", "a" * 1000, "x " * 499]
    while len(queries) < count:
        parts = rng.choices(FRAGMENTS, k=rng.randint(1, 8))
        glue = rng.choice(["", " ", "  ", "\t"])
        queries.append(glue.join(parts))
    return queries
