"""Hostile and unlucky conditions (issue 12): a query that tries to write, any file name or file type,
two runs on one folder, a full disk, a read-only folder, killed runs, and secrets in messages.

Each probe ends as a clear error (a message and a documented exit status) or a record; no input is
lost and the previous outputs stay whole. A real full or read-only disk is a small tmpfs where this
process may mount one (root), else the OS error is simulated.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import OutputError, OutputLocked
from pipeline.inputs import display_path, raw_path, walk
from pipeline.run import run
from pipeline.store.output import JOURNAL_NAME, OutputFolder

from .conftest import CORPUS, ROOT, db_content

LETTERS = ["001_hangzhou_jiaotong.txt", "005_jinan_jiaoyu.txt", "010_yueyang-renshe.txt"]
OUTPUTS = ("letters.jsonl", "errors.jsonl", "manifest.json")


def _folder(path: Path, names=LETTERS) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, path / name)
    return path


def _outputs(out: Path) -> dict:
    found = {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}
    if (out / "letters.db").exists():
        found["letters.db"] = db_content(out / "letters.db")
    return found


def _temp_files(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in
                  (".govreply.lock", ".govreply-cache.jsonl"))


def _cli(*args: str, **kwargs):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, **kwargs)


@contextmanager
def _tmpfs(path: Path, size: str, read_only: bool = False):
    """A small tmpfs at ``path`` (None when this process may not mount one)."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    if os.geteuid() != 0 or not shutil.which("mount") or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True).returncode:
        yield None
        return
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


# -- the read-only query: SQLite -----------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    summary = run(_folder(tmp_path_factory.mktemp("in")), out)
    assert summary.records == 3
    return out / "letters.db"


@pytest.mark.parametrize("sql", ["DELETE FROM letters", "SELECT 1; DELETE FROM letters", "DROP TABLE cc",
                                 "CREATE TEMP TABLE x(i)", "PRAGMA query_only = OFF", "UPDATE letters SET title = 'x'"])
def test_sqlite_query_changes_nothing(corpus_db, sql):
    before = db_content(corpus_db)
    result = CliRunner().invoke(main, ["query", sql, "--db", str(corpus_db)])
    assert result.exit_code == 1 and "Error:" in result.output and "Traceback" not in result.output
    assert db_content(corpus_db) == before


def test_sqlite_attach_is_refused_and_creates_no_file(corpus_db, tmp_path):
    target = tmp_path / "elsewhere.db"
    result = CliRunner().invoke(main, ["query", f"ATTACH '{target}' AS x", "--db", str(corpus_db)])
    assert result.exit_code == 1 and "not authorized" in result.output
    assert not target.exists()


def test_sqlite_runaway_query_is_stopped_by_the_timeout(corpus_db):
    sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["query", sql, "--db", str(corpus_db), "--timeout", "1"])
    assert result.exit_code == 1 and "stopped after 1 s (--timeout)" in result.output
    assert time.monotonic() - started < 30


def test_rows_are_streamed_and_limited(corpus_db):
    # 3**8 = 6,561 rows of whole letters per row if kept: streamed, only the first few are read
    cross = "SELECT a.id, b.text FROM letters a, letters b, letters c, letters d, letters e, letters f, letters g, letters h"
    result = CliRunner().invoke(main, ["query", cross, "--db", str(corpus_db), "--format", "csv", "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "only the first 5 rows" in result.output
    from pipeline.store.sqlite import query

    columns, rows = query(corpus_db, cross)
    assert columns == ["id", "text"] and not isinstance(rows, list)
    assert sum(1 for _ in rows) == 3 ** 8


def test_table_output_is_limited_by_default(corpus_db):
    sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 20000) SELECT n FROM r"
    result = CliRunner().invoke(main, ["query", sql, "--db", str(corpus_db)])
    assert result.exit_code == 0 and "(10000 rows)" in result.output and "--limit 0 for all" in result.output
    result = CliRunner().invoke(main, ["query", sql, "--db", str(corpus_db), "--format", "csv"])
    assert result.output.count("\n") == 20001  # csv into a pipe: every row


# -- the read-only query: PostgreSQL -------------------------------------------------------------
@pytest.fixture()
def pg_loaded(pg_db, corpus_db):
    result = CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(corpus_db.parent)])
    assert result.exit_code == 0, result.output
    return pg_db


def _pg_state(dsn: str) -> tuple:
    import psycopg

    with psycopg.connect(dsn) as con:
        tables = sorted(r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
        return tables, con.execute("SELECT count(*) FROM letters").fetchone()[0], \
            con.execute("SELECT count(*) FROM cc").fetchone()[0]


@pytest.mark.parametrize("sql", ["COMMIT; DELETE FROM letters", "COMMIT; DROP TABLE cc",
                                 "ROLLBACK; CREATE TABLE x(i int)", "DELETE FROM letters",
                                 "WITH d AS (DELETE FROM letters RETURNING id) SELECT * FROM d",
                                 "SET default_transaction_read_only = off; DELETE FROM letters",
                                 "SELECT 1; DELETE FROM letters"])
def test_postgres_query_changes_nothing(pg_loaded, sql):
    before = _pg_state(pg_loaded)
    result = CliRunner().invoke(main, ["query", sql, "--db", pg_loaded])
    assert result.exit_code == 1 and "Error:" in result.output and "Traceback" not in result.output
    assert _pg_state(pg_loaded) == before == (before[0], 3, before[2])


def test_postgres_copy_to_a_file_is_refused(pg_loaded, tmp_path):
    target = tmp_path / "copied.csv"
    os.chmod(tmp_path, 0o777)  # so that a server running as another user could write there
    result = CliRunner().invoke(main, ["query", f"COPY (SELECT * FROM letters) TO '{target}'", "--db", pg_loaded])
    assert result.exit_code == 1 and "exactly one read-only statement" in result.output
    assert not target.exists()


def test_postgres_runaway_query_is_stopped_by_the_timeout(pg_loaded):
    sql = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
    result = CliRunner().invoke(main, ["query", sql, "--db", pg_loaded, "--timeout", "1"])
    assert result.exit_code == 1 and "stopped after 1 s (--timeout)" in result.output


def test_postgres_rows_are_streamed_and_limited(pg_loaded):
    sql = "SELECT g FROM generate_series(1, 50000000) g"  # whole, it would hold gigabytes
    result = CliRunner().invoke(main, ["query", sql, "--db", pg_loaded, "--format", "json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == ['{"g": 1}', '{"g": 2}', '{"g": 3}']
    result = CliRunner().invoke(main, ["query", "VALUES (1, 'a'), (2, 'b')", "--db", pg_loaded, "--format", "csv"])
    assert result.output == "column1,column2\n1,a\n2,b\n"


def test_no_message_shows_a_password(corpus_db):
    for dsn in ("postgresql://reader:s3cr%zzet@localhost/db", "postgresql://reader:s3cr%40et@127.0.0.1:1/db",
                "postgresql://reader@127.0.0.1:1/db?password=s3cr%40et"):
        for args in (["query", "SELECT 1", "--db", dsn], ["load", "--db", dsn, "--from", str(corpus_db.parent)]):
            result = CliRunner().invoke(main, args)
            assert result.exit_code != 0
            assert "s3cr" not in result.output and "***" in result.output, result.output
    assert CliRunner().invoke(main, ["query", "SELECT 1", "--db", "postgresql://u:pw@127.0.0.1:1/db"]).exit_code == 5


# -- load: one semantics for both databases ------------------------------------------------------
def _ids_sqlite(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT sender FROM letters"))
    finally:
        con.close()


def _ids_pg(dsn: str) -> list[str]:
    import psycopg

    with psycopg.connect(dsn) as con:
        return sorted(r[0] for r in con.execute("SELECT sender FROM letters"))


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    run(_folder(tmp_path_factory.mktemp("in_a"), LETTERS[:2]), a, write_db=False)
    run(_folder(tmp_path_factory.mktemp("in_b"), LETTERS[2:]), b, write_db=False)
    return a, b


def test_load_appends_by_default_and_mirrors_on_request_in_sqlite(two_runs, tmp_path):
    a, b = two_runs
    db = tmp_path / "all.db"
    for out in (a, b):
        assert CliRunner().invoke(main, ["load", "--db", str(db), "--from", str(out)]).exit_code == 0
    assert len(_ids_sqlite(db)) == 3
    result = CliRunner().invoke(main, ["load", "--db", str(db), "--from", str(b), "--mode", "mirror"])
    assert result.exit_code == 0 and len(_ids_sqlite(db)) == 1


def test_load_appends_by_default_and_mirrors_on_request_in_postgres(two_runs, pg_db):
    a, b = two_runs
    for out in (a, b):
        assert CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(out)]).exit_code == 0
    assert len(_ids_pg(pg_db)) == 3
    result = CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(b), "--mode", "mirror"])
    assert result.exit_code == 0 and "deleted: 2" in result.output and len(_ids_pg(pg_db)) == 1


# -- any file name, only regular files, links, unreadable folders --------------------------------
def test_file_names_that_are_not_utf8_become_records_with_a_recoverable_path(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    gbk = "关于建议的答复".encode("gbk") + b".txt"
    with open(os.path.join(os.fsencode(src), gbk), "wb") as fh:
        fh.write((CORPUS / LETTERS[0]).read_bytes())
    summary = run(src, tmp_path / "out")
    assert (summary.records, summary.errors) == (1, 0)
    record = json.loads((tmp_path / "out" / "letters.jsonl").read_text(encoding="utf-8"))
    assert raw_path(record["source"]["path"]) == gbk
    assert run(src, tmp_path / "out").unchanged == 1  # and again, from the cache


@pytest.mark.parametrize("name", ["100%.txt", "a%41.txt", "关于.txt", "plain.txt"])
def test_display_paths_stand_for_one_name_each(name):
    assert os.fsdecode(raw_path(display_path(name))) == name


def test_links_out_of_the_folder_are_read_only_when_asked(tmp_path):
    src = _folder(tmp_path / "in", LETTERS[:1])
    elsewhere = _folder(tmp_path / "elsewhere", LETTERS[1:2])
    os.symlink(elsewhere / LETTERS[1], src / "linked.txt")
    os.symlink(elsewhere, src / "linked_dir")
    summary = run(src, tmp_path / "out")
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert summary.records == 1 and {(e["path"], e["code"]) for e in errors} == {
        ("linked.txt", "outside_input"), ("linked_dir", "outside_input")}
    summary = run(src, tmp_path / "out2", follow_symlinks=True)
    assert (summary.records, summary.errors) == (3, 0)


def test_an_unreadable_folder_is_an_error_record(tmp_path, monkeypatch):
    src = _folder(tmp_path / "in", LETTERS[:1])
    closed = _folder(src / "closed", LETTERS[1:2])
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == closed:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = run(src, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert (error["path"], error["code"]) == ("closed", "unreadable") and "Permission denied" in error["message"]
    assert summary.records == 1 and manifest["inputs"] == manifest["records"] + manifest["errors"] == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists every folder")
def test_a_folder_without_permission_is_an_error_record(tmp_path):
    src = _folder(tmp_path / "in", LETTERS[:1])
    closed = _folder(src / "closed", LETTERS[1:2])
    closed.chmod(0)
    try:
        assert [(i.rel, i.problem.code) for i in walk(src) if i.problem] == [("closed", "unreadable")]
    finally:
        closed.chmod(0o755)


def test_a_fifo_is_never_opened(tmp_path):
    src = _folder(tmp_path / "in", LETTERS[:1])
    os.mkfifo(src / "x.txt")
    result = _cli("run", str(src), "--out", str(tmp_path / "out"))  # (it would hang in open())
    assert result.returncode == 0, result.stderr
    error = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert (error["path"], error["code"]) == ("x.txt", "not_a_file")


# -- one writer per output folder ----------------------------------------------------------------
def test_a_second_run_on_a_locked_folder_fails_at_once_and_touches_nothing(tmp_path):
    src = _folder(tmp_path / "in")
    out = tmp_path / "out"
    run(src, out)
    before = _outputs(out)
    (src / "new.txt").write_bytes((CORPUS / "002_wuxi_caizheng.txt").read_bytes())
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pipeline.store.output import "
                               "OutputFolder\nwith OutputFolder(sys.argv[1]):\n print('held', flush=True); "
                               "time.sleep(60)", str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        for args in (["run", str(src), "--out", str(out)], ["load", "--db", str(out / "letters.db"), "--from", str(out)]):
            result = _cli(*args)
            assert result.returncode == 3, result.stderr
            assert "in use by another govreply run or load" in result.stderr and f"pid {holder.pid}" in result.stderr
            assert "Traceback" not in result.stderr
        assert time.monotonic() - started < 60
    finally:
        holder.kill()
        holder.wait()
    assert _outputs(out) == before
    assert run(src, out).records == 4  # the lock went with its holder


def test_the_lock_is_held_for_the_whole_run(tmp_path, monkeypatch):
    src = _folder(tmp_path / "in")
    out = tmp_path / "out"
    seen = []
    import pipeline.run as batch

    real = batch._stage_database

    def probe(folder, errors):
        with pytest.raises(OutputLocked):
            OutputFolder(out).__enter__()
        seen.append(True)
        return real(folder, errors)

    monkeypatch.setattr(batch, "_stage_database", probe)
    run(src, out)
    assert seen == [True]


# -- failures are messages; the outputs switch together or not at all ----------------------------
def test_a_full_disk_is_one_line_and_leaves_the_previous_outputs(tmp_path):
    src = _folder(tmp_path / "in")
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        if disk is None:
            pytest.skip("cannot mount a tmpfs here (the simulated full disk below still runs)")
        out = disk / "out"
        assert _cli("run", str(src), "--out", str(out)).returncode == 0
        before = _outputs(out)
        for name in sorted(os.listdir(CORPUS))[3:20]:
            if name.endswith(".txt"):
                shutil.copy(CORPUS / name, src / name)
        free = shutil.disk_usage(disk).free
        with open(disk / "filler", "wb") as fh:
            fh.write(b"\0" * max(0, free - 64 * 1024))
        result = _cli("run", str(src), "--out", str(out))
        assert result.returncode == 4, result.stderr
        assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert _outputs(out) == before and _temp_files(out) == []
        (disk / "filler").unlink()
        assert _cli("run", str(src), "--out", str(out)).returncode == 0
        assert json.loads((out / "manifest.json").read_text())["records"] == len(list(src.glob("*.txt")))


def test_a_database_that_cannot_be_written_keeps_all_outputs_as_they_were(tmp_path, monkeypatch):
    src = _folder(tmp_path / "in")
    out = tmp_path / "out"
    run(src, out)
    before = _outputs(out)
    (src / "new.txt").write_bytes((CORPUS / "002_wuxi_caizheng.txt").read_bytes())
    import pipeline.run as batch

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(batch, "write_sqlite", full)
    with pytest.raises(OutputError, match="letters.db: database or disk is full"):
        run(src, out)
    assert _outputs(out) == before and _temp_files(out) == []


def test_sqlite_reports_the_full_disk_itself_not_a_failed_rollback(tmp_path):
    from pipeline.store.sqlite import write_sqlite

    out = tmp_path / "run"
    run(_folder(tmp_path / "in", sorted(p.name for p in CORPUS.glob("*.txt"))), out, write_db=False)
    lines = (out / "letters.jsonl").read_text(encoding="utf-8").splitlines()
    with _tmpfs(tmp_path / "disk", "256k") as disk:
        if disk is None:
            pytest.skip("cannot mount a tmpfs here")
        db = disk / "letters.db"
        write_sqlite(db, lines[:1])  # a database of the current layout: synced in place
        with pytest.raises(sqlite3.OperationalError, match="full"):
            write_sqlite(db, lines)
        assert len(_ids_sqlite(db)) == 1  # rolled back whole


def test_a_read_only_output_folder_is_one_line(tmp_path, monkeypatch):
    src = _folder(tmp_path / "in", LETTERS[:1])
    with _tmpfs(tmp_path / "ro", "1m", read_only=True) as ro:
        if ro is not None:
            result = _cli("run", str(src), "--out", str(ro / "out"))
            assert result.returncode == 4 and "Read-only file system" in result.stderr, result.stderr
            assert len(result.stderr.strip().splitlines()) == 1
    out = tmp_path / "out"
    out.mkdir()
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).startswith(str(out)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out)])
    assert result.exit_code == 4 and "Read-only file system" in result.output and result.exception is not None


def test_a_load_reads_a_folder_it_cannot_write(tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(_folder(tmp_path / "in", LETTERS[:1]), out, write_db=False)
    (out / ".govreply.lock").unlink()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = CliRunner().invoke(main, ["load", "--db", str(tmp_path / "x.db"), "--from", str(out)])
    assert result.exit_code == 0, result.output
    assert len(_ids_sqlite(tmp_path / "x.db")) == 1


def test_a_commit_interrupted_while_switching_is_finished_by_the_next_opening(tmp_path):
    out = tmp_path / "out"
    with OutputFolder(out) as folder:
        folder.stage_text("manifest.json", "old\n")
        folder.stage_text("errors.jsonl", "old\n")
        folder.commit()
    with OutputFolder(out) as folder:
        folder.stage_text("manifest.json", "new\n")
        folder.stage_text("errors.jsonl", "new\n")
        renames = [[Path(tmp).name, name] for name, tmp in sorted(folder.staged.items())]
        (out / JOURNAL_NAME).write_text(json.dumps({"renames": renames}))
        os.replace(out / renames[0][0], out / renames[0][1])  # killed after the first rename
        folder.staged.clear()
    assert (out / "errors.jsonl").read_text() == "new\n" and (out / "manifest.json").read_text() == "old\n"
    with OutputFolder(out):
        pass
    assert (out / "manifest.json").read_text() == "new\n" and not (out / JOURNAL_NAME).exists()


# -- kill -9: leftovers removed, no orphaned workers ---------------------------------------------
def test_temp_files_of_killed_runs_are_removed(tmp_path):
    src = _folder(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    leftovers = [".letters.jsonl.k1l2m3n4", ".errors.jsonl.abcd_123", ".letters.db.q9w8e7r6", ".letters.db.q9w8e7r6-journal",
                 ".manifest.json.tmp", "..govreply-cache.jsonl.zz11yy22", "..letters.db.a1b2c3d4.e5f6g7h8"]
    for name in leftovers:
        (out / name).write_bytes(b"\0" * 1000)
    (out / "keep.txt").write_text("a user's file")
    run(src, out)
    assert _temp_files(out) == [] and (out / "keep.txt").exists()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def _kill_when_it_has_workers(args: list[str], count: int) -> set[int]:
    """Start ``govreply ARGS``, kill -9 it once ``count`` worker processes run; returns their pids."""
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < count and proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        time.sleep(0.02)
    assert len(workers) >= count, "the command ended before its workers were seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return workers


def _all_gone(workers: set[int], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(_alive(w) for w in workers)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_extraction_workers_die_with_a_killed_run(tmp_path):
    src = _folder(tmp_path / "in", sorted(p.name for p in CORPUS.glob("*.txt"))[:24])
    workers = _kill_when_it_has_workers(["run", str(src), "--out", str(tmp_path / "out"), "--jobs", "2"], 2)
    assert _all_gone(workers)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_database_workers_die_with_a_killed_load(tmp_path):
    out = tmp_path / "out"
    run(_folder(tmp_path / "in", LETTERS[:1]), out, write_db=False)
    line = json.loads((out / "letters.jsonl").read_text(encoding="utf-8"))
    with open(out / "letters.jsonl", "w", encoding="utf-8") as fh:  # enough records for the row workers
        for k in range(3000):
            fh.write(json.dumps({**line, "id": f"{k:016x}"}, ensure_ascii=False) + "\n")
    workers = _kill_when_it_has_workers(["load", "--db", str(tmp_path / "x.db"), "--from", str(out)], 1)
    assert _all_gone(workers)
