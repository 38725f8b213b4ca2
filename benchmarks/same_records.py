"""Are the records the same? SHA-256 of letters.jsonl over three sets, for refactors that must not
change a byte (an extractor moved, a module split).

    python benchmarks/same_records.py                    # print the digests
    python benchmarks/same_records.py --save FILE        # keep them (before the change)
    python benchmarks/same_records.py --check FILE       # compare (after it); exit 1 when one differs

The sets: ``corpora/`` (our letters), the seed letter (``../shared/seeds``, when present) and the
letters ``make bench`` builds (2,000 by default). Each is run as a user runs it (``govreply run``,
two workers, no database) into a fresh folder. ``tests/test_records_unchanged.py`` checks the
corpus set in ``make test``; this script adds the seed and the bench letters.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import build  # noqa: E402


def digest(src: Path) -> str:
    """SHA-256 of the letters.jsonl that `govreply run SRC` writes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        proc = subprocess.run([sys.executable, "-m", "pipeline", "-q", "run", str(src), "--out", str(out),
                               "--no-db", "--jobs", "2"], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode:
            sys.exit(proc.stderr)
        return hashlib.sha256((out / "letters.jsonl").read_bytes()).hexdigest()


def digests(letters: int) -> dict[str, str]:
    found = {"corpora": digest(ROOT / "corpora")}
    with tempfile.TemporaryDirectory() as tmp:
        if SEEDS.is_dir():
            seed = Path(tmp) / "seed"
            seed.mkdir()
            for path in SEEDS.glob("*.txt"):
                shutil.copy(path, seed / path.name)
            found["seed"] = digest(seed)
        bench = Path(tmp) / "bench"
        build(bench, letters)
        found[f"bench_{letters}"] = digest(bench)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000, help="How many bench letters.")
    parser.add_argument("--save", type=Path, help="Write the digests to this JSON file.")
    parser.add_argument("--check", type=Path, help="Compare with the digests in this JSON file.")
    args = parser.parse_args()
    found = digests(args.letters)
    print(json.dumps(found, indent=2))
    if args.save:
        args.save.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    if args.check:
        wanted = json.loads(args.check.read_text(encoding="utf-8"))
        differ = [name for name in wanted if found.get(name) != wanted[name]]
        print("the same records" if not differ else f"records differ: {', '.join(differ)}")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
