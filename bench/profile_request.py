"""Where one cold request spends its time, end to end: every middleware, the route, serialisation.

    .venv/bin/python -m bench.profile_request interview           # distinct interviews, SQLite
    .venv/bin/python -m bench.profile_request search --repeat 200
    .venv/bin/python -m bench.profile_request list --url postgresql+psycopg://postgres@127.0.0.1/bench_x

Calls the ASGI application directly (no socket, no client), each time with a different URL and with
the response cache off, and prints the pyinstrument call tree and the mean time per request. What
the tree shows outside the route function is what the middleware stack and FastAPI cost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from bench.common import cached_sqlite_url


async def call(app: Any, path: str) -> tuple[int, int]:
    """One GET through the whole ASGI app: (status, body bytes)."""
    target, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": target,
        "raw_path": target.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"bench"), (b"accept", b"application/json")],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }
    status = 0
    size = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


def inline_threadpool() -> None:
    """Run sync routes and dependencies on the event loop's thread, where the profiler looks."""
    import anyio.to_thread

    async def run_sync(func: Callable[..., Any], *args: Any, **_options: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = run_sync  # type: ignore[assignment]


def urls_for(kind: str, url: str, count: int) -> list[str]:
    """`count` distinct URLs of one kind, from the loaded store itself."""
    from sqlalchemy import text

    from app.storage.sessions import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        slugs = [row[0] for row in connection.execute(text(f"SELECT slug FROM interviews LIMIT {count}"))]
        words = [
            row[0] for row in connection.execute(text(f"SELECT slug FROM topics ORDER BY id LIMIT {count}"))
        ]
    engine.dispose()
    makers: dict[str, Callable[[int], str]] = {
        "interview": lambda n: f"/v1/interviews/{slugs[n % len(slugs)]}",
        "list": lambda n: f"/v1/interviews?limit=20&topic={words[n % len(words)]}&n={n}",
        "search": lambda n: "/v1/search?" + urlencode({"q": words[n % len(words)].replace("-", " "), "n": n}),
    }
    return [makers[kind](n) for n in range(count)]


def main(argv: list[str] | None = None) -> int:
    from pyinstrument import Profiler

    parser = argparse.ArgumentParser(prog="python -m bench.profile_request")
    parser.add_argument("kind", choices=("interview", "list", "search"))
    parser.add_argument("--count", type=int, default=20_000, help="corpus size of the cached SQLite file")
    parser.add_argument("--url", help="database URL (default: the cached SQLite file of --count)")
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--no-profile", action="store_true", help="only the time per request")
    args = parser.parse_args(argv)
    url = args.url or cached_sqlite_url(args.count)
    os.environ.update({"DATABASE_URL": url, "RESPONSE_CACHE_MB": "0", "RATE_LIMIT": "100000000/minute"})
    if not args.no_profile:
        inline_threadpool()  # the profiler sees one thread; timings alone keep the real worker threads
    from app.config import get_settings
    from app.main import create_app

    get_settings.cache_clear()  # the import above read the settings before DATABASE_URL was set

    app = create_app()
    urls = urls_for(args.kind, url, args.repeat + 20)

    async def run() -> float:
        for path in urls[-20:]:  # warm-up: connections, compiled statements
            status, _ = await call(app, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
        if args.no_profile:  # the best of three passes: the steadiest figure on a shared machine
            passes = []
            for _ in range(3):
                started = time.perf_counter()
                for path in urls[: args.repeat]:
                    await call(app, path)
                passes.append(time.perf_counter() - started)
            return min(passes)
        profiler = Profiler(interval=0.0002, async_mode="disabled")
        started = time.perf_counter()
        with profiler:
            for path in urls[: args.repeat]:
                await call(app, path)
        elapsed = time.perf_counter() - started
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return elapsed

    elapsed = asyncio.run(run())
    how = "best of three passes" if args.no_profile else "profiled"
    print(f"{elapsed / args.repeat * 1000:.2f} ms per {args.kind} request ({how}, in process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
