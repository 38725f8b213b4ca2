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
import os
import tempfile
from decimal import Decimal
from pathlib import Path

from .. import SCHEMA_VERSION, __version__

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
    def __init__(self, out_dir: Path, fingerprint: str):
        self.path = Path(out_dir) / CACHE_NAME
        self.fingerprint = fingerprint
        self.entries: dict[str, dict] = {}
        self.used: set[str] = set()
        self._fh = None

    def key(self, sha256: str, variant: str = "") -> str:
        """Bytes, how they are read (the extension's format), and the pipeline's fingerprint."""
        return f"{sha256}:{variant}:{self.fingerprint}"

    def load(self) -> "Cache":
        if self.path.exists():
            with open(self.path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    try:
                        entry = json.loads(line, parse_float=Decimal)
                    except ValueError:
                        continue  # a line torn by a killed run
                    if isinstance(entry, dict) and entry.get("key", "").endswith(self.fingerprint):
                        self.entries[entry["key"]] = entry
        return self

    def get(self, sha256: str, variant: str = "") -> dict | None:
        entry = self.entries.get(self.key(sha256, variant))
        if entry is not None:
            self.used.add(entry["key"])
        return entry

    def put(self, sha256: str, kind: str, data: dict, variant: str = "") -> None:
        entry = {"key": self.key(sha256, variant), kind: data}
        self.entries[entry["key"]] = entry
        self.used.add(entry["key"])
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8", newline="\n")
        self._fh.write(_dumps(entry) + "\n")
        self._fh.flush()

    def close(self, compact: bool = True) -> None:
        """Close; with ``compact``, keep only the entries this run used (temp file + rename)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if not compact:
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                for key in sorted(self.used):
                    fh.write(_dumps(self.entries[key]) + "\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _dumps(entry: dict) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=_decimal)


def _decimal(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
