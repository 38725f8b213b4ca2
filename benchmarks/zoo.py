"""Time and peak memory of `govreply run` over the bad-input zoo (tests/zoo.py).

    python benchmarks/zoo.py            # prints wall time, peak RSS, and the accounting

The zoo holds a ZIP bomb, a 200 MB file, a 100,000-deep HTML page, truncated DOCX and PDF files,
a scanned PDF, symlink loops and more; the target is under a minute and under 1 GB.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.zoo import build  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        zoo = Path(tmp) / "zoo"
        expected = build(zoo)
        out = Path(tmp) / "out"
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(zoo), "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        manifest = json.loads((out / "manifest.json").read_text())
        print(f"zoo inputs: {len(expected)}  exit status: {proc.returncode}  "
              f"traceback printed: {'Traceback' in proc.stdout + proc.stderr}")
        print(f"wall time: {seconds:.1f} s  peak RSS: {peak_mb:.0f} MB")
        print(f"manifest: inputs {manifest['inputs']} = records {manifest['records']} + errors "
              f"{manifest['errors']} + skipped {manifest['skipped']}")


if __name__ == "__main__":
    main()
