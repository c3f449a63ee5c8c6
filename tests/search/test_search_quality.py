"""The search quality table (bench/search_quality.py) on both stores: 49 realistic queries over 300
generated interviews and the demo, each with the hit it should find, made from the data (a speaker's
surname and a rare word of theirs, two words said in different answers, typos, OR/NOT, other
languages) and, for the demo, written from its text."""

from __future__ import annotations

from app.cli import main
from bench.search_quality import DEMO_CASES, cases, corpus_documents, mean_reciprocal_ranks
from tests.conftest import store_documents


def test_realistic_queries_find_what_they_look_for(store, client) -> None:
    assert main(["demo"]) == 0
    documents = corpus_documents()
    store_documents(store, documents)
    table = cases(documents)
    assert len(table) >= 40 and len({case.kind for case in table}) >= 7
    mrr, ranks = mean_reciprocal_ranks(client, table)
    missed = [(case.kind, case.q) for case, found in zip(table, ranks, strict=True) if not found]
    assert missed == [], missed
    assert mrr["all"] >= 0.9, mrr
    assert all(value >= 0.75 for value in mrr.values()), mrr
    demo = [found for case, found in zip(table, ranks, strict=True) if case in DEMO_CASES]
    assert demo == [1] * len(DEMO_CASES)
