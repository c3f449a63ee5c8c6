"""Where a search request spends its time: pyinstrument over repeated service calls, plus SQL timings.

    .venv/bin/python -m bench.profile_search --q oil                 # SQLite, 20,000 interviews
    .venv/bin/python -m bench.profile_search --q oil --url postgresql+psycopg://postgres@127.0.0.1/bench_x

Prints the call tree (pyinstrument) and each SQL statement the search ran with its total time,
so the share of facets, snippets, the languages query and per-hit lookups is visible.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session

from bench.common import cached_sqlite_url


def statement_timer(engine: Engine) -> dict[str, list[float]]:
    """Wall time of every statement, keyed by its first line: a poor man's query log."""
    timings: dict[str, list[float]] = defaultdict(list)

    @event.listens_for(engine, "before_cursor_execute")
    def before(_conn: Any, _cursor: Any, _statement: str, _params: Any, context: Any, _many: bool) -> None:
        context._bench_started = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def after(_conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool) -> None:
        label = " ".join(statement.split())[:110]
        timings[label].append(time.perf_counter() - context._bench_started)

    return timings


def main(argv: list[str] | None = None) -> int:
    from pyinstrument import Profiler

    from app.search.repository import SearchFilters, search
    from app.storage.sessions import make_engine

    parser = argparse.ArgumentParser(prog="python -m bench.profile_search")
    parser.add_argument("--q", default="oil")
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--url", help="database URL (default: the cached SQLite file of --count)")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--speaker")
    parser.add_argument("--topic")
    args = parser.parse_args(argv)
    url = args.url or cached_sqlite_url(args.count)
    engine = make_engine(url)
    filters = SearchFilters(
        speaker=[args.speaker] if args.speaker else None, topic=[args.topic] if args.topic else None
    )

    def once() -> None:
        with Session(engine) as session:
            search(session, args.q, filters, sort="relevance", cursor=None, limit=20)

    once()
    timings = statement_timer(engine)
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(args.repeat):
            once()
    per_call = (time.perf_counter() - started) / args.repeat * 1000
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"{per_call:.1f} ms per search (profiled)\nSQL, ms per search:")
    for label, values in sorted(timings.items(), key=lambda item: -sum(item[1])):
        print(f"  {sum(values) / args.repeat * 1000:8.2f}  x{len(values) // args.repeat}  {label}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
