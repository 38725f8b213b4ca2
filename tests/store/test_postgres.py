"""PostgreSQL: `govreply load` against a real server (skipped with the reason when there is none)."""

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from pipeline.cli import main

from ..conftest import CORPUS

pytest.importorskip("psycopg")

TABLES = ("letters", "sources", "sections", "entities", "money", "dates", "organizations", "org_mentions",
          "targets", "laws", "cc", "errors")


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    src = tmp_path_factory.mktemp("in")
    for path in sorted(CORPUS.glob("*.txt"))[:12]:
        (src / path.name).write_bytes(path.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def snapshot(dsn):
    import psycopg

    with psycopg.connect(dsn) as con:
        return {t: sorted(repr(r) for r in con.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES
                if t != "organizations"} | {
            "organizations": sorted(r[0] for r in con.execute("SELECT name FROM organizations").fetchall())}


def test_loading_twice_leaves_the_database_unchanged(pg_db, run_out):
    first = CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(run_out), "--batch", "5"])
    assert first.exit_code == 0, first.output
    assert "inserted: 12" in first.output
    before = snapshot(pg_db)
    assert len(before["letters"]) == 12 and len(before["errors"]) == 1
    second = CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(run_out)])
    assert second.exit_code == 0 and "unchanged: 12" in second.output
    assert snapshot(pg_db) == before


def test_a_changed_record_is_replaced(pg_db, run_out, tmp_path):
    import psycopg

    assert CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(run_out)]).exit_code == 0
    lines = (run_out / "letters.jsonl").read_text().splitlines()
    record = json.loads(lines[0])
    record["title"] = "关于某某建议的答复（修订）"
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / "letters.jsonl").write_text("\n".join([json.dumps(record, ensure_ascii=False)] + lines[1:]) + "\n")
    result = CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(changed)])
    assert "replaced: 1" in result.output
    with psycopg.connect(pg_db) as con:
        assert con.execute("SELECT title FROM letters WHERE id = %s", (record["id"],)).fetchone()[0].endswith("（修订）")
        assert con.execute("SELECT COUNT(*) FROM letters").fetchone()[0] == 12


def test_amounts_and_dates_keep_their_types(pg_db, run_out):
    import psycopg

    CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(run_out)])
    with psycopg.connect(pg_db) as con:
        amount = con.execute("SELECT amount FROM money WHERE amount IS NOT NULL LIMIT 1").fetchone()[0]
        first, last = con.execute("SELECT date_start, date_end FROM dates WHERE precision = 'month' LIMIT 1").fetchone()
    assert isinstance(amount, Decimal)
    assert first.day == 1 and last.month == first.month and last.day >= 28
