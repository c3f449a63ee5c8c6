"""Reading interview documents from JSON and NDJSON files, with an error per bad record that names its line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson
from pydantic import ValidationError

from app.contract.document import NUL_FREE, InterviewDocument
from app.importer import captions
from app.importer.inputs import MAX_BYTES

NDJSON_SUFFIXES = {".ndjson", ".jsonl"}
JSON_SUFFIXES = {".json"}
TOO_DEEP = "JSON nested too deeply to be an interview document"


@dataclass(frozen=True)
class BadRecord:
    """Why one record of a file was refused, in words a person can act on."""

    where: str
    problems: list[str]

    def __str__(self) -> str:
        return f"{self.where}: " + "; ".join(self.problems)


@dataclass(frozen=True)
class Record:
    where: str
    document: InterviewDocument | None
    error: BadRecord | None


def describe_validation_error(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(f"{location}: {message}" if location else message)
    return problems


def validate_record(raw: Any, where: str, *, nul_free: bool = False) -> Record:
    """`nul_free`: the record's JSON text was checked to hold no `\\u0000`, the only way a NUL gets
    into strict JSON, so the schema need not look through every string again."""
    try:
        return Record(where, InterviewDocument.model_validate(raw, context={NUL_FREE: nul_free}), None)
    except ValidationError as error:
        return Record(where, None, BadRecord(where, describe_validation_error(error)))


def parse_json(text: str) -> Any:
    """JSON from a client, with every way it can be unreadable raised as `UnreadableJson`: malformed,
    nested too deep for the parser, or with a number out of range.

    Parsed by orjson: strict JSON (no `NaN`, no lone surrogates), a fifth of the time of the standard
    library's parser, which took a tenth of an import (bench/README.md, issue 15).
    """
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        if error.msg.startswith("depth limit"):
            raise UnreadableJsonError(TOO_DEEP) from None
        message = f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        raise UnreadableJsonError(message) from None


class UnreadableJsonError(ValueError):
    pass


def read_ndjson(stream: IO[bytes], name: str) -> Iterator[Record]:
    """One document a line; blank lines are skipped, and each line is checked on its own."""
    for number, raw_line in enumerate(stream, start=1):
        where = f"{name}, line {number}"
        try:
            line = raw_line.decode("utf-8").strip()
        except UnicodeDecodeError:
            yield Record(where, None, BadRecord(where, ["not valid UTF-8 text"]))
            continue
        if not line:
            continue
        try:
            raw = parse_json(line)
        except UnreadableJsonError as error:
            yield Record(where, None, BadRecord(where, [str(error)]))
            continue
        yield validate_record(raw, where, nul_free="\\u0000" not in line)


def read_json(stream: IO[bytes], name: str) -> Iterator[Record]:
    """A single document, or an array of documents (each named by its index)."""
    try:
        raw = parse_json(stream.read().decode("utf-8"))
    except UnicodeDecodeError:
        yield Record(name, None, BadRecord(name, ["not valid UTF-8 text"]))
        return
    except UnreadableJsonError as error:
        yield Record(name, None, BadRecord(name, [str(error)]))
        return
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            yield validate_record(item, f"{name}, record {index + 1}")
    else:
        yield validate_record(raw, name)


def read_documents(path: Path, stream: IO[bytes]) -> Iterator[Record]:
    if path.suffix.lower() in NDJSON_SUFFIXES:
        return read_ndjson(stream, path.name)
    return read_json(stream, path.name)


def is_document_file(path: Path) -> bool:
    """NDJSON and JSON files hold interview documents, unless the JSON is a transcript (segments with
    speakers and text), which the importer reads like captions."""
    suffix = path.suffix.lower()
    if suffix in NDJSON_SUFFIXES:
        return True
    if suffix not in JSON_SUFFIXES:
        return False
    try:
        if path.stat().st_size > MAX_BYTES:
            return True
        return captions.kind_of(path.read_text(encoding="utf-8", errors="replace")) is None
    except OSError:
        return True  # reading it as documents reports why it cannot be read
