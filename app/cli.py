"""The `interviews` command: serve, migrate, import, export, openapi, demo, generate."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TimeRemainingColumn
from rich.table import Table

from app.config import get_settings
from app.migrate import project_path

console = Console(stderr=True)
SAMPLES_DIR = project_path("data") / "samples"
PROGRESS_THRESHOLD_BYTES = 1_000_000


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

    importer = commands.add_parser("import", help="import interview documents (.json, .ndjson) or articles")
    importer.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    importer.add_argument(
        "--skip-invalid", action="store_true", help="store the good records, report the bad"
    )
    importer.add_argument("--dry-run", action="store_true", help="check and report, store nothing")
    importer.set_defaults(handler=run_import)

    export = commands.add_parser("export", help="write every interview as NDJSON documents")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    export.set_defaults(handler=run_export)

    openapi = commands.add_parser("openapi", help="write openapi/openapi.json and openapi.yaml")
    openapi.add_argument("--output-dir", type=Path, default=Path("openapi"))
    openapi.set_defaults(handler=run_openapi)

    demo = commands.add_parser("demo", help="import the sample interviews into an empty database")
    demo.set_defaults(handler=run_demo)

    generate = commands.add_parser("generate", help="write a generated corpus of interview documents")
    generate.add_argument("--count", "-n", type=int, default=1000)
    generate.add_argument("--seed", type=int, default=42)
    generate.add_argument("--output", "-o", type=Path, required=True)
    generate.set_defaults(handler=run_generate)
    return parser


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        reload=args.reload,
        server_header=False,
    )
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    from app.db import get_engine
    from app.migrate import current_revision, upgrade

    get_engine()  # creates the SQLite folder when needed
    upgrade(get_settings().database_url, args.revision)
    console.print(f"database at revision {current_revision(get_engine())}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from app.db import get_engine
    from app.documents.importing import import_file

    engine = get_engine()
    table = Table("file", "created", "updated", "unchanged", "bad records", "result")
    failed = False
    for path in args.paths:
        if not path.is_file():
            console.print(f"{path}: no such file", style="red", soft_wrap=True, markup=False)
            failed = True
            continue
        size = path.stat().st_size
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            disable=size < PROGRESS_THRESHOLD_BYTES,
            transient=True,
        ) as progress:
            task = progress.add_task(path.name, total=size)

            def report_progress(done: int, progress: Progress = progress, task: TaskID = task) -> None:
                progress.update(task, completed=done)

            report = import_file(
                engine,
                path,
                skip_invalid=args.skip_invalid,
                dry_run=args.dry_run,
                on_progress=report_progress,
            )
        for bad in report.bad_records:
            console.print(str(bad), style="yellow", soft_wrap=True, markup=False)
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
            str(path), *(str(counts[action]) for action in counts), str(len(report.bad_records)), result
        )
    console.print(table)
    return 1 if failed else 0


def run_export(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.db import get_engine
    from app.documents.exporter import iter_documents

    output = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    count = 0
    try:
        with Session(get_engine()) as session:
            for document in iter_documents(session):
                output.write(document.model_dump_json() + "\n")
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

    from app.db import get_engine
    from app.documents.importing import import_file
    from app.models import Interview

    engine = get_engine()
    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(Interview)):
            console.print("the database already has interviews; demo data not imported")
            return 0
    samples = sorted(
        p for p in SAMPLES_DIR.iterdir() if p.suffix in {".txt", ".md", ".html", ".json", ".ndjson"}
    )
    for path in samples:
        report = import_file(engine, path)
        if report.bad_records:
            for bad in report.bad_records:
                console.print(str(bad), style="red", soft_wrap=True, markup=False)
            return 1
        console.print(f"imported demo interview from {path.name}")
    return 0


def run_generate(args: argparse.Namespace) -> int:
    from app.corpus import write_corpus

    meta = write_corpus(args.output, args.count, args.seed)
    console.print(f"wrote {meta.interviews} interviews, {meta.answers} answers to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
