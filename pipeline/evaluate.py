"""Score a run's records against gold files (the format of shared/gold-format.md).

Per entity type: precision, recall and F1 over mentions (every mention counts;
optional gold items are neither missed nor spurious). Matching:

* money: the value (amount, or min and max) exactly;
* dates: the normalized value is one of the gold ``iso`` readings (or start and end of a range);
* orgs: the mention text; the canonical name is scored apart (``org names``);
* targets: amount and unit (a scaled unit equals its expansion); comparator and deadline apart;
* sections: level-1 and level-2 headings.

Fields: accuracy of each letter field over the gold letters.
Values are compared after NFKC width folding, dash variants to ``-`` and with white space removed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .normalize import t2s
from .store.jsonl import read_jsonl

FIELDS = ("title", "doc_number", "category", "meeting", "proposal_kind", "proposal_number", "addressee_name",
          "addressee_role", "subject", "sender", "date", "contact_person", "contact_phone", "cc")
TYPES = ("money", "dates", "orgs", "targets", "sections")


def norm(value) -> str | None:
    """Compare form: NFKC width folding, traditional -> simplified, dashes as ``-``, no whitespace."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    text = t2s().convert(text)
    text = re.sub(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]", "-", text)
    return re.sub(r"\s+", "", text)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    letters: int = 0
    unmatched_gold: list[str] = field(default_factory=list)
    types: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in TYPES})
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})
    attributes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (type or "fields", outcome, what)

    @property
    def field_accuracy(self) -> float:
        right = sum(v[0] for v in self.fields.values())
        total = sum(v[1] for v in self.fields.values())
        return right / total if total else 1.0

    def as_dict(self) -> dict:
        return {
            "letters": self.letters,
            "unmatched_gold": self.unmatched_gold,
            "types": {t: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                          "tp": s.tp, "fp": s.fp, "fn": s.fn} for t, s in self.types.items()},
            "fields": {f: {"accuracy": round(r / n, 4) if n else None, "right": r, "total": n}
                       for f, (r, n) in self.fields.items()},
            "field_accuracy": round(self.field_accuracy, 4),
            "attributes": {k: {"accuracy": round(r / n, 4) if n else None, "right": r, "total": n}
                           for k, (r, n) in sorted(self.attributes.items())},
        }


def load_gold(gold_dir: Path) -> list[dict]:
    gold = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and "file" in data and "fields" in data:
            gold.append(data)
    return gold


def evaluate(gold_dir: Path, out_dir: Path, by_stem: bool = False) -> Report:
    """Score the run in ``out_dir`` against ``gold_dir``. A gold file names its letter's file; with
    ``by_stem`` a record of the same name in another format answers it (``001_x.pdf`` for the gold
    of ``001_x.txt``: the letter rendered to a scan and read back by OCR)."""
    key = (lambda path: Path(path).stem) if by_stem else (lambda path: Path(path).name)
    records = {key(r["source"]["path"]): r for r in read_jsonl(Path(out_dir) / "letters.jsonl")}
    report = Report()
    for gold in load_gold(gold_dir):
        record = records.get(key(gold["file"]))
        if record is None:
            report.unmatched_gold.append(gold["file"])
            record = {"entities": [], "sections": []}
        report.letters += 1
        score_letter(gold, record, report)
    return report


def record_fields(record: dict) -> dict:
    get = lambda *keys: _dig(record, keys)  # noqa: E731
    return {
        "title": get("title"), "doc_number": get("doc_number", "text"), "category": get("category"),
        "meeting": get("meeting"), "proposal_kind": get("proposal", "kind"),
        "proposal_number": get("proposal", "number"), "addressee_name": get("addressee", "name"),
        "addressee_role": get("addressee", "role"), "subject": get("subject"), "sender": get("sender"),
        "date": get("date"), "contact_person": get("contact", "person"), "contact_phone": get("contact", "phone"),
        "cc": record.get("cc", []),
    }


def _dig(data, keys):
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _field_ok(pred, gold) -> bool:
    options = gold["any"] if isinstance(gold, dict) and "any" in gold else [gold]
    for option in options:
        if isinstance(option, list) or isinstance(pred, list):
            if sorted(map(norm, option or [])) == sorted(map(norm, pred or [])):
                return True
        elif norm(option) == norm(pred):
            return True
    return False


def score_letter(gold: dict, record: dict, report: Report) -> None:
    name = gold["file"]
    pred_fields = record_fields(record)
    for key in FIELDS:
        if key not in gold["fields"]:
            continue
        ok = _field_ok(pred_fields[key], gold["fields"][key])
        report.fields[key][1] += 1
        report.fields[key][0] += ok
        if not ok:
            report.misses.append(("fields", "wrong",
                                  f"{name}: {key}: got {pred_fields[key]!r}, want {gold['fields'][key]!r}"))
    entities = record.get("entities", [])
    by_type = defaultdict(list)
    for e in entities:
        by_type[e["type"]].append(e)
    _match(report, name, "money", gold.get("money", []), by_type["money"], _money_key)
    _match(report, name, "dates", gold.get("dates", []), by_type["date"], _date_ok)
    _match(report, name, "orgs", gold.get("orgs", []), by_type["org"], _org_ok, _org_attributes)
    _match(report, name, "targets", gold.get("targets", []), by_type["target"], _target_ok, _target_attributes)
    headings = [{"text": h} for h in gold.get("sections", [])]
    pred_headings = [{"text": s["heading"], "value": {}} for s in _flatten(record.get("sections", [])) if s["level"] <= 2]
    _match(report, name, "sections", headings, pred_headings, lambda g, p: norm(g["text"]) == norm(p["text"]))


def _flatten(nodes):
    for node in nodes:
        yield node
        yield from _flatten(node.get("children", []))


def _match(report, name, kind, gold_items, preds, ok, attributes=None) -> None:
    """Greedy one-to-one matching: required gold first, then optional gold absorbs the rest."""
    score = report.types[kind]
    unused = list(range(len(preds)))

    def take(item) -> int | None:
        # prefer a prediction whose text also matches
        candidates = [i for i in unused if ok(item, preds[i])]
        if not candidates:
            return None
        same_text = [i for i in candidates if norm(preds[i]["text"]) == norm(item.get("text"))]
        chosen = (same_text or candidates)[0]
        unused.remove(chosen)
        return chosen

    for item in [g for g in gold_items if not g.get("optional")]:
        chosen = take(item)
        if chosen is None:
            score.fn += 1
            report.misses.append((kind, "missed", f"{name}: {_show(item)}"))
        else:
            score.tp += 1
            if attributes:
                attributes(report, item, preds[chosen])
    for item in [g for g in gold_items if g.get("optional")]:
        take(item)
    for i in unused:
        score.fp += 1
        report.misses.append((kind, "spurious",
                              f"{name}: {preds[i]['text']!r} {json.dumps(preds[i].get('value'), ensure_ascii=False)}"))


def _show(item: dict) -> str:
    return json.dumps(item, ensure_ascii=False)


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _money_key(gold: dict, pred: dict) -> bool:
    v = pred["value"]
    if "min" in gold or "max" in gold:
        return _dec(gold.get("min")) == _dec(v.get("min")) and _dec(gold.get("max")) == _dec(v.get("max"))
    return _dec(gold.get("amount")) == _dec(v.get("amount")) and v.get("amount") is not None


def _date_ok(gold: dict, pred: dict) -> bool:
    v = pred["value"]
    if "start" in gold or "end" in gold:
        return str(gold.get("start")) == str(v.get("start")) and str(gold.get("end")) == str(v.get("end"))
    isos = gold.get("iso") or []
    isos = [isos] if isinstance(isos, str) else isos
    return v.get("iso") in isos


def _org_ok(gold: dict, pred: dict) -> bool:
    return norm(gold["text"]) == norm(pred["text"])


def _org_attributes(report, gold, pred) -> None:
    if gold.get("name"):
        counter = report.attributes["org name"]
        counter[1] += 1
        counter[0] += norm(gold["name"]) == norm(pred["value"].get("name"))


_UNIT_SCALE = {"万": 10**4, "亿": 10**8, "千": 10**3}


def _unit_base(amount, unit: str) -> tuple[Decimal | None, str]:
    amount = _dec(amount)
    unit = norm(unit) or ""
    if amount is not None and len(unit) > 1 and unit[0] in _UNIT_SCALE:
        return amount * _UNIT_SCALE[unit[0]], unit[1:]
    if unit in ("平米", "平方米", "㎡", "m2"):
        unit = "平方米"
    return amount, unit


def _target_ok(gold: dict, pred: dict) -> bool:
    v = pred["value"]
    return _unit_base(gold.get("amount"), gold.get("unit", "")) == _unit_base(v.get("amount"), v.get("unit", ""))


def _target_attributes(report, gold, pred) -> None:
    v = pred["value"]
    for key in ("comparator", "deadline"):
        if key in gold:
            counter = report.attributes[f"target {key}"]
            counter[1] += 1
            counter[0] += norm(gold[key]) == norm(v.get(key))


def format_report(report: Report, verbose: bool = False) -> str:
    lines = [f"letters scored: {report.letters}"]
    if report.unmatched_gold:
        lines.append(f"gold letters without a record: {', '.join(report.unmatched_gold)}")
    lines.append(f"{'type':<10}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind, s in report.types.items():
        lines.append(f"{kind:<10}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    lines.append(f"fields accuracy: {report.field_accuracy:.3f}")
    for key, (right, total) in report.fields.items():
        if total:
            lines.append(f"  {key:<16}{right / total:>7.3f}  ({right}/{total})")
    for key, (right, total) in sorted(report.attributes.items()):
        if total:
            lines.append(f"{key:<18}{right / total:>7.3f}  ({right}/{total})")
    if verbose:
        lines.extend(_misses_by_type(report.misses))
    return "\n".join(lines)


def _misses_by_type(misses: list[tuple[str, str, str]]) -> list[str]:
    """The -v listing: per type (and the fields), what was missed and what was spurious (or wrong)."""
    lines = []
    for group in ("fields", *TYPES):
        mine = [(outcome, what) for g, outcome, what in misses if g == group]
        if not mine:
            continue
        counts = ", ".join(f"{sum(o == outcome for o, _ in mine)} {outcome}"
                           for outcome in ("wrong", "missed", "spurious") if any(o == outcome for o, _ in mine))
        lines.append(f"{group}: {counts}")
        for outcome in ("wrong", "missed", "spurious"):
            items = [what for o, what in mine if o == outcome]
            if items:
                lines.append(f"  {outcome}:")
                lines.extend(f"    {what}" for what in items)
    return lines
