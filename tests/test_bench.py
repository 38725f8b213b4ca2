"""The benchmark's letters: no two the same bytes (a repeat would be served from the run's cache)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench  # noqa: E402


@pytest.mark.parametrize("length", ["short", "corpus", "reference"])
def test_every_bench_letter_is_its_own(tmp_path, length):
    bases = bench.bases([length])
    if length not in bases:
        pytest.skip("the reference letter is not beside the repository")
    n = 2000 if length != "reference" else 500
    texts = bench.build(tmp_path, n, bases[length])
    assert len(set(texts)) == n
    assert sorted(p.read_text(encoding="utf-8") for p in tmp_path.iterdir()) == sorted(texts)
