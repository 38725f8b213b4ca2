"""The bad-input zoo through a real `govreply run`: every input accounted for, each bad one an error
record with its stable code, no traceback, the batch goes on. (Time and memory: benchmarks/zoo.py.)"""

import json
import subprocess
import sys

from .conftest import ROOT
from .zoo import build


def test_the_zoo_is_accounted_for_with_stable_codes(tmp_path):
    expected = build(tmp_path / "zoo")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(tmp_path / "zoo"), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    errors = {e["path"]: e["code"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    records = {r["source"]["path"]: r for r in map(json.loads, (out / "letters.jsonl").read_text().splitlines())}
    manifest = json.loads((out / "manifest.json").read_text())
    assert errors == {name: code for name, code in expected.items() if code not in (None, "skipped")}
    assert sorted(records) == sorted(name for name, code in expected.items() if code is None)
    assert manifest["skipped_files"] == sorted(name for name, code in expected.items() if code == "skipped")
    assert manifest["inputs"] == manifest["records"] + manifest["errors"] + manifest["skipped"] == len(expected)
    assert all(e["message"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines()))
    assert records["pdf_named.txt"]["source"]["format"] == "pdf"
    assert "format_from_content:pdf" in records["pdf_named.txt"]["warnings"]
