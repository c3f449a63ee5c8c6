"""A text column read as its UTF-8 bytes: for renderings stored as JSON text and sent as they are.

Read as text, a stored body is decoded by the driver and encoded again for the response: for a list
page's 21 items, 14 of the 16 µs its body took (bench/README.md, issue 15). As bytes it is joined and
sent without either. SQLite gives a text value's bytes with `CAST(… AS BLOB)`; PostgreSQL with
`convert_to(…, 'UTF8')` (a `bytea` cast would read backslashes as escapes).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import LargeBinary
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class utf8_bytes(FunctionElement[bytes]):  # noqa: N801 (an SQL function, named like SQLAlchemy's)
    """`utf8_bytes(column)`: the column's text as UTF-8 bytes."""

    type = LargeBinary()
    inherit_cache = True
    name = "utf8_bytes"


@compiles(utf8_bytes, "sqlite")
def _sqlite(element: utf8_bytes, compiler: SQLCompiler, **options: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **options)} AS BLOB)"


@compiles(utf8_bytes, "postgresql")
def _postgresql(element: utf8_bytes, compiler: SQLCompiler, **options: Any) -> str:
    return f"convert_to({compiler.process(element.clauses, **options)}, 'UTF8')"
