"""SQLite: the relational schema kept in step with letters.jsonl, Chinese full-text search, read-only SQL."""

import json
import sqlite3
from decimal import Decimal

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store.fts import bigrams, match_query
from pipeline.store.sqlite import query, search, write_sqlite

from ..conftest import CORPUS

TABLES = ("letters", "sources", "sections", "entities", "money", "dates", "organizations", "org_mentions",
          "targets", "laws", "cc", "errors", "search")


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(main, ["run", str(CORPUS), "--out", str(out), "--no-db"])
    assert result.exit_code == 0, result.output
    return [json.loads(line, parse_float=Decimal) for line in (out / "letters.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def db(records, tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "letters.db"
    write_sqlite(path, records)
    return path


def snapshot(path):
    con = sqlite3.connect(path)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}"))) for t in TABLES}
    finally:
        con.close()


def test_every_record_is_in_the_relational_tables(db, records):
    con = sqlite3.connect(db)
    count = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert count("SELECT COUNT(*) FROM letters") == len(records)
    assert count("SELECT COUNT(*) FROM entities") == sum(len(r["entities"]) for r in records)
    assert count("SELECT COUNT(*) FROM money") == sum(e["type"] == "money" for r in records for e in r["entities"])
    assert count("SELECT COUNT(*) FROM org_mentions") == sum(e["type"] == "org" for r in records for e in r["entities"])
    assert count("SELECT COUNT(*) FROM organizations") == len({e["value"]["name"] for r in records
                                                               for e in r["entities"] if e["type"] == "org"})
    # exact amounts and date intervals
    assert con.execute("SELECT amount FROM money WHERE amount = 35410700").fetchone() == (35410700,)
    assert con.execute("SELECT date_start, date_end FROM dates WHERE iso = '2023-09' LIMIT 1").fetchone() == (
        "2023-09-01", "2023-09-30")
    con.close()


def test_loading_the_same_records_twice_changes_nothing(db, records):
    before = snapshot(db)
    write_sqlite(db, records)
    assert snapshot(db) == before


def test_the_database_follows_the_jsonl(records, tmp_path):
    path = tmp_path / "letters.db"
    write_sqlite(path, records)
    changed = json.loads(json.dumps(records[1], default=str))
    changed["title"] = "关于某某建议的答复（修订）"
    write_sqlite(path, [records[0], changed] + records[3:])  # one changed, one gone
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM letters").fetchone()[0] == len(records) - 1
    assert con.execute("SELECT title FROM letters WHERE id = ?", (changed["id"],)).fetchone()[0].endswith("（修订）")
    gone = records[2]["id"]
    for table in ("letters", "entities"):
        column = "id" if table == "letters" else "letter_id"
        assert con.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (gone,)).fetchone()[0] == 0
    assert con.execute("SELECT COUNT(*) FROM search").fetchone()[0] == len(records) - 1
    con.close()


def test_bigrams_find_words_inside_words():
    assert "冠军" in bigrams("隐形冠军企业").split()
    assert match_query("隐形冠军") == '"隐形" AND "形冠" AND "冠军"'


def test_search_finds_a_two_character_word_inside_a_longer_one(db):
    # 电梯 stands in the corpus only inside longer words (加装电梯, 电梯井道 …)
    hits = search(db, "电梯")
    assert hits and all("电梯" in h.snippet for h in hits)
    senders = [h.sender for h in hits]
    assert "佛山市南海区住房和城乡建设局" in senders


def test_search_by_a_phrase_ranks_the_letter_about_it_first(db):
    hits = search(db, "既有住宅加装电梯")
    assert hits[0].sender in ("佛山市南海区住房和城乡建设局", "贵阳市住房和城乡建设局")
    assert "【既有住宅加装电梯】" in hits[0].snippet


def test_search_needs_every_term(db):
    both = {h.letter_id for h in search(db, "电梯 公积金", limit=50)}
    only = {h.letter_id for h in search(db, "电梯", limit=50)}
    assert both and both < only
    assert search(db, "量子引力波") == []


def test_query_is_read_only(db):
    columns, rows = query(db, "SELECT category, COUNT(*) FROM letters GROUP BY category ORDER BY category")
    assert columns == ["category", "COUNT(*)"] and list(rows)
    with pytest.raises(sqlite3.DatabaseError):  # not authorized (and the file is opened read-only)
        list(query(db, "DELETE FROM letters")[1])


@pytest.mark.parametrize("fmt,probe", [("table", "(4 rows)"), ("json", '"category": "A"'), ("csv", "category,n")])
def test_query_cli_formats(db, fmt, probe):
    sql = "SELECT category, COUNT(*) AS n FROM letters GROUP BY category ORDER BY category"
    result = CliRunner().invoke(main, ["query", sql, "--db", str(db), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert probe in result.output


def test_search_cli(db):
    result = CliRunner().invoke(main, ["search", "加装电梯", "--db", str(db), "-n", "3"])
    assert result.exit_code == 0 and "【加装电梯】" in result.output and result.output.startswith("1. ")
