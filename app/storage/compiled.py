"""Statements compiled once for a dialect, for the reads that hand SQL to the driver themselves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import ExpandedState, SQLCompiler

MAX_RENDERINGS = 64
"""Renderings kept per statement (one per combination of list lengths met)."""


@lru_cache(maxsize=256)
def compiled_once(statement: ClauseElement, dialect: Dialect) -> SQLCompiler:
    """A statement built once per shape (app/kit/statements.py), compiled once: its SQL for the
    driver, its expanding parameters rendered per execution (`expanded`)."""
    return cast(SQLCompiler, statement.compile(dialect=dialect))


@dataclass(frozen=True)
class Expanded:
    """A compiled statement with its `IN` lists rendered for one set of values: the SQL, its
    parameters by name, their order for a positional driver (None for a named one), and the bind
    processors by parameter name (SQLAlchemy's `ExpandedState`, of which the reads use these)."""

    statement: str
    parameters: dict[str, Any]
    positiontup: Sequence[str] | None
    processors: Mapping[str, Any]


@dataclass(frozen=True)
class _Rendering:
    """How one compiled statement renders for one length of each of its `IN` lists: the SQL, and
    where each rendered parameter takes its value from (a parameter as given, or one item of a list, or
    the statement's own value)."""

    statement: str
    sources: tuple[tuple[str, str, int | None], ...]
    constants: dict[str, Any]
    positiontup: Sequence[str] | None
    processors: Mapping[str, Any]


def expanded(compiled: SQLCompiler, parameters: Mapping[str, Any]) -> Expanded:
    """`compiled` rendered for `parameters`. The rendering depends on the values only through the
    length of each `IN` list, so it is made once per lengths (by SQLAlchemy's
    `construct_expanded_state`, which otherwise renders the SQL again for every execution: 10-28 µs
    of a list page's statement against 1-2 µs, bench/README.md, issue 15); each execution only picks
    its values. A statement whose values are written into its SQL (`literal_execute`) is rendered anew."""
    lengths = _list_lengths(compiled, parameters)
    if lengths is None:
        return _expanded_state(compiled.construct_expanded_state(dict(parameters)))
    renderings = _renderings(compiled)
    rendering = renderings.get(lengths)
    if rendering is None:
        state = compiled.construct_expanded_state(dict(parameters))
        rendering = _rendering(state, parameters)
        if rendering is None or len(renderings) >= MAX_RENDERINGS:
            return _expanded_state(state)
        renderings[lengths] = rendering
    values = dict(rendering.constants)
    for name, source, index in rendering.sources:
        values[name] = parameters[source] if index is None else parameters[source][index]
    return Expanded(rendering.statement, values, rendering.positiontup, rendering.processors)


def _expanded_state(state: ExpandedState) -> Expanded:
    return Expanded(state.statement, dict(state.parameters), state.positiontup, state.processors)


def _list_lengths(compiled: SQLCompiler, parameters: Mapping[str, Any]) -> tuple[int, ...] | None:
    """The length of each `IN` list given; None when the statement cannot be rendered once for them."""
    names = _list_parameters(compiled)
    if names is None:
        return None
    lengths = []
    for name in names:
        value = parameters.get(name)
        if not isinstance(value, list | tuple):
            return None
        lengths.append(len(value))
    return tuple(lengths)


@lru_cache(maxsize=256)
def _list_parameters(compiled: SQLCompiler) -> tuple[str, ...] | None:
    """The names of the statement's `IN` lists, or None when some value is written into its SQL."""
    if compiled.literal_execute_params or any(p.literal_execute for p in compiled.post_compile_params):
        return None
    return tuple(sorted(parameter.key for parameter in compiled.post_compile_params))


@lru_cache(maxsize=256)
def _renderings(compiled: SQLCompiler) -> dict[tuple[int, ...], _Rendering]:
    return {}


def _rendering(state: ExpandedState, parameters: Mapping[str, Any]) -> _Rendering | None:
    """Where each rendered parameter of `state` comes from: a value given in `parameters`, an item of
    a list given there, or a value the statement holds itself (a constant); None when a name cannot
    be traced back (SQLAlchemy escapes some names), and the statement is rendered anew each time."""
    items = {
        name: (source, index)
        for source, names in state.parameter_expansion.items()
        for index, name in enumerate(names)
    }
    sources: list[tuple[str, str, int | None]] = []
    constants: dict[str, Any] = {}
    for name, value in state.parameters.items():
        source, index = items.get(name, (name, None))
        if source not in parameters:
            constants[name] = value
            continue
        given = parameters[source] if index is None else parameters[source][index]
        if given is not value:
            return None
        sources.append((name, source, index))
    return _Rendering(state.statement, tuple(sources), constants, state.positiontup, state.processors)
