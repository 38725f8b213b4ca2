"""The report at scale: build time and page weight for N letters.

    python benchmarks/report.py [--letters 20000]

Runs the corpus once, then makes an output folder of N records by copying those records under new
ids and paths (the report reads records; extracting 20,000 letters would only measure the
pipeline again), builds the report and prints the time, the total size, the size of the overview,
of the search index, of the largest list page and of an average letter page.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run([sys.executable, "-m", "pipeline", "-q", "run", str(ROOT / "corpora"), "--out", str(base),
                        "--no-db"], check=True, cwd=ROOT)
        records = [json.loads(line) for line in open(base / "letters.jsonl", encoding="utf-8")]
        out = Path(tmp) / "out"
        out.mkdir()
        with open(out / "letters.jsonl", "w", encoding="utf-8") as fh:
            for k in range(args.letters):
                record = dict(records[k % len(records)])
                record["id"] = f"{k:016x}"
                record["source"] = {**record["source"], "path": f"{k:06d}_{record['source']['path']}"}
                fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        (out / "errors.jsonl").write_text("", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "report", str(out)], check=True, cwd=ROOT)
        seconds = time.perf_counter() - started
        report = out / "report"
        size = lambda p: p.stat().st_size  # noqa: E731
        letters = list((report / "letter").glob("*.html"))
        lists = list(report.glob("letters-*.html"))
        total = sum(size(p) for p in report.rglob("*") if p.is_file())
        print(f"{args.letters} letters: built in {seconds:.1f} s (one process, start-up included), "
              f"{total / 1e6:.0f} MB in {len(letters) + len(lists) + 1} pages")
        print(f"overview index.html {size(report / 'index.html') / 1e3:.0f} kB; search index "
              f"{size(report / 'assets' / 'search-index.js') / 1e6:.2f} MB (loaded on the first search); "
              f"largest list page {max(map(size, lists)) / 1e3:.0f} kB ({len(lists)} pages); "
              f"letter page {sum(map(size, letters)) / len(letters) / 1e3:.0f} kB on average")


if __name__ == "__main__":
    main()
