"""OCR throughput and memory: scanned letters through `govreply run`, pages per second and peak RSS.

    python benchmarks/ocr.py [--letters 8] [--jobs 1 2] [--variants clean300 degraded]

Renders the first ``--letters`` corpus letters with ``benchmarks/ocr_render.py`` (image-only PDFs:
``clean300``, clean pages at 300 dpi; ``degraded``, scanned badly at 150 dpi with a seal, skew, blur
and JPEG), then runs the pipeline over each folder with each number of jobs in a fresh process and
prints pages/s, seconds per page, the start-up (a run over one one-page letter) and the peak RSS of
the pipeline's processes. Absolute figures drift on shared machines: compare the figures of one run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# runs a command and prints the peak RSS (MB) of its processes: a fresh parent, so nothing before counts
_PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024); sys.exit(code)")


def _run(src: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `govreply run` in a fresh process (its workers included)."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "pipeline", "-q", "run", str(src),
                           "--out", str(out), "--no-db", "--jobs", str(jobs)], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode:
        sys.exit(proc.stderr)
    shutil.rmtree(out, ignore_errors=True)
    return seconds, float(proc.stdout.strip().splitlines()[-1])


def _pages(folder: Path) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in folder.glob("*.pdf"):
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=8)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--variants", nargs="+", default=["clean300", "degraded"], choices=["clean300", "degraded"])
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from pipeline.read import ocr

    if not ocr.available():
        sys.exit(f"the OCR extra is not installed: {ocr.INSTALL_HINT}")
    letters = sorted((ROOT / "corpora").glob("*.txt"))[: args.letters]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ocr_render.py"), *map(str, letters), "--out",
                        str(tmp / "scans"), "--variants", *args.variants, "--quiet"], check=True, cwd=ROOT)
        one = tmp / "one"
        one.mkdir()
        first = next(p for p in sorted((tmp / "scans" / args.variants[0]).glob("*.pdf")))
        shutil.copy(first, one / first.name)
        _run(one, tmp / "out-one", 1)  # a first run warms the caches: not timed
        startup, _ = _run(one, tmp / "out-one", 1)
        print(f"start-up and one letter of {_pages(one)} page(s): {startup:.1f} s")
        for variant in args.variants:
            folder = tmp / "scans" / variant
            pages = _pages(folder)
            print(f"\n[{variant}] {len(letters)} letters, {pages} pages")
            rates = {}
            for jobs in args.jobs:
                seconds, peak = _run(folder, tmp / f"out-{variant}-{jobs}", jobs)
                rates[jobs] = pages / seconds
                print(f"--jobs {jobs}: {rates[jobs]:.2f} pages/s, {seconds / pages:.2f} s a page ({seconds:.0f} s); "
                      f"peak RSS {peak:.0f} MB")
            if 1 in rates and 2 in rates:
                print(f"two workers / one: {rates[2] / rates[1]:.2f}")


if __name__ == "__main__":
    main()
