"""Readers: bytes of one input file -> :class:`Document` (text plus how it was read).

One reader per format; this issue's reader handles plain text. Readers never
raise anything but :class:`~pipeline.errors.PipelineError` subclasses.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PipelineError, TooLarge, Unreadable, UnsupportedFormat
from .text import read_text_bytes

#: extensions each reader takes
FORMATS = {".txt": "txt", ".text": "txt"}
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Document:
    path: str
    sha256: str
    format: str
    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def read_file(path: Path, display_path: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read one input file; raises a :class:`PipelineError` with a stable code when it cannot."""
    shown = display_path or str(path)
    fmt = format_of(path)
    if fmt is None:
        raise UnsupportedFormat(f"{path.suffix or 'no extension'} files are not read (supported: "
                                f"{', '.join(sorted(FORMATS))})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"{size} bytes is over the {max_bytes}-byte limit")
        data = path.read_bytes()
    except PipelineError:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from exc
    return read_bytes(data, shown, fmt)


def read_bytes(data: bytes, path: str, fmt: str = "txt") -> Document:
    sha = hashlib.sha256(data).hexdigest()
    text, encoding, warnings = read_text_bytes(data)
    return Document(path=path, sha256=sha, format=fmt, text=text, encoding=encoding, warnings=warnings)
