"""Throughput of the full pipeline, against plain jieba.lcut over the same texts in the same run.

    python benchmarks/bench.py [--letters 2000] [--jobs 1 2] [--repeat 1] [--profile FILE]

Builds a folder of N letters by varying corpora/ deterministically (the amounts and counts of
copy k are changed, so no two letters are the same bytes and the cache cannot help), runs
`govreply run` over it with each number of jobs (fresh output folders, no database), and prints
letters/s, characters/s and peak RSS, then plain `jieba.lcut` over the same texts and the ratio.
Rates are given with the start-up (imports, jieba's dictionary, the gazetteer: a run over one
letter) and after it, as jieba.lcut's is. Absolute figures drift on shared machines: compare the
ratios of one run.
"""

from __future__ import annotations

import argparse
import cProfile
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_AMOUNT = re.compile(r"\d+(?=(?:\.\d+)?(?:万元|亿元|元|家|个|人|台|公里|亩))")


def build(folder: Path, n: int) -> list[str]:
    """``n`` letters made from the corpus; returns their texts."""
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt"))]
    texts = []
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        text = base[k % len(base)]
        copy = k // len(base)
        if copy:
            text = _AMOUNT.sub(lambda m: str(int(m.group(0)) + copy), text)
        (folder / f"{k:06d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def _run(src: Path, out: Path, jobs: int) -> float:
    """Wall seconds of one `govreply run` (a fresh process: imports and start-up included)."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "-q", "run", str(src), "--out", str(out),
                           "--no-db", "--jobs", str(jobs)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode:
        sys.exit(proc.stderr)
    shutil.rmtree(out)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each run this many times and keep the fastest (shared machines are noisy)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of one in-process run over the letters here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "letters"
        texts = build(src, args.letters)
        chars = sum(map(len, texts))
        print(f"{args.letters} letters, {chars / args.letters:.0f} characters each on average")
        one = Path(tmp) / "one"
        build(one, 1)
        startup = min(_run(one, Path(tmp) / "out-one", 1) for _ in range(args.repeat))  # imports, build, one letter
        print(f"start-up (a run over one letter): {startup:.2f} s")
        rates, steady = {}, {}
        for jobs in args.jobs:
            seconds = min(_run(src, Path(tmp) / f"out{jobs}", jobs) for _ in range(args.repeat))
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            rates[jobs] = args.letters / seconds
            steady[jobs] = (args.letters - 1) / max(seconds - startup, 1e-9)
            print(f"pipeline --jobs {jobs}: {rates[jobs]:.1f} letters/s, {chars / seconds:,.0f} chars/s "
                  f"({seconds:.1f} s); after start-up {steady[jobs]:.1f} letters/s; "
                  f"peak RSS of a process so far {peak:.0f} MB")
        import jieba

        jieba.setLogLevel(60)
        jieba.lcut("预热")  # jieba's dictionary is loaded before timing: its rate is after its start-up
        lcut = 0.0
        for _ in range(args.repeat):
            started = time.perf_counter()
            for text in texts:
                jieba.lcut(text)
            lcut = max(lcut, args.letters / (time.perf_counter() - started))
        print(f"plain jieba.lcut: {lcut:.1f} letters/s (dictionary loaded before timing)")
        for jobs in args.jobs:
            print(f"ratio pipeline --jobs {jobs} / jieba.lcut: {rates[jobs] / lcut:.2f} with start-up, "
                  f"{steady[jobs] / lcut:.2f} after it")
        if 1 in rates and 2 in rates:
            print(f"two workers / one: {rates[2] / rates[1]:.2f} with start-up, {steady[2] / steady[1]:.2f} after it")
        if args.profile:
            sys.path.insert(0, str(ROOT))
            from pipeline.run import run

            profiler = cProfile.Profile()
            profiler.enable()
            run(src, Path(tmp) / "profiled", write_db=False, jobs=1)
            profiler.disable()
            profiler.dump_stats(str(args.profile))
            print(f"profile written to {args.profile} (python -m pstats {args.profile})")


if __name__ == "__main__":
    main()
