"""Read metadata from a `<article>.meta.yaml` file next to the text: our own format, so unknown keys are
refused (a typo in it should not pass silently)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from app.importer.errors import ArticleError
from app.importer.metadata import ArticleMetadata

SIDECAR_SUFFIX = ".meta.yaml"


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


def sidecar_path(article: Path) -> Path:
    """`interview.txt` → `interview.meta.yaml`, so the pair sorts together in a directory listing."""
    return article.with_name(article.stem + SIDECAR_SUFFIX)


def read_sidecar(article: Path) -> ArticleMetadata | None:
    """The sidecar's metadata, or None when the article has no sidecar."""
    path = sidecar_path(article)
    if not path.is_file():
        return None
    return metadata_from_yaml(path.read_text(encoding="utf-8"), str(path))
