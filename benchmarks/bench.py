"""Throughput of the full pipeline, against plain jieba.lcut over the same texts in the same run.

    python benchmarks/bench.py [--letters 2000] [--jobs 1 2] [--repeat 1] [--lengths short corpus reference]
                               [--profile FILE]

For each length of letter it builds a folder of N letters by varying a base set deterministically
(the amounts and counts of copy k are changed, or in a letter without any, the number of the
proposal it answers and its serial: no two letters are the same bytes, so the run's cache cannot
serve one from another; until this was checked, 805 of the 2,000 short letters were repeats), runs `govreply run` over it with each number of jobs (fresh output folders, no
database), and prints letters/s, characters/s and peak RSS, then plain `jieba.lcut` over the same
texts and the ratio. The lengths: ``short``, the corpus letters cut to about 500 characters (the
median of real reply letters: header, opening, the first paragraphs, the tail); ``corpus``, the
corpus letters as they are; ``reference``, the 4,109-character reference letter of
``../shared/seeds/`` (skipped when absent; a quarter as many letters). Rates are given with the
start-up (imports, jieba's dictionary, the gazetteer: a run over one letter) and after it, as
jieba.lcut's is. Absolute figures drift on shared machines: compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import compileall
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
#: where a letter without amounts is varied: the number of the proposal it answers, its serial
_NUMBER = re.compile(r"(?<=第)\d+(?=号)|(?<=[〕\]）)﹞】])\d+(?=号)")


SEED = ROOT.parent / "shared" / "seeds" / "000_539943d701900076.txt"
SHORT = 500  # characters: the median real reply letter


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt"))]


def shortened(text: str, size: int = SHORT) -> str:
    """A letter cut to about ``size`` characters: its lines down to the opening (…收悉/答复如下),
    then body lines while they fit, then its last four lines (signature, date, contact)."""
    lines = [line for line in text.splitlines() if line.strip()]
    opening = next((k for k, line in enumerate(lines) if re.search(r"收悉|答复如下", line)), min(3, len(lines) - 1))
    head, tail = lines[:opening + 1], lines[-4:]
    body, used = [], sum(map(len, head + tail))
    for line in lines[opening + 1:-4]:
        if used + len(line) > size and body:
            break
        body.append(line[: max(40, size - used)])
        used += len(body[-1])
    return "\n".join(head + body + tail) + "\n"


def bases(lengths: list[str]) -> dict[str, list[str]]:
    """The base letters of each length asked for (the reference only when the seed is here)."""
    found = {}
    for length in lengths:
        if length == "short":
            found[length] = [shortened(t) for t in corpus_texts()]
        elif length == "corpus":
            found[length] = corpus_texts()
        elif length == "reference" and SEED.exists():
            found[length] = [SEED.read_text(encoding="utf-8")]
    return found


def build(folder: Path, n: int, base: list[str] | None = None) -> list[str]:
    """``n`` letters made from ``base`` (default: the corpus); returns their texts."""
    base = base or corpus_texts()
    texts = []
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        text = base[k % len(base)]
        copy = k // len(base)
        if copy:
            varied = _AMOUNT.sub(lambda m: str(int(m.group(0)) + copy), text)
            if varied == text:  # no amount in it (a short letter): its numbers then
                varied = _NUMBER.sub(lambda m: str(int(m.group(0)) + copy), text)
            if varied == text:
                raise ValueError(f"base letter {k % len(base)} has nothing to vary: its copies would be the "
                                 "same bytes, and the run would take them from its cache")
            text = varied
        (folder / f"{k:06d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def _run(src: Path, out: Path, jobs: int) -> float:
    """Wall seconds of one `govreply run` (a fresh process: imports and start-up included); its CPU
    seconds (all its processes) are added to ``CPU[(src, jobs)]``."""
    started, before = time.perf_counter(), _children_cpu()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "-q", "run", str(src), "--out", str(out),
                           "--no-db", "--jobs", str(jobs)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode:
        sys.exit(proc.stderr)
    CPU.setdefault((src, jobs), []).append(_children_cpu() - before)
    shutil.rmtree(out)
    return seconds


#: (folder, jobs) -> the CPU seconds of each run over it
CPU: dict[tuple[Path, int], list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each run this many times and keep the fastest (shared machines are noisy)")
    parser.add_argument("--lengths", nargs="+", default=["short", "corpus", "reference"],
                        choices=["short", "corpus", "reference"])
    parser.add_argument("--profile", type=Path, help="write a cProfile of one in-process run over the letters here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for length, base in bases(args.lengths).items():
            n = args.letters if length != "reference" else max(1, args.letters // 4)
            _measure(length, base, n, args, Path(tmp) / length)
        if args.profile:
            src = Path(tmp) / "profile-letters"
            build(src, args.letters)
            sys.path.insert(0, str(ROOT))
            from pipeline.run import run

            profiler = cProfile.Profile()
            profiler.enable()
            run(src, Path(tmp) / "profiled", write_db=False, jobs=1)
            profiler.disable()
            profiler.dump_stats(str(args.profile))
            print(f"profile written to {args.profile} (python -m pstats {args.profile})")


def _measure(length: str, base: list[str], n: int, args, tmp: Path) -> None:
    """Time the pipeline and jieba.lcut over ``n`` letters made from ``base``; print the rates."""
    src = tmp / "letters"
    texts = build(src, n, base)
    chars = sum(map(len, texts))
    print(f"\n[{length}] {n} letters, {chars / n:.0f} characters each on average")
    one = tmp / "one"
    build(one, 1, base)
    # the package's bytecode written (Python would write it on a first run, unless told not to by
    # PYTHONDONTWRITEBYTECODE), then a first run warms the file cache and the user cache: not timed
    compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
    _run(one, tmp / "out-one", 1)
    # imports, building the pipeline, one letter: the best of three (one slow run would inflate the
    # rate "after start-up", which is the run's seconds less this)
    startup = min(_run(one, tmp / "out-one", 1) for _ in range(max(3, args.repeat)))
    print(f"start-up (a run over one letter): {startup:.2f} s")
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")  # jieba's dictionary is loaded before timing: its rate is after its start-up
    # the runs and jieba.lcut take turns, round by round, and each keeps its fastest round: this
    # machine's speed drifts over minutes, and timing jieba.lcut only after every run compared
    # them at different speeds (its rate moved by a quarter between sessions)
    best: dict[int, float] = {}
    lcut, lcut_cpu = 0.0, float("inf")
    for _ in range(args.repeat):
        for jobs in args.jobs:
            best[jobs] = min(best.get(jobs, float("inf")), _run(src, tmp / f"out{jobs}", jobs))
        started, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            jieba.lcut(text)
        lcut = max(lcut, n / (time.perf_counter() - started))
        lcut_cpu = min(lcut_cpu, time.process_time() - cpu)
    rates, steady = {}, {}
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for jobs, seconds in best.items():
        rates[jobs] = n / seconds
        steady[jobs] = (n - 1) / max(seconds - startup, 1e-9)
        print(f"pipeline --jobs {jobs}: {rates[jobs]:.1f} letters/s, {chars / seconds:,.0f} chars/s "
              f"({seconds:.1f} s); after start-up {steady[jobs]:.1f} letters/s, "
              f"{steady[jobs] * chars / n:,.0f} chars/s; peak RSS of a process so far {peak:.0f} MB")
    print(f"plain jieba.lcut: {lcut:.1f} letters/s, {lcut * chars / n:,.0f} chars/s (dictionary loaded before timing)")
    for jobs in args.jobs:
        print(f"ratio pipeline --jobs {jobs} / jieba.lcut: {rates[jobs] / lcut:.2f} with start-up, "
              f"{steady[jobs] / lcut:.2f} after it")
    if 1 in rates and 2 in rates:
        print(f"two workers / one: {rates[2] / rates[1]:.2f} with start-up, {steady[2] / steady[1]:.2f} after it")
    if 1 in best:
        # by CPU time too, which a busy host's stolen time does not inflate: one job's CPU a letter
        # after start-up (its fastest run less the fastest run over one letter) against jieba.lcut's
        cpu_one = (min(CPU[(src, 1)]) - min(CPU[(one, 1)])) / (n - 1)
        print(f"CPU a letter: pipeline --jobs 1 {cpu_one * 1000:.2f} ms after start-up, jieba.lcut "
              f"{lcut_cpu / n * 1000:.2f} ms; ratio {lcut_cpu / n / cpu_one:.2f}")


if __name__ == "__main__":
    main()
