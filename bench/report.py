"""Markdown tables from a results file, for pasting into a README.

.venv/bin/python -m bench.report bench/results/search-20261128-061500.json
.venv/bin/python -m bench.report bench/results/run-20261128-061717.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

VERDICTS = {True: "pass", False: "**miss**", None: "n/a"}


def _ms(stats: dict[str, Any] | None, key: str) -> str:
    if not stats or stats.get(key) is None:
        return "-"
    value = float(stats[key])
    return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"


def search_table(data: dict[str, Any]) -> str:
    lines = [
        "| store | class | matches | floor p50 / p95 | service p50 / p95 (mean) | HTTP p50 / p95 | service/floor p95 | p95 < 50 ms | ≤ 3x |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | :-: | :-: |",
    ]
    for row in data["results"]:
        floor, service, http = row["floor_ms"], row["service_ms"], row["http_ms"]
        lines.append(
            f"| {row['store']} | {row['class']} | {row['mean_matches']:,} | {_ms(floor, 'p50')} / {_ms(floor, 'p95')} "
            f"| {_ms(service, 'p50')} / {_ms(service, 'p95')} ({_ms(service, 'mean')}) "
            f"| {_ms(http, 'p50')} / {_ms(http, 'p95')} | {row['service_to_floor_p95']}x "
            f"| {'pass' if row['pass_p95'] else '**miss**'} | {'pass' if row['pass_ratio'] else '**miss**'} |"
        )
    queries = "; ".join(
        f"{row['class']}: " + ", ".join(f"`{q['q']}`" for q in row["queries"])
        for row in data["results"]
        if row["store"] == data["results"][0]["store"]
    )
    imports = "; ".join(
        f"{i['store']} {i['answers_per_second']:,.0f} answers/s" for i in data.get("imports", [])
    )
    return "\n".join(lines) + f"\n\nQueries: {queries}.\n\nImport: {imports}.\n"


def run_table(data: dict[str, Any]) -> str:
    lines = [
        "| store | scenario | conn | req/s | p50 / p95 / p99 ms | framework req/s | × framework | raw SQL p95 ms | p95 × raw SQL | Datasette req/s | × Datasette |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in data["results"]:
        service, floor, peer = row["service"], row["raw_sql"] or {}, row["datasette"] or {}
        lines.append(
            f"| {row['store']} | {row['scenario']} | {row['concurrency']} | {service['req_s']:,} "
            f"| {_ms(service, 'p50_ms')} / {_ms(service, 'p95_ms')} / {_ms(service, 'p99_ms')} "
            f"| {row['framework']['req_s']:,} | {row['vs_framework_req_s']} | {_ms(floor, 'p95')} "
            f"| {row['vs_raw_sql_p95'] or '-'} | {peer.get('req_s', '-')} | {row['vs_datasette_req_s'] or '-'} |"
        )
    budgets = ["", "| budget (SQLite) | value | verdict |", "| --- | --- | :-: |"]
    budgets += [f"| {b['budget']} | {b['value']} | {VERDICTS[b['pass']]} |" for b in data["budgets"]]
    exports = [
        f"- export from {e['store']}: {e['interviews']:,} interviews, {e['megabytes']} MB in {e['seconds']} s, "
        f"server peak RSS {e['peak_rss_mb_after']:.0f} MB"
        for e in data.get("exports", [])
    ]
    return "\n".join(lines + budgets + ["", *exports]) + f"\n\nWhole run: {data['seconds']:.0f} s.\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for name in args:
        data = json.loads(Path(name).read_text())
        print(search_table(data) if data["benchmark"] == "search" else run_table(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
