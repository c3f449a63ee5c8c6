"""Restore the real-world corpus texts that are not kept in the repository.

Texts whose source licence does not allow redistribution are listed in
``restricted.json`` beside this script (name, folder, repository, path,
commit, bytes, sha256); only their ``.expected.json`` files are committed.
This script rebuilds each text from a local git directory of its source
repository: it runs ``git --git-dir=DIR show COMMIT:PATH``, keeps the first
``bytes`` bytes (some texts are cut after a complete answer), checks the
sha256 and writes the file to ``bench/realworld/<folder>/<name>``.

Usage::

    python3 bench/realworld/restore.py \\
        --mirror ketsapiwiq/akinarticle=/work/.mirror/ketsapiwiq+akinarticle/repo \\
        --mirror deg84/site=/path/to/site.git

A mirror is any git directory holding the commit: one brought by the
``fetch`` tool, a ``git clone --mirror``, or the ``.git`` folder of an
ordinary clone. Texts whose repository has no ``--mirror`` are skipped and
reported, as are texts whose commit is missing or whose bytes do not match;
the exit status is 1 when any text could not be restored. Restored files are
listed in the repository's ``.gitignore`` and must never be committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_LIST = HERE / "restricted.json"
FOLDERS = ("dev", "holdout", "exam", "exam2")


@dataclass(frozen=True)
class Restricted:
    """One text kept outside the repository, as listed in restricted.json."""

    name: str
    folder: str
    repo: str
    path: str
    commit: str
    bytes: int
    sha256: str


def load(list_path: Path) -> list[Restricted]:
    """Read and check the list of restricted texts."""
    entries = [Restricted(**item) for item in json.loads(list_path.read_text(encoding="utf-8"))]
    for entry in entries:
        if entry.folder not in FOLDERS or "/" in entry.name or entry.name.startswith("."):
            raise ValueError(f"bad entry in {list_path}: {entry}")
    return entries


def parse_mirrors(values: list[str]) -> dict[str, Path]:
    """Turn ``owner/name=DIR`` options into a mapping."""
    mirrors: dict[str, Path] = {}
    for value in values:
        repo, sep, directory = value.partition("=")
        if not sep or repo.count("/") != 1 or not directory:
            raise SystemExit(f"--mirror wants owner/name=/path/to/git/dir, not {value!r}")
        mirrors[repo] = Path(directory)
    return mirrors


def read_blob(git_dir: Path, commit: str, path: str) -> bytes:
    """Return the bytes of PATH at COMMIT in the git directory, or raise LookupError."""
    result = subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise LookupError(result.stderr.decode("utf-8", "replace").strip() or "git show failed")
    return result.stdout


def restore(entry: Restricted, git_dir: Path, root: Path, force: bool) -> str | None:
    """Write one text; return None on success or the reason it was not restored."""
    target = root / entry.folder / entry.name
    try:
        blob = read_blob(git_dir, entry.commit, entry.path)
    except LookupError as error:
        return f"git show {entry.commit[:12]}:{entry.path} in {git_dir}: {error}"
    if len(blob) < entry.bytes:
        return f"the source has {len(blob)} bytes, fewer than the {entry.bytes} expected"
    data = blob[: entry.bytes]
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.sha256:
        return f"sha256 {digest} does not match {entry.sha256}"
    if target.exists() and not force:
        if target.read_bytes() == data:
            return None
        return f"{target} exists with other content (use --force to overwrite)"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return None


def main(argv: list[str] | None = None) -> int:
    """Restore every listed text whose repository has a mirror; report the rest."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--mirror",
        action="append",
        default=[],
        metavar="OWNER/NAME=DIR",
        help="a git directory for a source repository (repeatable)",
    )
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST, help="restricted.json to read")
    parser.add_argument("--root", type=Path, default=HERE, help="folder holding dev/ and holdout/")
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="restore only these file names"
    )
    parser.add_argument("--force", action="store_true", help="overwrite a differing file already in place")
    args = parser.parse_args(argv)

    mirrors = parse_mirrors(args.mirror)
    entries = load(args.list)
    if args.only:
        unknown = set(args.only) - {entry.name for entry in entries}
        if unknown:
            parser.error(f"not in {args.list}: {', '.join(sorted(unknown))}")
        entries = [entry for entry in entries if entry.name in args.only]

    restored: list[Restricted] = []
    failed: list[tuple[Restricted, str]] = []
    for entry in entries:
        git_dir = mirrors.get(entry.repo)
        if git_dir is None:
            failed.append((entry, f"no --mirror given for {entry.repo}"))
            continue
        reason = restore(entry, git_dir, args.root, args.force)
        if reason is None:
            restored.append(entry)
        else:
            failed.append((entry, reason))

    for entry in restored:
        print(f"restored  {entry.folder}/{entry.name}  ({entry.bytes} bytes, sha256 ok)")
    for entry, reason in failed:
        print(f"NOT restored  {entry.folder}/{entry.name}  [{entry.repo}]: {reason}", file=sys.stderr)
    print(f"{len(restored)} restored, {len(failed)} not restored, of {len(entries)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
