"""What the report shows, gathered in one pass over an output folder's records (pure data, no HTML).

Memory holds one small summary row per letter (title, sender, date, category, counts) and the
aggregates, never the records: a letter page is rendered as its record is read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

NO_CATEGORY = "—"


@dataclass
class LetterRow:
    id: str
    title: str
    sender: str
    date: str | None
    year: int | None
    category: str
    kind: str
    money: float  # yuan named by single amounts (no rates, no ranges)
    targets: int
    warnings: int
    path: str


@dataclass
class Target:
    letter_id: str
    sender: str
    text: str
    deadline: str
    due: dt.date  # the last day of the deadline (2025 -> 2025-12-31)


@dataclass
class Overview:
    letters: list[LetterRow] = field(default_factory=list)
    by_sender_year: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    categories: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    money: dict[str, dict[int | None, float]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(float)))
    targets: list[Target] = field(default_factory=list)
    orgs: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    error_rows: list[dict] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)

    def years(self) -> list[int]:
        return sorted({y for c in self.by_sender_year.values() for y in c if y is not None})

    def top_senders(self, n: int = 15) -> list[str]:
        totals = Counter({s: sum(c.values()) for s, c in self.by_sender_year.items()})
        return [s for s, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]

    def due(self, as_of: dt.date) -> list[Target]:
        """Targets whose deadline has come by ``as_of``, earliest first."""
        return sorted((t for t in self.targets if t.due <= as_of), key=lambda t: (t.due, t.sender, t.letter_id))


def add(overview: Overview, record: dict, path: str) -> LetterRow:
    """Count one record into ``overview``; returns its summary row."""
    sender = record.get("sender") or "(no sender)"
    date = record.get("date")
    year = int(date[:4]) if date else (record.get("doc_number") or {}).get("year")
    category = record.get("category") or NO_CATEGORY
    money = 0.0
    targets = 0
    for e in record.get("entities", []):
        value = e.get("value") or {}
        if e["type"] == "money" and value.get("amount") is not None and not value.get("per"):
            money += float(Decimal(str(value["amount"])))
        elif e["type"] == "target":
            targets += 1
            due = _due(value.get("deadline"))
            if due is not None:
                overview.targets.append(Target(record["id"], sender, e["text"], value["deadline"], due))
        elif e["type"] == "org":
            overview.orgs[value.get("name") or e["text"]] += 1
    overview.by_sender_year[sender][year] += 1
    overview.categories[sender][category] += 1
    if money:
        overview.money[sender][year] += money
    overview.warnings.update(record.get("warnings", []))
    row = LetterRow(id=record["id"], title=record.get("title") or "(no title)", sender=sender, date=date, year=year,
                    category=category, kind=(record.get("proposal") or {}).get("kind") or "", money=money,
                    targets=targets, warnings=len(record.get("warnings", [])), path=path)
    overview.letters.append(row)
    return row


def read_errors(out_dir: Path, overview: Overview) -> None:
    errors = Path(out_dir) / "errors.jsonl"
    if errors.exists():
        for line in errors.read_text(encoding="utf-8").splitlines():
            if line.strip():
                error = json.loads(line)
                overview.errors[error["code"]] += 1
                overview.error_rows.append(error)
    manifest = Path(out_dir) / "manifest.json"
    if manifest.exists():
        overview.manifest = json.loads(manifest.read_text(encoding="utf-8"))


def _due(deadline: str | None) -> dt.date | None:
    """The last day a deadline allows: 2025 -> 2025-12-31, 2023-09 -> 2023-09-30."""
    if not deadline:
        return None
    try:
        if len(deadline) == 4:
            return dt.date(int(deadline), 12, 31)
        if len(deadline) == 7:
            y, m = int(deadline[:4]), int(deadline[5:7])
            return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date.fromisoformat(deadline[:10])
    except ValueError:
        return None
