"""Read metadata from YAML front matter or a `<article>.meta.yaml` file next to the text."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from app.importer.errors import ArticleError
from app.importer.metadata import ArticleMetadata

SIDECAR_SUFFIX = ".meta.yaml"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def metadata_from_yaml(source: str, where: str) -> ArticleMetadata:
    """Parse and validate YAML metadata; `where` names the origin in error messages."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise ArticleError(f"{where}: not valid YAML: {error}") from error
    if data is None:
        return ArticleMetadata()
    if not isinstance(data, dict):
        raise ArticleError(f"{where}: expected a mapping of metadata fields, found {type(data).__name__}")
    try:
        return ArticleMetadata.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()
        )
        raise ArticleError(f"{where}: invalid metadata: {problems}") from error


def split_front_matter(text: str) -> tuple[ArticleMetadata | None, str, int]:
    """Separate `---` YAML front matter from the article: (metadata, rest, lines the front matter used)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text, 0
    metadata = metadata_from_yaml(match["yaml"] or "", "front matter")
    return metadata, text[match.end() :], match[0].count("\n")


def sidecar_path(article: Path) -> Path:
    """`interview.txt` → `interview.meta.yaml`, so the pair sorts together in a directory listing."""
    return article.with_name(article.stem + SIDECAR_SUFFIX)


def read_sidecar(article: Path) -> ArticleMetadata | None:
    """The sidecar's metadata, or None when the article has no sidecar."""
    path = sidecar_path(article)
    if not path.is_file():
        return None
    return metadata_from_yaml(path.read_text(encoding="utf-8"), str(path))
