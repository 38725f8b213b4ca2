"""End to end through the CLI: outputs, determinism, accounting, errors, eval."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from pipeline.cli import main

from .conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["run", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_run_writes_all_outputs(corpus_run):
    out, output = corpus_run
    for name in ("letters.jsonl", "errors.jsonl", "letters.db", "manifest.json"):
        assert (out / name).exists()
    letters = (out / "letters.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(letters) == len(list(CORPUS.glob("*.txt")))
    assert "records: %d" % len(letters) in output


def test_records_are_sorted_and_valid(corpus_run):
    from pipeline.models import LetterRecord

    out, _ = corpus_run
    lines = (out / "letters.jsonl").read_text(encoding="utf-8").splitlines()
    records = [LetterRecord.model_validate_json(line) for line in lines]
    paths = [r.source.path for r in records]
    assert paths == sorted(paths)


def test_rerun_is_byte_identical(corpus_run, tmp_path):
    out, _ = corpus_run
    CliRunner().invoke(main, ["run", str(CORPUS), "--out", str(tmp_path)])
    for name in ("letters.jsonl", "errors.jsonl", "letters.db"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_sqlite_tables(corpus_run):
    out, _ = corpus_run
    con = sqlite3.connect(out / "letters.db")
    n_letters = con.execute("SELECT count(*) FROM letters").fetchone()[0]
    n_money = con.execute("SELECT count(*) FROM entities WHERE type = 'money'").fetchone()[0]
    n_sections = con.execute("SELECT count(*) FROM sections").fetchone()[0]
    jsonl = [json.loads(line) for line in (out / "letters.jsonl").read_text(encoding="utf-8").splitlines()]
    assert n_letters == len({r["id"] for r in jsonl})
    assert n_money == sum(1 for r in jsonl for e in r["entities"] if e["type"] == "money")
    assert n_sections > 0
    total = con.execute("SELECT sum(amount) FROM money WHERE amount IS NOT NULL").fetchone()[0]
    assert total == sum(e["value"]["amount"] for r in jsonl for e in r["entities"]
                        if e["type"] == "money" and e["value"]["amount"] is not None)


def test_bad_inputs_become_error_records_and_nothing_is_lost(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good = next(iter(sorted(CORPUS.glob("*.txt"))))
    (src / "good.txt").write_bytes(good.read_bytes())
    (src / "bom.txt").write_bytes(b"\xef\xbb\xbf" + good.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (src / "gbk.txt").write_bytes(good.read_text(encoding="utf-8").encode("gb18030"))
    (src / "garbled.txt").write_bytes(bytes((i * 7919) % 127 + 128 for i in range(3000)))
    (src / "not_a_letter.txt").write_text("今天天气很好,我们去公园散步。", encoding="utf-8")
    (src / "notes.md").write_text("# not an input format", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    errors = {e["path"]: e["code"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert errors == {"empty.txt": "empty", "binary.txt": "binary", "garbled.txt": "encoding",
                      "not_a_letter.txt": "not_a_letter"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"] == manifest["records"] + manifest["errors"] + manifest["skipped"] == 8
    assert manifest["records"] == 3 and manifest["skipped_files"] == ["notes.md"]
    strict = CliRunner().invoke(main, ["run", str(src), "--out", str(out), "--strict"])
    assert strict.exit_code == 1


def test_eval_prints_scores(corpus_run):
    out, _ = corpus_run
    result = CliRunner().invoke(main, ["eval", str(CORPUS / "gold"), "--out", str(out), "-v"])
    assert result.exit_code == 0, result.output
    assert "money" in result.output and "fields accuracy" in result.output


def test_eval_verbose_lists_misses_and_spurious_items_per_type(tmp_path):
    import json

    from pipeline.evaluate import evaluate, format_report

    letter = "001_hangzhou_jiaotong"
    gold = json.loads((CORPUS / "gold" / f"{letter}.json").read_text(encoding="utf-8"))
    gold["orgs"] = gold["orgs"][1:] + [{"text": "不存在的机构研究院", "name": "不存在的机构研究院"}]
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / f"{letter}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"{letter}.txt").write_bytes((CORPUS / f"{letter}.txt").read_bytes())
    assert CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")]).exit_code == 0
    text = format_report(evaluate(tmp_path / "gold", tmp_path / "out"), verbose=True)
    block = text[text.index("orgs: 1 missed, 1 spurious"):]
    assert "  missed:\n    001_hangzhou_jiaotong.txt: " in block and "不存在的机构研究院" in block
    assert "  spurious:\n    001_hangzhou_jiaotong.txt: " in block


def test_eval_without_a_run_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", str(CORPUS / "gold"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "does not exist: run `govreply run` first" in result.output


def test_every_command_is_documented():
    for name, command in main.commands.items():
        assert command.help and "Example:" in command.help or name == "schema" and command.help


def test_python_api(seed_text):
    import pipeline

    record = pipeline.parse_text(seed_text)
    assert record.category == "A" and record.date == "2023-07-11"


def test_outputs_are_readable_like_normally_created_files(corpus_run):
    import os
    import stat

    out, _ = corpus_run
    mask = os.umask(0)
    os.umask(mask)
    for name in ("letters.jsonl", "errors.jsonl", "letters.db", "manifest.json"):
        assert stat.S_IMODE((out / name).stat().st_mode) == 0o666 & ~mask, name


def test_the_corpus_records_are_the_ones_on_record(corpus_run):
    """letters.jsonl of corpora/ is byte for byte the one whose digest benchmarks/records.sha256.json
    holds: a refactor changes no record. A change meant to change records saves the new digests
    (`python benchmarks/same_records.py --save benchmarks/records.sha256.json`) and says why."""
    import hashlib
    import json

    out, _ = corpus_run
    on_record = json.loads((CORPUS.parent / "benchmarks" / "records.sha256.json").read_text())["corpora"]
    assert hashlib.sha256((out / "letters.jsonl").read_bytes()).hexdigest() == on_record


def test_the_program_leaves_with_its_outputs_written_and_its_status(tmp_path):
    """``python -m pipeline`` ends without the interpreter's teardown (cli.program): what it printed,
    the files it wrote and its exit status are all there."""
    import subprocess
    import sys

    src = tmp_path / "in"
    src.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:3]:
        (src / path.name).write_bytes(path.read_bytes())
    (src / "broken.txt").write_bytes(b"")  # an error record: status 1 under --strict

    def program(*args):
        return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True)

    done = program("run", str(src), "--out", str(tmp_path / "out"), "--strict")
    assert done.returncode == 1, done.stderr
    assert "inputs: 4  records: 3  errors: 1" in done.stdout
    lines = (tmp_path / "out" / "letters.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and all(json.loads(line)["id"] for line in lines)
    assert json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    with sqlite3.connect(tmp_path / "out" / "letters.db") as db:
        assert db.execute("select count(*) from letters").fetchone() == (3,)
    assert program("run", str(src), "--out", str(tmp_path / "again")).returncode == 0
    usage = program("run", str(tmp_path / "missing"))
    assert usage.returncode == 2 and "does not exist" in usage.stderr
