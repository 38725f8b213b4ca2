"""The DDL of both databases against the pydantic models and the row builder."""

import re

import pytest

from pipeline.models import LetterRecord
from pipeline.store.rows import COLUMNS

from ..conftest import ROOT


def ddl_columns(path):
    text = path.read_text(encoding="utf-8")
    tables = {}
    for name, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", text, re.S):
        cols = []
        for line in body.splitlines():
            m = re.match(r"\s+(\w+)\s+[A-Z]", line)
            if m and m.group(1) not in ("PRIMARY", "FOREIGN"):
                cols.append(m.group(1))
        tables[name] = tuple(cols)
    return tables


@pytest.mark.parametrize("dialect", ["sqlite", "postgres"])
def test_ddl_has_the_columns_the_rows_fill(dialect):
    tables = ddl_columns(ROOT / "schemas" / f"{dialect}.sql")
    for table, columns in COLUMNS.items():
        assert tables[table] == columns, table
    assert set(tables) >= set(COLUMNS) | {"organizations", "errors"}


def test_the_two_dialects_have_the_same_tables_and_columns():
    sqlite, postgres = ddl_columns(ROOT / "schemas" / "sqlite.sql"), ddl_columns(ROOT / "schemas" / "postgres.sql")
    assert sqlite == postgres


def test_every_field_of_the_record_has_a_home():
    letters = set(COLUMNS["letters"])
    nested = {"doc_number": "doc_number", "proposal": "proposal_kind", "addressee": "addressee_name",
              "contact": "contact_person", "source": None, "sections": None, "entities": None, "cc": None,
              "metadata": "record", "parts": "record"}
    for field in LetterRecord.model_fields:
        assert field in letters or field in nested, f"{field} has no column"


@pytest.mark.parametrize("name", ["sqlite.sql", "postgres.sql", "questions.sql"])
def test_schemas_dir_shows_the_packaged_sql(name):
    assert (ROOT / "schemas" / name).resolve() == (ROOT / "pipeline" / "store" / name).resolve()
