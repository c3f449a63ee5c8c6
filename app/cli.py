"""The `interviews` command: serve, migrate, import, export, keys, openapi, demo, generate, deliver."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TimeRemainingColumn
from rich.table import Table

from app.config import get_settings
from app.importer import FORMAT_KEYS
from app.interviews.rendering import render_stale  # also renders interviews as this process writes them
from app.storage.migrations import project_path

if TYPE_CHECKING:
    from app.imports.service import ImportReport

console = Console(stderr=True)
SAMPLES_DIR = project_path("data") / "samples"
PROGRESS_THRESHOLD_BYTES = 1_000_000
GRACEFUL_SHUTDOWN_SECONDS = 30
"""On SIGTERM, uvicorn stops accepting connections and lets requests in flight finish for this long."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interviews", description="Interviews as structured data.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--reload", action="store_true")
    serve.set_defaults(handler=run_serve)

    migrate = commands.add_parser("migrate", help="upgrade the database schema to the latest revision")
    migrate.add_argument("--revision", default="head")
    migrate.set_defaults(handler=run_migrate)

    importer = commands.add_parser(
        "import", help="import interview documents (.json, .ndjson) or articles (text, Markdown, HTML, URLs)"
    )
    importer.add_argument("paths", nargs="+", metavar="PATH_OR_URL")
    importer.add_argument(
        "--skip-invalid", action="store_true", help="store the good records, report the bad"
    )
    importer.add_argument("--dry-run", action="store_true", help="parse and report, store nothing")
    articles = importer.add_argument_group("articles", "what the text does not say; given values win")
    articles.add_argument("--format", choices=sorted(FORMAT_KEYS), help="skip format detection")
    articles.add_argument("--interviewer", metavar="NAME", help='"Name" or "Name, Title"')
    articles.add_argument("--interviewee", action="append", metavar="NAME", help='"Name, Title"; repeatable')
    articles.add_argument("--topic", action="append", dest="topics", metavar="NAME", help="repeatable")
    articles.add_argument("--published-at", metavar="DATE", help="ISO 8601 date or date-time")
    articles.add_argument("--media-url", metavar="URL", help="the recording a transcript's times refer to")
    articles.add_argument(
        "--suggest-topics", action="store_true", help="store the suggested topics (a dry run only shows them)"
    )
    importer.set_defaults(handler=run_import)

    export = commands.add_parser("export", help="write every interview as NDJSON documents")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    export.set_defaults(handler=run_export)

    openapi = commands.add_parser("openapi", help="write openapi/openapi.json and openapi.yaml")
    openapi.add_argument("--output-dir", type=Path, default=Path("openapi"))
    openapi.set_defaults(handler=run_openapi)

    demo = commands.add_parser("demo", help="import the sample interviews into an empty database")
    demo.set_defaults(handler=run_demo)

    keys = commands.add_parser("keys", help="create, list and revoke API keys")
    key_commands = keys.add_subparsers(required=True, metavar="ACTION")
    create = key_commands.add_parser("create", help="create a key and print it (only this once)")
    create.add_argument("--name", required=True)
    create.add_argument("--scope", choices=["read", "write", "admin", "webhooks"], default="read")
    create.set_defaults(handler=run_keys_create)
    listing = key_commands.add_parser("list", help="list keys (never the keys themselves)")
    listing.set_defaults(handler=run_keys_list)
    revoke = key_commands.add_parser("revoke", help="revoke a key by id, prefix or name")
    revoke.add_argument("ref", metavar="ID_PREFIX_OR_NAME")
    revoke.set_defaults(handler=run_keys_revoke)

    generate = commands.add_parser("generate", help="write a generated corpus of interview documents")
    generate.add_argument("--count", "-n", type=int, default=1000)
    generate.add_argument("--seed", type=int, default=42)
    generate.add_argument("--output", "-o", type=Path, required=True)
    generate.set_defaults(handler=run_generate)

    deliver = commands.add_parser(
        "deliver", help="send webhook deliveries: new changes to their subscribers, retries when due"
    )
    deliver.add_argument("--once", action="store_true", help="send what is due now, then exit")
    deliver.add_argument(
        "--interval", type=float, default=2.0, metavar="SECONDS", help="pause when nothing is due (default 2)"
    )
    deliver.set_defaults(handler=run_deliver)
    return parser


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.config import get_settings
    from app.http.request_ids import logging_config

    log_format = get_settings().log_format
    json_lines = log_format == "json" or (log_format == "auto" and not sys.stderr.isatty())

    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        reload=args.reload,
        server_header=False,
        log_config=logging_config(json_lines=json_lines),
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    from app.storage.migrations import current_revision, upgrade
    from app.storage.sessions import get_engine

    get_engine()  # creates the SQLite folder when needed
    upgrade(get_settings().database_url, args.revision)
    if args.revision == "head":
        rendered = render_stale(get_engine())
        if rendered:
            console.print(f"rendered {rendered} interviews for this release")
    console.print(f"database at revision {current_revision(get_engine())}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from app.importer import ArticleError, metadata_from_options
    from app.imports.service import ArticleOptions, import_source, is_url
    from app.storage.sessions import get_engine

    try:
        metadata = metadata_from_options(
            args.interviewer, args.interviewee, args.topics, args.published_at, args.format, args.media_url
        )
    except (ArticleError, ValueError) as error:
        console.print(f"invalid option: {error}", style="red", soft_wrap=True, markup=False)
        return 2
    options = ArticleOptions(
        metadata=metadata, format=args.format, store_suggested_topics=args.suggest_topics
    )
    engine = get_engine()
    table = Table("source", "created", "updated", "unchanged", "bad records", "result")
    failed = False
    for source in args.paths:
        if not is_url(source) and not Path(source).is_file():
            console.print(f"{source}: no such file", style="red", soft_wrap=True, markup=False)
            failed = True
            continue
        size = 0 if is_url(source) else Path(source).stat().st_size
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            disable=size < PROGRESS_THRESHOLD_BYTES,
            transient=True,
        ) as progress:
            task = progress.add_task(Path(source).name, total=size)

            def report_progress(done: int, progress: Progress = progress, task: TaskID = task) -> None:
                progress.update(task, completed=done)

            report = import_source(
                engine,
                source,
                options=options,
                skip_invalid=args.skip_invalid,
                dry_run=args.dry_run,
                on_progress=report_progress,
            )
        for bad in report.bad_records:
            console.print(str(bad), style="yellow", soft_wrap=True, markup=False)
        show_suggestions(report, stored=args.suggest_topics and not args.dry_run)
        if args.dry_run:
            for document in report.documents:
                print(document.model_dump_json(indent=2))
        if report.bad_records and not args.skip_invalid:
            result = "[red]nothing stored[/red] (fix the records above or pass --skip-invalid)"
            failed = True
        elif args.dry_run:
            result = "dry run: nothing stored"
        else:
            skipped = f", skipped {len(report.bad_records)}" if report.bad_records else ""
            result = f"[green]stored[/green]{skipped}"
        counts = report.counts
        table.add_row(
            source, *(str(counts[action]) for action in counts), str(len(report.bad_records)), result
        )
    console.print(table)
    return 1 if failed else 0


def show_suggestions(report: ImportReport, *, stored: bool) -> None:
    """Topic suggestions of each article, with the words that led to them."""
    for slug, suggestions in report.suggestions.items():
        if not (suggestions.interview or suggestions.phrases):
            continue
        table = Table(
            "topic", "score", "why", title=f"topics {'added to' if stored else 'suggested for'} {slug}"
        )
        for suggestion in suggestions.interview + suggestions.phrases:
            new = " (new)" if suggestion.new else ""
            table.add_row(suggestion.topic.slug + new, f"{suggestion.score:g}", ", ".join(suggestion.reason))
        console.print(table)


def run_export(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.storage.exporter import iter_documents, ndjson_line
    from app.storage.sessions import get_engine

    output = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    count = 0
    try:
        with Session(get_engine()) as session:
            for document in iter_documents(session):
                output.write(ndjson_line(document))
                count += 1
    finally:
        if args.output:
            output.close()
    console.print(f"exported {count} interviews")
    return 0


def run_openapi(args: argparse.Namespace) -> int:
    import yaml

    from app.main import create_app

    schema = create_app().openapi()
    args.output_dir.mkdir(parents=True, exist_ok=True)
    (args.output_dir / "openapi.json").write_text(openapi_json(schema), encoding="utf-8")
    (args.output_dir / "openapi.yaml").write_text(
        yaml.safe_dump(schema, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    console.print(f"wrote {args.output_dir}/openapi.json and openapi.yaml")
    return 0


def openapi_json(schema: dict[str, object]) -> str:
    """The exact text of `openapi/openapi.json`, so a test can compare it with what the app serves."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run_demo(_args: argparse.Namespace) -> int:
    """Import the bundled sample interviews, only into a database that has no interviews yet."""
    from sqlalchemy import func, select
    from sqlmodel import Session

    from app.imports.service import import_source
    from app.models import Interview
    from app.storage.sessions import get_engine

    engine = get_engine()
    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(Interview)):
            console.print("the database already has interviews; demo data not imported")
            return 0
    samples = sorted(
        p for p in SAMPLES_DIR.iterdir() if p.suffix in {".txt", ".md", ".html", ".json", ".ndjson"}
    )
    for path in samples:
        report = import_source(engine, str(path))
        if report.bad_records:
            for bad in report.bad_records:
                console.print(str(bad), style="red", soft_wrap=True, markup=False)
            return 1
        console.print(f"imported demo interview from {path.name}")
    return 0


def run_keys_create(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.auth.keys import Scope, create_key
    from app.storage.sessions import get_write_engine

    with Session(get_write_engine()) as session:
        record, key = create_key(session, args.name, Scope(args.scope))
        session.commit()
        console.print(
            f"created key {record.id} ({record.prefix}…) named {record.name!r} with scope {record.scope}"
        )
    console.print("store it now: it is shown only this once", style="yellow")
    print(key)
    return 0


def run_keys_list(_args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.auth.keys import list_keys
    from app.storage.sessions import get_engine

    table = Table("id", "prefix", "name", "scope", "created", "revoked")
    with Session(get_engine()) as session:
        for record in list_keys(session):
            revoked = record.revoked_at.isoformat(timespec="seconds") if record.revoked_at else ""
            created = record.created_at.isoformat(timespec="seconds")
            table.add_row(str(record.id), record.prefix, record.name, record.scope, created, revoked)
    Console().print(table)
    return 0


def run_keys_revoke(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.auth.keys import keys_named, revoke_key
    from app.storage.sessions import get_write_engine

    with Session(get_write_engine(), expire_on_commit=False) as session:
        matches = keys_named(session, args.ref)
        if len(matches) != 1:
            found = ", ".join(f"{r.id} ({r.prefix}…, {r.name!r})" for r in matches)
            problem = (
                f"{len(matches)} keys match {args.ref!r}: {found}; give an id"
                if matches
                else (f"no key with id, prefix or name {args.ref!r}")
            )
            console.print(problem, style="red", markup=False)
            return 1
        record = matches[0]
        revoke_key(session, record)
        session.commit()
    console.print(f"revoked key {record.id} ({record.prefix}…) named {record.name!r}", markup=False)
    return 0


def run_generate(args: argparse.Namespace) -> int:
    from app.corpus import write_corpus

    meta = write_corpus(args.output, args.count, args.seed)
    console.print(f"wrote {meta.interviews} interviews, {meta.answers} answers to {args.output}")
    return 0


def run_deliver(args: argparse.Namespace) -> int:
    """The webhook worker: runs beside the API (any number of them), until SIGTERM or SIGINT."""
    import signal
    import threading

    from app.webhooks.worker import Deliverer

    if args.interval <= 0:
        console.print("--interval must be above 0", style="red")
        return 2
    stop = threading.Event()
    with Deliverer() as deliverer:
        if args.once:
            report = deliverer.run_once()
            console.print(
                f"scheduled {report.scheduled}, delivered {report.delivered}, failed {report.failed}"
                + (f", paused webhooks {report.paused}" if report.paused else "")
            )
            return 0
        for signal_number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signal_number, lambda *_: stop.set())
        console.print(f"delivering webhooks; checking every {args.interval:g} seconds when idle")
        deliverer.run(args.interval, stop)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
