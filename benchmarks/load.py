"""How long loading N records into a fresh SQLite database takes (relational tables + search index).

    python benchmarks/load.py [--records 10000] [--jsonl out/letters.jsonl]

The records are the corpus run's, repeated with distinct ids until there are N, given as JSONL
lines as `govreply run` and `govreply load` give them; the target is 10,000 records in under 10 s
on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--jsonl", type=Path, default=None, help="letters.jsonl to repeat (default: run the corpus)")
    args = parser.parse_args()
    from pipeline.store.rows import dumps
    from pipeline.store.sqlite import write_sqlite

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = args.jsonl
        if jsonl is None:
            from pipeline.run import run

            run(ROOT / "corpora", Path(tmp) / "run", write_db=False)
            jsonl = Path(tmp) / "run" / "letters.jsonl"
        base = [json.loads(line, parse_float=Decimal) for line in jsonl.read_text(encoding="utf-8").splitlines()]
        records = []
        for k in range(args.records):
            record = dict(base[k % len(base)])
            record["id"] = hashlib.sha256(f"{record['id']}:{k}".encode()).hexdigest()[:16]
            record["source"] = {**record["source"], "path": f"{k:06d}/{record['source']['path']}"}
            records.append(record)
        lines = [dumps(r) for r in records]
        db = Path(tmp) / "letters.db"
        started = time.perf_counter()
        write_sqlite(db, lines)
        seconds = time.perf_counter() - started
        size = db.stat().st_size / 1e6
        print(f"records: {len(records)}  load time: {seconds:.2f} s  ({len(records) / seconds:.0f} records/s)  "
              f"database: {size:.0f} MB")
        started = time.perf_counter()
        write_sqlite(db, lines)
        print(f"loading the same records again (nothing to change): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
