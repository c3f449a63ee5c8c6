"""Command line: `python -m app.corpus --count 20000 --out /tmp/corpus.ndjson`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app.corpus.generator import meta_path, write_corpus


def main(argv: list[str] | None = None) -> int:
    """Write a corpus and its meta, reporting the time taken so generator speed stays visible."""
    parser = argparse.ArgumentParser(prog="python -m app.corpus", description=__doc__)
    parser.add_argument("--count", type=int, default=20_000, help="number of interviews (default 20000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, required=True, help="NDJSON file to write")
    args = parser.parse_args(argv)

    def progress(done: int) -> None:
        print(f"\r{done}/{args.count}", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    meta = write_corpus(args.out, args.count, args.seed, progress=progress)
    elapsed = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    print(
        f"\n{meta.interviews} interviews, {meta.questions} questions, {meta.answers} answers "
        f"({size:.0f} MB) -> {args.out} and {meta_path(args.out).name} in {elapsed:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
