"""The README's six questions give the same answers on SQLite and PostgreSQL."""

from decimal import Decimal

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store.questions import questions
from pipeline.store.sqlite import query

from ..conftest import CORPUS, ROOT


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(main, ["run", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def normal(rows):
    def cell(v):
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
            return Decimal(repr(v) if isinstance(v, float) else str(v)).quantize(Decimal("0.01"))
        return v

    return [tuple(cell(v) for v in row) for row in rows]


def test_six_questions_are_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(questions()) == 6
    for sql in questions().values():
        assert sql in readme


@pytest.mark.parametrize("name", list(questions()))
def test_sqlite_and_postgres_give_the_same_answers(out, pg_db, name):
    from pipeline.store.postgres import query as pg_query

    load = CliRunner().invoke(main, ["load", "--db", pg_db, "--from", str(out)])
    assert load.exit_code == 0, load.output
    sql = questions()[name]
    columns, rows = query(out / "letters.db", sql)
    rows = list(rows)
    pg_columns, pg_rows = pg_query(pg_db, sql)
    assert rows, f"{name} has no answer on the corpus"
    assert columns == pg_columns
    assert normal(rows) == normal(pg_rows)
