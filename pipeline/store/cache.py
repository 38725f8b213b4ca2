"""The work cache: what each input's bytes became, so a re-run does no work twice.

``OUT_DIR/.govreply-cache.jsonl`` holds one line per processed input, keyed by the SHA-256 of
its bytes and the pipeline's fingerprint (version, rule files, segmenter, limits). Lines are
appended and flushed as inputs finish, so a run that is killed keeps what it had done; a
torn last line is ignored on reading. At the end of a run the cache is rewritten (atomically)
to the entries that run used.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

from .. import SCHEMA_VERSION, __version__
from ..errors import OutputError
from .jsonl import publish, temp_file

CACHE_NAME = ".govreply-cache.jsonl"


def fingerprint(*options: object) -> str:
    """What the output depends on besides the input's bytes: the package's code and rule files
    (so an edited rule or a new release re-extracts everything), and the run's options."""
    h = hashlib.sha256(f"{__version__}|{SCHEMA_VERSION}|{options!r}".encode())
    for path in _package_files():
        h.update(str(path.relative_to(_PACKAGE)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


_PACKAGE = Path(__file__).resolve().parents[1]


def _package_files() -> list[Path]:
    return sorted(p for p in _PACKAGE.rglob("*") if p.suffix in (".py", ".txt", ".tsv", ".json", ".sql")
                  and "__pycache__" not in p.parts)


class Cache:
    """The cache file, indexed in memory by key -> byte offset only (records stay on disk), so
    memory does not grow with the size of an archive."""

    def __init__(self, out_dir: Path, fingerprint: str):
        self.path = Path(out_dir) / CACHE_NAME
        self.fingerprint = fingerprint
        self.offsets: dict[str, int] = {}
        self.used: set[str] = set()
        self._fh = None
        self._reader = None

    def key(self, sha256: str, variant: str = "") -> str:
        """Bytes, how they are read (the extension's format), and the pipeline's fingerprint."""
        return f"{sha256}:{variant}:{self.fingerprint}"

    def load(self) -> "Cache":
        if self.path.exists():
            suffix = self.fingerprint.encode()
            with open(self.path, "rb") as fh:
                offset = 0
                for line in fh:
                    key = _key_of(line)
                    if key is not None and key.endswith(suffix) and line.endswith(b"\n"):
                        self.offsets[key.decode()] = offset  # a torn last line has no newline
                    offset += len(line)
        return self

    def has(self, sha256: str, variant: str = "") -> bool:
        """Whether the cache holds this input (no read: safe from another thread)."""
        return self.key(sha256, variant) in self.offsets

    def get(self, sha256: str, variant: str = "") -> dict | None:
        key = self.key(sha256, variant)
        offset = self.offsets.get(key)
        if offset is None:
            return None
        try:
            entry = json.loads(self._line(offset), parse_float=Decimal)
        except ValueError:
            return None
        self.used.add(key)
        return entry

    def put_line(self, sha256: str, kind: str, json_text: str, variant: str = "") -> None:
        """Append an entry whose data is JSON text already (a record's JSONL line), flushed at once."""
        key = self.key(sha256, variant)
        try:
            if self._fh is None:
                self._fh = open(self.path, "ab")
            offset = self._fh.tell()
            self._fh.write(f'{{"key":"{key}","{kind}":{json_text}}}\n'.encode())
            self._fh.flush()
        except OSError as exc:  # a torn last line is ignored on reading
            raise OutputError.of(self.path, exc) from exc
        self.offsets[key] = offset
        self.used.add(key)

    def _line(self, offset: int) -> bytes:
        if self._reader is None:
            self._reader = open(self.path, "rb")
        self._reader.seek(offset)
        return self._reader.readline()

    def close(self, compact: bool = True) -> None:
        """Close; with ``compact``, keep only the entries this run used (temp file + rename)."""
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass  # a full disk on the last flush: that line is torn, and ignored on reading
            self._fh = None
        if compact and self.path.exists():
            tmp = temp_file(self.path)
            try:
                with open(tmp, "wb") as fh:
                    for key in sorted(self.used):
                        fh.write(self._line(self.offsets[key]))
                publish(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        if self._reader is not None:
            self._reader.close()
            self._reader = None


def _key_of(line: bytes) -> bytes | None:
    """The key of a cache line, read without parsing the record: ``{"key":"…",``."""
    if not line.startswith(b'{"key":"'):
        return None
    end = line.find(b'"', 8)
    return line[8:end] if end > 8 else None
