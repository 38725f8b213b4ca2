"""Data derived from a package file, kept in the user's cache folder so a process need not derive
it again: the administrative divisions parsed from JioNLP's tree, jieba's dictionary as the
tables its tokenizer and our rules read.

A cache file is ``marshal`` data (plain lists, dicts, tuples, strings, numbers) in
``$XDG_CACHE_HOME/govreply`` (or ``~/.cache/govreply``), named after what it holds, its layout
version, the Python version and a digest of the source file: a new package release or a new
layout is a new file, and writing it removes the files of the same kind it replaces. A cache that cannot be read is rebuilt; one that cannot be written (a
read-only home) is not an error: the data is derived again next time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Callable


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govreply"


def cache_file(kind: str, version: int, source: Path) -> Path:
    """Named by the source's content (a few milliseconds to hash), so every environment holding
    the same release shares one file."""
    digest = hashlib.blake2b(source.read_bytes(), digest_size=8).hexdigest()
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return cache_folder() / f"{kind}-{version}-py{py}-{digest}.marshal"


def derived(kind: str, version: int, source: Path, build: Callable[[], Any]) -> Any:
    """What ``build`` derives from ``source``, from the cache when it is there."""
    path = cache_file(kind, version, source)
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
        for old in path.parent.glob(f"{kind}-*.marshal"):  # what an earlier release or venv derived
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return data
