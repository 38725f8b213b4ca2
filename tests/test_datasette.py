"""letters.db in Datasette with the metadata govreply writes: descriptions, facets, canned
questions, and a full-text search that finds Chinese phrases of any length."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store.sqlite import search

pytest.importorskip("datasette")

CORPUS = Path(__file__).resolve().parents[1] / "corpora"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["-q", "run", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def server(out):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent)) or "datasette"
    proc = subprocess.Popen([datasette, "serve", str(out / "letters.db"), "-m", str(out / "metadata.yml"),
                             "-h", "127.0.0.1", "-p", str(port), "--setting", "sql_time_limit_ms", "5000"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stdout.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def get(base: str, path: str, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_run_writes_the_metadata_beside_the_database(out):
    text = (out / "metadata.yml").read_text(encoding="utf-8")
    assert "search_letters:" in text and "facets:" in text and "money_per_sender_and_year:" in text


def test_a_table_page_with_a_facet(server):
    page = get(server, "/letters/letters.json", _facet="sender", _size="5")
    assert page["filtered_table_rows_count"] == len(list(CORPUS.glob("*.txt")))
    senders = page["facet_results"]["sender"]["results"]
    assert senders and all(r["count"] >= 1 for r in senders)
    described = get(server, "/-/metadata.json")["databases"]["letters"]["tables"]["money"]
    assert described["columns"]["amount"].startswith("yuan")


def test_a_canned_question(server):
    rows = get(server, "/letters/categories_per_sender.json", _shape="array")
    assert rows and {"sender", "category", "letters"} <= set(rows[0])


@pytest.mark.parametrize("phrase", ["污水处理", "污水", "污", "“十四五”", "营商环境", "5G"])
def test_search_finds_what_govreply_search_finds(server, out, phrase):
    rows = get(server, "/letters/search_letters.json", q=phrase, _shape="array")
    expected = {hit.letter_id for hit in search(out / "letters.db", phrase, limit=10_000)}
    assert {r["id"] for r in rows} == expected
    for r in rows:  # real columns, the phrase in its context
        assert r["title"] and phrase in r["context"] and r["hits"] >= 1


def test_the_bigram_index_is_hidden(server):
    tables = {t["name"]: t for t in get(server, "/letters.json")["tables"]}
    assert tables["search"]["hidden"] and not tables["letters"]["hidden"]
