"""govreply export: the database's tables as typed Parquet and CSV files, the same rows as letters.db."""

import csv
import datetime as dt
import json
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
LETTERS = ("001_hangzhou_jiaotong.txt", "007_quanzhou_ziran.txt", "027_dalian-shangwu.txt", "064_datong_wenlv.txt")


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    src = tmp_path_factory.mktemp("letters")
    for name in LETTERS:
        shutil.copy(CORPUS / name, src / name)
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["-q", "run", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def parquet_dir(run_out, tmp_path_factory):
    to = tmp_path_factory.mktemp("parquet")
    result = CliRunner().invoke(main, ["export", str(run_out), "--format", "parquet", "--to", str(to)])
    assert result.exit_code == 0, result.output
    return to


def test_every_table_holds_the_databases_rows(run_out, parquet_dir):
    db = sqlite3.connect(run_out / "letters.db")
    for table in ("letters", "entities", "organizations", "org_mentions", "money", "dates", "targets", "sections", "cc"):
        exported = pq.read_table(parquet_dir / f"{table}.parquet")
        assert exported.num_rows == db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0], table
    assert pq.read_table(parquet_dir / "letters.parquet").num_rows == len(LETTERS)


def test_columns_are_typed(parquet_dir):
    money = pq.read_table(parquet_dir / "money.parquet")
    assert pa.types.is_decimal(money.schema.field("amount").type)
    assert pa.types.is_date(pq.read_table(parquet_dir / "letters.parquet").schema.field("date").type)
    dates = pq.read_table(parquet_dir / "dates.parquet").schema
    assert pa.types.is_boolean(dates.field("relative").type) and pa.types.is_date(dates.field("date_start").type)
    assert pa.types.is_integer(pq.read_table(parquet_dir / "targets.parquet").schema.field("deadline_year").type)


def test_values_are_exact_and_match_the_records(run_out, parquet_dir):
    records = [json.loads(line, parse_float=Decimal) for line in open(run_out / "letters.jsonl", encoding="utf-8")]
    money = {(m["letter_id"], m["idx"]): m for m in pq.read_table(parquet_dir / "money.parquet").to_pylist()}
    checked = 0
    for record in records:
        for idx, e in enumerate(record["entities"]):
            if e["type"] == "money" and e["value"]["amount"] is not None:
                assert money[(record["id"], idx)]["amount"] == Decimal(str(e["value"]["amount"]))
                checked += 1
    assert checked > 10
    letters = {r["id"]: r for r in pq.read_table(parquet_dir / "letters.parquet").to_pylist()}
    for record in records:
        assert letters[record["id"]]["date"] == (dt.date.fromisoformat(record["date"]) if record["date"] else None)
        assert letters[record["id"]]["sender"] == record["sender"]


def test_org_mentions_point_at_organizations(parquet_dir):
    names = {r["id"]: r["name"] for r in pq.read_table(parquet_dir / "organizations.parquet").to_pylist()}
    mentions = pq.read_table(parquet_dir / "org_mentions.parquet").to_pylist()
    assert mentions and all(m["org_id"] in names for m in mentions)
    assert "大同市文化和旅游局" in names.values()


def test_csv_has_a_header_and_the_same_rows(run_out, tmp_path):
    result = CliRunner().invoke(main, ["export", str(run_out), "--format", "csv", "--to", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "targets.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    db = sqlite3.connect(run_out / "letters.db")
    assert len(rows) == db.execute("SELECT COUNT(*) FROM targets").fetchone()[0]
    assert set(rows[0]) >= {"letter_id", "metric", "amount", "unit", "comparator", "deadline"}


def test_a_folder_without_letters_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path)])
    assert result.exit_code == 1
    assert "letters.jsonl not found" in result.output
