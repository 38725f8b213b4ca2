"""Batch runs: incremental re-runs, --prune, and a real process killed mid-run then resumed."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from pipeline.run import run
from pipeline.store.cache import CACHE_NAME, fingerprint

from .conftest import CORPUS, ROOT, db_content

OUTPUTS = ("letters.jsonl", "errors.jsonl", "manifest.json")


def _folder(tmp_path, names):
    src = tmp_path / "in"
    src.mkdir()
    for name in names:
        shutil.copy(CORPUS / name, src / name)
    return src


def _outputs(out):
    found = {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}
    if (out / "letters.db").exists():
        found["letters.db"] = db_content(out / "letters.db")
    return found


LETTERS = ["001_hangzhou_jiaotong.txt", "005_jinan_jiaoyu.txt", "010_yueyang-renshe.txt"]


def test_a_second_run_over_an_unchanged_folder_does_no_extraction_work(tmp_path, monkeypatch):
    src = _folder(tmp_path, LETTERS)
    out = tmp_path / "out"
    first = run(src, out)
    assert (first.processed, first.unchanged) == (3, 0)
    before = _outputs(out)

    import pipeline.api

    def no_pipeline(*args, **kwargs):
        raise AssertionError("the pipeline was built although nothing changed")

    monkeypatch.setattr(pipeline.api, "Pipeline", no_pipeline)
    second = run(src, out)
    assert (second.processed, second.unchanged, second.records) == (0, 3, 3)
    assert _outputs(out) == before


def test_changed_and_new_inputs_are_processed_again(tmp_path):
    src = _folder(tmp_path, LETTERS)
    out = tmp_path / "out"
    run(src, out)
    changed = src / LETTERS[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("2024年5月20日", "2024年5月21日"), encoding="utf-8")
    shutil.copy(CORPUS / "028_jinhua-jiaoyu.txt", src)
    summary = run(src, out)
    assert (summary.processed, summary.unchanged, summary.records) == (2, 2, 4)
    record = next(json.loads(line) for line in (out / "letters.jsonl").read_text().splitlines()
                  if json.loads(line)["source"]["path"] == LETTERS[0])
    assert record["date"] == "2024-05-21"


def test_records_of_removed_inputs_go_only_with_prune(tmp_path):
    src = _folder(tmp_path, LETTERS)
    out = tmp_path / "out"
    run(src, out)
    (src / LETTERS[1]).unlink()
    kept = run(src, out)
    paths = [json.loads(line)["source"]["path"] for line in (out / "letters.jsonl").read_text().splitlines()]
    assert kept.carried_over == 1 and LETTERS[1] in paths
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"] == manifest["records"] + manifest["errors"] + manifest["skipped"] == 2
    pruned = run(src, out, prune=True)
    paths = [json.loads(line)["source"]["path"] for line in (out / "letters.jsonl").read_text().splitlines()]
    assert pruned.pruned == 1 and LETTERS[1] not in paths


def test_the_fingerprint_changes_with_the_options():
    assert fingerprint("jieba", None) != fingerprint("char", None)
    assert fingerprint("jieba", None) == fingerprint("jieba", None)


def test_a_torn_cache_line_is_ignored(tmp_path):
    src = _folder(tmp_path, LETTERS[:2])
    out = tmp_path / "out"
    run(src, out)
    with open(out / CACHE_NAME, "a", encoding="utf-8") as fh:
        fh.write('{"key": "abc", "record": {"tr')  # what a kill in the middle of a write leaves
    summary = run(src, out)
    assert (summary.unchanged, summary.records) == (2, 2)


def test_a_cache_line_that_cannot_be_read_back_is_extracted_again(tmp_path):
    src = _folder(tmp_path, LETTERS[:2])
    out = tmp_path / "out"
    run(src, out)
    before = _outputs(out)
    cache = out / CACHE_NAME
    lines = cache.read_bytes().splitlines(keepends=True)
    key_end = lines[0].index(b'",') + 2
    cache.write_bytes(lines[0][:key_end] + b'"record":{broken\n' + b"".join(lines[1:]))
    summary = run(src, out)
    assert (summary.unchanged, summary.processed, summary.records) == (1, 1, 2)
    assert _outputs(out) == before


def _start(src, out):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(src), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _cache_lines(out):
    try:
        return (out / CACHE_NAME).read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.parametrize("kill_after", [0, 5, 20])
def test_killing_a_run_at_any_moment_and_running_again_gives_the_same_outputs(tmp_path, kill_after):
    src = tmp_path / "in"
    src.mkdir()
    for k, path in enumerate(sorted(CORPUS.glob("*.txt"))[:24]):
        shutil.copy(path, src / path.name)
        if k % 3 == 0:  # more inputs than letters: some copies, as archives have
            shutil.copy(path, src / f"copy_{path.name}")
    (src / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    straight = tmp_path / "straight"
    assert subprocess.run([sys.executable, "-m", "pipeline", "run", str(src), "--out", str(straight)], cwd=ROOT,
                          capture_output=True, timeout=600).returncode == 0

    out = tmp_path / "killed"
    proc = _start(src, out)
    deadline = time.monotonic() + 120
    while _cache_lines(out) < kill_after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    done_before = _cache_lines(out)
    resumed = subprocess.run([sys.executable, "-m", "pipeline", "run", str(src), "--out", str(out)], cwd=ROOT,
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert _outputs(out) == _outputs(straight)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in straight.iterdir())  # no leftovers
    if done_before:
        assert "unchanged (not re-extracted)" in resumed.stdout


def test_the_fingerprint_changes_with_the_code_and_rules(tmp_path, monkeypatch):
    import pipeline.store.cache as cache

    package = tmp_path / "pkg"
    (package / "rules").mkdir(parents=True)
    (package / "rules" / "orgs.tsv").write_text("市委\n", encoding="utf-8")
    (package / "stage.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    before = cache.fingerprint("jieba")
    (package / "rules" / "orgs.tsv").write_text("市委\n市政府\n", encoding="utf-8")
    after_rules = cache.fingerprint("jieba")
    (package / "stage.py").write_text("x = 2\n", encoding="utf-8")
    assert len({before, after_rules, cache.fingerprint("jieba")}) == 3


def test_the_output_is_the_same_for_any_number_of_jobs(tmp_path):
    src = _folder(tmp_path, [p.name for p in sorted(CORPUS.glob("*.txt"))[:20]])
    (src / "empty.txt").write_bytes(b"")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(src, one, jobs=1).records == 20
    summary = run(src, two, jobs=2)
    assert (summary.records, summary.errors, summary.processed) == (20, 1, 21)
    assert _outputs(one) == _outputs(two)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers are forked with the patch")
@pytest.mark.parametrize("doomed", [["crash.txt"], ["crash.txt", "crash2.txt"]])
def test_a_worker_that_dies_on_an_input_loses_no_other_and_the_batch_goes_on(tmp_path, monkeypatch, doomed):
    """A worker killed (SIGKILL: a crash in a library, the out-of-memory killer) while extracting an
    input: that input is a 'crashed' error, every other one a record, in a run that ends; with one
    job, or two, the other records are the same."""
    import pipeline.run as batch

    names = [p.name for p in sorted(CORPUS.glob("*.txt"))[:20]]
    src = _folder(tmp_path, names)
    for k, name in enumerate(doomed):  # (letters of their own bytes: no cache hit stands in for them)
        (src / name).write_text((CORPUS / names[k]).read_text(encoding="utf-8") + "\n" * (k + 1), encoding="utf-8")
    (tmp_path / "ref").mkdir()
    assert run(_folder(tmp_path / "ref", names), tmp_path / "reference", jobs=1, write_db=False).records == 20
    read_bytes = batch.read_bytes

    def deadly(data, rel, *args, **kwargs):
        if rel in doomed:
            os.kill(os.getpid(), signal.SIGKILL)
        return read_bytes(data, rel, *args, **kwargs)

    monkeypatch.setattr(batch, "read_bytes", deadly)
    summary = run(src, tmp_path / "out", jobs=2, write_db=False)
    assert (summary.inputs, summary.records, summary.errors) == (22 if len(doomed) == 2 else 21, 20, len(doomed))
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [(e["path"], e["code"]) for e in errors] == [(name, "crashed") for name in sorted(doomed)]
    assert (tmp_path / "out" / "letters.jsonl").read_bytes() == (tmp_path / "reference" / "letters.jsonl").read_bytes()


def test_the_dask_executor_writes_the_same_outputs(tmp_path):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    src = _folder(tmp_path, [p.name for p in sorted(CORPUS.glob("*.txt"))[:10]])
    (src / "empty.txt").write_bytes(b"")
    local, remote = tmp_path / "local", tmp_path / "dask"
    run(src, local, jobs=1)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run(src, remote, scheduler=cluster.scheduler_address)
    assert (summary.records, summary.errors) == (10, 1)
    for name in ("letters.jsonl", "errors.jsonl", "manifest.json"):
        assert (local / name).read_bytes() == (remote / name).read_bytes(), name
    assert db_content(local / "letters.db") == db_content(remote / "letters.db")


def test_process_many_streams_through_nlp_pipe_with_the_same_records(pipeline):
    from pipeline.read import read_file

    documents = [read_file(path, display_path=path.name) for path in sorted(CORPUS.glob("*.txt"))[:12]]
    assert list(pipeline.process_many(documents, batch_size=5)) == [pipeline.process(d) for d in documents]


def test_a_text_over_spacys_own_length_limit_is_processed_and_one_over_ours_is_too_large():
    """spaCy refuses texts over 1,000,000 characters (its parser's memory); ours has no parser, so
    the limit is the reader's ``max_chars``, and over it the error is ``too_large``."""
    from pipeline.api import Pipeline
    from pipeline.errors import TooLarge
    from pipeline.read import Document

    def document(text):
        return Document(path="x", sha256="0" * 64, format="txt", text=text, encoding="utf-8")

    head = "关于某事的答复\n王代表:\n"
    pipeline = Pipeline(segmenter="char", max_chars=1_200_000)
    record = pipeline.process(document(head + "我们认真研究了您的建议。" * 90_000 + "\n2023年7月11日"))
    assert len(record.text) > 1_000_000
    with pytest.raises(TooLarge):
        pipeline.process(document(head + "我" * 1_200_001))


def test_workers_are_started_for_the_work_there_is():
    """A worker costs about a second to start: one for every 8 letters of text, one for each PDF or
    image (a scan takes seconds)."""
    from pathlib import Path

    from pipeline.inputs import Input
    from pipeline.run import workers_for

    def inputs(*names):
        return [Input(name, Path(name)) for name in names]

    assert workers_for(inputs()) == 1
    assert workers_for(inputs(*[f"{k}.txt" for k in range(15)])) == 1
    assert workers_for(inputs(*[f"{k}.txt" for k in range(16)])) == 2
    assert workers_for(inputs("a.pdf", "b.png", "c.PDF")) == 3
    assert workers_for(inputs("a.pdf", "b.txt")) == 1
