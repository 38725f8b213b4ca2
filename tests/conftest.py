from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED = SEEDS / "000_539943d701900076.txt"


@pytest.fixture(scope="session")
def pipeline():
    from pipeline.api import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.exists():
        pytest.skip(f"seed letter not found at {SEED} (it lives in ../shared/seeds)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pg_dsn():
    """A PostgreSQL DSN: GOVREPLY_TEST_PG, or a private server started for the session.

    Skipped with the reason when no server can be had, except under CI (GOVREPLY_CI=1),
    where a missing server is a failure: `.ci/run` installs and starts one.
    """
    import os

    from .pgserver import Server

    if os.environ.get("GOVREPLY_TEST_PG"):
        yield os.environ["GOVREPLY_TEST_PG"]
        return
    server = Server()
    try:
        dsn = server.start()
    except RuntimeError as exc:
        if os.environ.get("GOVREPLY_CI"):
            pytest.fail(f"no PostgreSQL server under CI: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")
    try:
        yield dsn
    finally:
        server.stop()


@pytest.fixture()
def pg_db(pg_dsn):
    """A fresh, empty database on the session's server; dropped afterwards."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_dsn, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
    base, _, query = pg_dsn.partition("?")
    head, _, _ = base.rpartition("/")
    yield f"{head}/{name}" + (f"?{query}" if query else "")
    with psycopg.connect(pg_dsn, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def db_content(path):
    """What a letters.db holds, table by table (the file's bytes also record how often it was written)."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'search_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}"))) for t in tables}
    finally:
        con.close()
