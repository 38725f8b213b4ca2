"""The output folder's one owner: its lock, its temporary files, and switching its outputs together.

A run writes the outputs ``letters.jsonl``, ``errors.jsonl``, ``letters.db`` (with Datasette's
``metadata.yml``) and ``manifest.json``, which must agree. Each is written in full to a temporary file beside it (the database as a copy of
the current one, brought up to date); only when all are complete is a commit journal written,
and then each temporary file is renamed over its output. A run that fails before the journal
(a full disk, a read-only folder, a crash) leaves the previous outputs whole and consistent; one
killed during the renames is finished by the next process that opens the folder (the journal
lists the renames still to do). Temporary files of killed runs are removed on opening.

An advisory lock (``fcntl.flock`` on ``.govreply.lock``) is held from opening to closing: a
second ``run`` or ``load`` on the same folder fails at once with :class:`OutputLocked` and
touches nothing.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from pathlib import Path

from ..errors import OutputError, OutputLocked
from .cache import Cache
from .jsonl import AtomicLines, publish, temp_file

LOCK_NAME = ".govreply.lock"
JOURNAL_NAME = ".govreply-commit.json"
#: the files a run writes; temporary copies are ``.<name>.<random>`` beside them
OUTPUTS = ("letters.jsonl", "errors.jsonl", "letters.db", "manifest.json", "metadata.yml", ".govreply-cache.jsonl")
_TEMP = re.compile(r"^\.+(?:%s)(?:\.[A-Za-z0-9_]+)+(?:-journal|-wal|-shm)?$"
                   % "|".join(re.escape(name.lstrip(".")) for name in OUTPUTS + (JOURNAL_NAME,)))


class OutputFolder:
    """``with OutputFolder(out) as folder:`` locks ``out``, finishes an interrupted commit, removes
    the temporary files of killed runs; ``stage_*`` prepare outputs, ``commit`` switches them."""

    def __init__(self, path: Path, create: bool = True):
        self.path = Path(path)
        self.create = create
        self.staged: dict[str, str] = {}  # output name -> its complete temporary file
        self.cache: Cache | None = None
        self._lock_fd: int | None = None
        self._open: list[AtomicLines] = []

    # -- opening and closing ----------------------------------------------------------------------
    def __enter__(self) -> "OutputFolder":
        self._lock_fd = self._open_lock()
        if self._lock_fd is None:  # a reader on a read-only folder: nobody can be writing there
            return self
        import fcntl

        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(self._lock_fd)
            os.close(self._lock_fd)
            self._lock_fd = None
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise OutputLocked(f"{self.path} is in use by another govreply run or load{holder}: "
                                   "wait for it to finish (nothing was changed)") from exc
            raise OutputError.of(self.path / LOCK_NAME, exc) from exc
        try:
            os.ftruncate(self._lock_fd, 0)
            os.write(self._lock_fd, f"{os.getpid()}\n".encode())
        except OSError:
            return self  # read-only: the lock is held, and there is nothing to recover or remove
        try:
            self.recover()
            self.remove_leftovers()
        except BaseException:
            self.close()
            raise
        return self

    def _open_lock(self) -> int | None:
        """The lock file's descriptor; for a reader (``create=False``) of a folder it cannot write,
        the existing lock file read-only, or None when there is none."""
        lock = self.path / LOCK_NAME
        try:
            if self.create:
                self.path.mkdir(parents=True, exist_ok=True)
            return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if self.create or exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise OutputError.of(lock if self.path.is_dir() else self.path, exc) from exc
        try:
            return os.open(lock, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return None

    def __exit__(self, *exc_info) -> None:
        self.close()

    def open_cache(self, fingerprint: str) -> Cache:
        """The folder's work cache for a pipeline of this fingerprint (compacted on ``commit``)."""
        self.cache = Cache(self.path, fingerprint).load()
        return self.cache

    def close(self) -> None:
        """Drop what was staged and not committed, and release the lock."""
        if self.cache is not None:
            self.cache.close(compact=False)
            self.cache = None
        for writer in self._open:
            writer.abort()
        self._open.clear()
        for tmp in self.staged.values():
            Path(tmp).unlink(missing_ok=True)
        self.staged.clear()
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    def remove_leftovers(self) -> list[str]:
        """Remove temporary files that killed runs left (the lock says none is in use)."""
        removed = []
        for entry in os.scandir(self.path):
            if _TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                    removed.append(entry.name)
                except OSError:
                    pass
        return removed

    # -- staging ------------------------------------------------------------------------------------
    def lines(self, name: str) -> AtomicLines:
        """A JSONL writer for output ``name``; staged when it is finished (``finish``)."""
        writer = AtomicLines(self.path / name)
        self._open.append(writer)
        return writer

    def finish(self, writer: AtomicLines) -> None:
        """``writer`` is complete: close it and stage it for the commit."""
        writer.close()
        self._open.remove(writer)
        self.staged[writer.path.name] = writer.tmp

    def stage_text(self, name: str, text: str) -> None:
        tmp = temp_file(self.path / name)
        self.staged[name] = tmp
        try:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as exc:
            raise OutputError.of(self.path / name, exc) from exc

    def stage_copy(self, name: str) -> Path:
        """A temporary copy of output ``name`` (empty when it does not exist yet) to bring up to
        date and commit; the caller writes it."""
        tmp = temp_file(self.path / name)
        self.staged[name] = tmp
        current = self.path / name
        try:
            if current.exists():
                shutil.copyfile(current, tmp)
            else:
                os.unlink(tmp)  # a database is created where none is
        except OSError as exc:
            raise OutputError.of(self.path / name, exc) from exc
        return Path(tmp)

    # -- switching ------------------------------------------------------------------------------
    def commit(self) -> None:
        """Switch every staged output into place together (see the module's docstring)."""
        if not self.staged:
            return
        journal = self.path / JOURNAL_NAME
        renames = [[tmp, name] for name, tmp in sorted(self.staged.items())]
        for tmp, name in renames:  # every staged file on disk before the journal says to switch
            try:
                _fsync(tmp)
            except OSError as exc:
                raise OutputError.of(self.path / name, exc) from exc
        try:
            tmp_journal = temp_file(journal)
            with open(tmp_journal, "w", encoding="utf-8") as fh:
                json.dump({"renames": [[os.path.basename(t), n] for t, n in renames]}, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_journal, journal)
            _fsync_dir(self.path)
        except OSError as exc:  # nothing switched yet: the previous outputs stand
            raise OutputError.of(journal, exc) from exc
        self.staged.clear()
        self.recover()
        if self.cache is not None:  # keep only what this run used (a superset is harmless if this fails)
            try:
                self.cache.close(compact=True)
            except OSError as exc:
                raise OutputError.of(self.cache.path, exc) from exc
            self.cache = None

    def recover(self) -> None:
        """Finish the renames a commit journal lists (a run killed while switching its outputs)."""
        journal = self.path / JOURNAL_NAME
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        except FileNotFoundError:
            return
        except (ValueError, KeyError, TypeError):
            journal.unlink()  # torn: written before any rename, so nothing was switched
            return
        try:
            for tmp_name, name in plan:
                tmp = self.path / tmp_name
                if tmp.exists():
                    publish(tmp, self.path / name)
            _fsync_dir(self.path)
            journal.unlink()
        except OSError as exc:
            raise OutputError.of(self.path, exc) from exc


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # not every file system lets a folder be opened
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
