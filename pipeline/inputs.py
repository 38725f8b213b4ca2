"""The input folder: every entry below it accounted for, under any file name.

``walk`` lists what a run must account for, sorted by relative path: files to read, and entries
that are an error record at once (a folder that cannot be listed, a FIFO or device, a link out of
the folder, a dangling link). Nothing below the folder is passed over in silence except hidden
files and folders (a leading ``.``: ``.git``, ``.DS_Store``, the work cache).

Names are kept losslessly, as valid strings: each byte of a name that is not UTF-8 (a GBK name
unpacked from a ZIP made on Windows) is written ``%XX``, and so is each ``%`` (``%25``), so that
every display path stands for exactly one name (``b'\\xb9\\xd8\\xd3\\xda.txt'`` -> ``%B9%D8%D3%DA.txt``,
``100%.txt`` -> ``100%25.txt``); :func:`raw_path` gives the bytes back. Other names are as they are.

Links: a symbolic link to a file or folder inside the input folder is followed (a folder link is
listed as skipped, since its files are read where they are); one that leads outside is an
``outside_input`` error unless ``follow_symlinks`` (then outside folders are walked too, each once).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes

from .errors import NotAFile, OutsideInput, PipelineError, Unreadable

@dataclass(frozen=True)
class Input:
    """One entry to account for: ``rel`` is its display path (valid UTF-8), ``path`` the real one."""

    rel: str
    path: Path
    problem: PipelineError | None = None  # an error record at once, without reading
    skipped: bool = False  # a link to a folder whose files are read where they are
    folder: bool = False  # a folder (its problem is an error whatever its name)


def display_path(rel: str) -> str:
    """The display form of a relative path from the file system (whose bytes that are not UTF-8
    arrive as surrogate escapes).

    >>> display_path("关于.txt")
    '关于.txt'
    >>> display_path(os.fsdecode(b"\\xb9\\xd8\\xd3\\xda 100%.txt"))
    '%B9%D8%D3%DA 100%25.txt'
    """
    if "%" not in rel and not _has_surrogates(rel):
        return rel
    return "".join(f"%{ord(ch) - 0xDC00:02X}" if "\udc80" <= ch <= "\udcff" else "%25" if ch == "%" else ch
                   for ch in rel)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def raw_path(display: str) -> bytes:
    """The file system bytes of a display path.

    >>> raw_path("%B9%D8%D3%DA 100%25.txt")
    b'\\xb9\\xd8\\xd3\\xda 100%.txt'
    >>> os.fsdecode(raw_path("关于.txt"))
    '关于.txt'
    """
    return unquote_to_bytes(display.encode("utf-8"))


def walk(root: Path, follow_symlinks: bool = False) -> list[Input]:
    """Every entry below ``root`` to account for, sorted by display path."""
    root = Path(root)
    top = os.path.realpath(root)
    found: list[Input] = []
    entered = {top}
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.append(_entry(prefix.rstrip("/") or ".", folder,
                                Unreadable(f"cannot list the folder: {exc.strerror or exc}"), folder=True))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            item = _classify(entry, rel, top, follow_symlinks, entered, stack)
            if item is not None:
                found.append(item)
    found.sort(key=lambda item: item.rel)
    return found


def _classify(entry: os.DirEntry, rel: str, top: str, follow: bool, entered: set[str],
              stack: list[tuple[str, str]]) -> Input | None:
    """An entry's fate; folders to enter go on ``stack`` (None is returned for them)."""
    try:
        if entry.is_symlink():
            target = os.path.realpath(entry.path)
            inside = target == top or target.startswith(top.rstrip(os.sep) + os.sep)
            try:
                mode = os.stat(entry.path).st_mode
            except OSError as exc:  # dangling, a loop, or a refused target
                return _entry(rel, entry.path, Unreadable(f"the link cannot be followed: {exc.strerror or exc}"))
            if not inside and not follow:
                return _entry(rel, entry.path, OutsideInput(
                    "a symbolic link to a place outside the input folder (--follow-symlinks reads it)"),
                    folder=stat.S_ISDIR(mode))
            if stat.S_ISDIR(mode):
                if inside:
                    return _entry(rel, entry.path, skipped=True)
                if target not in entered:
                    entered.add(target)
                    stack.append((entry.path, rel + "/"))
                return None
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                stack.append((entry.path, rel + "/"))
                return None
    except OSError as exc:
        return _entry(rel, entry.path, Unreadable(f"cannot look at the entry: {exc.strerror or exc}"))
    if not stat.S_ISREG(mode):
        return _entry(rel, entry.path, NotAFile(f"not a regular file ({_kind(mode)}): never opened"))
    return _entry(rel, entry.path)


def _entry(rel: str, path: str, problem: PipelineError | None = None, skipped: bool = False,
           folder: bool = False) -> Input:
    return Input(display_path(rel), Path(path), problem, skipped, folder)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"
