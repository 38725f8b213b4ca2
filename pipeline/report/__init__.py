"""``govreply report OUT_DIR``: an offline HTML report of an output folder.

``OUT_DIR/report/index.html`` is the overview (letters by sender and year, category share per
sender, money per sender and year, targets by deadline with those due as of a date, the most
mentioned organizations, errors and warnings), ``letters-N.html`` list the letters (500 a page in
source-path order, each table sortable), and ``letter/<id>.html`` shows one letter: its fields, sections, entities, and its text
part by part with the entities marked by spaCy's displaCy. Charts are inline SVG
(:mod:`.charts`), the script is plain JS in ``assets/`` and the title/sender search reads a script
index: nothing is fetched from the network and the report opens from ``file://``.

Records are read one at a time (:mod:`.data` keeps a summary row per letter), so memory does not
grow with the letters' texts.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import __version__
from . import charts
from .data import NO_CATEGORY, LetterRow, Overview, add, read_errors

PER_PAGE = 500
_HERE = Path(__file__).resolve().parent
#: entity types in the order they win a place in the marked text when they overlap
_MARK_ORDER = ("money", "date", "org", "doc_number", "law", "percent", "phone", "target")
_LABELS = {"money": "MONEY", "date": "DATE", "org": "ORG", "doc_number": "DOCNUM", "law": "LAW",
           "percent": "PERCENT", "phone": "PHONE", "target": "TARGET"}
_COLORS = {"MONEY": "#c8e6c9", "DATE": "#bbdefb", "ORG": "#ffe0b2", "DOCNUM": "#e1bee7", "LAW": "#d7ccc8",
           "PERCENT": "#f0f4c3", "PHONE": "#ffcdd2", "TARGET": "#b2ebf2"}


@dataclass
class ReportSummary:
    letters: int
    pages: int
    bytes: int
    seconds: float
    path: Path


def build(out_dir: Path, as_of: dt.date | None = None, report_dir: Path | None = None,
          transform: Callable[[dict], dict] | None = None) -> ReportSummary:
    """Write the report of ``out_dir`` (its ``letters.jsonl``, ``errors.jsonl``, ``manifest.json``)
    into ``report_dir`` (default ``out_dir/report``); ``transform`` rewrites each record first
    (redaction)."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    source = out_dir / "letters.jsonl"
    if not source.is_file():
        raise FileNotFoundError(f"{source} not found: run `govreply run DIR --out {out_dir}` first")
    as_of = as_of or dt.date.today()
    report = Path(report_dir) if report_dir is not None else out_dir / "report"
    if report.exists():
        shutil.rmtree(report)
    (report / "letter").mkdir(parents=True)
    (report / "assets").mkdir()
    for asset in (_HERE / "assets").iterdir():
        shutil.copy(asset, report / "assets" / asset.name)
    env = _environment()
    overview = Overview()
    read_errors(out_dir, overview)
    redacted = bool(transform) or bool(overview.manifest.get("redacted"))
    common = {"version": __version__, "made": dt.date.today().isoformat(), "source": out_dir.name or str(out_dir),
              "redacted": redacted, "title": "Reply letters: overview"}
    letter_page = env.get_template("letter.html")
    with open(source, encoding="utf-8") as lines:
        for k, line in enumerate(line for line in lines if line.strip()):
            record = json.loads(line)
            if transform is not None:
                record = transform(record)
            row = add(overview, record, record["source"]["path"])
            html = letter_page.render(**common, root="../", page=k // PER_PAGE + 1, **_letter(record, row))
            (report / "letter" / f"{record['id']}.html").write_text(html, encoding="utf-8")
    _write_lists(env, report, overview, common)
    (report / "index.html").write_text(env.get_template("index.html").render(
        **common, root="", **_overview(overview, as_of)), encoding="utf-8")
    _write_search_index(report, overview)
    size = sum(p.stat().st_size for p in report.rglob("*") if p.is_file())
    pages = sum(1 for p in report.rglob("*.html"))
    return ReportSummary(len(overview.letters), pages, size, time.perf_counter() - started, report)


def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(_HERE / "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


# -- the overview -----------------------------------------------------------------------------
def _overview(ov: Overview, as_of: dt.date) -> dict:
    years = ov.years()
    top = ov.top_senders(15)
    per_year = [(str(y), sum(c.get(y, 0) for c in ov.by_sender_year.values())) for y in years]
    sender_rows = []
    for sender in ov.top_senders(60):
        counts = ov.by_sender_year[sender]
        sender_rows.append({"sender": sender, "counts": [counts.get(y, 0) for y in years] + [counts.get(None, 0)],
                            "total": sum(counts.values())})
    money_rows = sorted(((s, y, v) for s, by_year in ov.money.items() for y, v in by_year.items()),
                        key=lambda r: -r[2])
    money_by_sender = sorted(((s, sum(by_year.values())) for s, by_year in ov.money.items()), key=lambda r: -r[1])
    due = ov.due(as_of)
    due_years = {str(t.due.year) for t in due}
    deadline_years: dict[str, int] = {}
    for t in sorted(ov.targets, key=lambda t: t.due):
        deadline_years[str(t.due.year)] = deadline_years.get(str(t.due.year), 0) + 1
    keys = ["A", "B", "C", "D", NO_CATEGORY]
    used = [k for k in keys if any(ov.categories[s].get(k) for s in top)]
    return {
        "n_letters": len(ov.letters), "n_errors": sum(ov.errors.values()),
        "n_skipped": ov.manifest.get("skipped", 0), "n_senders": len(ov.by_sender_year),
        "years_span": f"{years[0]}–{years[-1]}" if years else "—", "years": years,
        "chart_years": charts.columns(per_year, "letters per year"),
        "chart_senders": charts.hbars([(s, sum(ov.by_sender_year[s].values())) for s in top], "",
                                      "letters per sender"),
        "sender_years": sender_rows, "more_senders": max(0, len(ov.by_sender_year) - len(sender_rows)),
        "chart_categories": charts.stacked([(s, dict(ov.categories[s])) for s in top], used, "category per sender"),
        "chart_money": charts.hbars(money_by_sender[:15], " 元", "money per sender", fmt=charts.yuan),
        "money_rows": [{"sender": s, "year": y, "value": f"{v:.2f}", "text": charts.yuan(v)} for s, y, v in money_rows[:100]],
        "chart_targets": charts.columns(list(deadline_years.items()), "targets per deadline year",
                                        {y: "bar-due" for y in due_years if y in deadline_years}),
        "due": due[:500], "as_of": as_of.isoformat(),
        "chart_orgs": charts.hbars(ov.orgs.most_common(20), " mentions", "organizations most mentioned"),
        "errors": sorted(ov.errors.items(), key=lambda kv: -kv[1]),
        "warnings": sorted(ov.warnings.items(), key=lambda kv: -kv[1]),
        "error_rows": ov.error_rows[:200],
    }


def _write_lists(env, report: Path, ov: Overview, common: dict) -> None:
    rows = ov.letters  # in letters.jsonl's order (by source path): a letter page knows its list page
    pages = max(1, -(-len(rows) // PER_PAGE))
    template = env.get_template("letters.html")
    for page in range(1, pages + 1):
        chunk = rows[(page - 1) * PER_PAGE: page * PER_PAGE]
        html = template.render(**common, root="", page=page, pages=list(range(1, pages + 1)), total=len(rows),
                               first=(page - 1) * PER_PAGE + 1 if chunk else 0, last=(page - 1) * PER_PAGE + len(chunk),
                               letters=[{**row.__dict__, "money_text": charts.yuan(row.money) if row.money else ""}
                                        for row in chunk])
        (report / f"letters-{page}.html").write_text(html, encoding="utf-8")


def _write_search_index(report: Path, ov: Overview) -> None:
    index = [[r.id, r.title, r.sender, r.date or ""] for r in ov.letters]
    text = "window.GOVREPLY_LETTERS = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"
    (report / "assets" / "search-index.js").write_text(text, encoding="utf-8")


# -- one letter -------------------------------------------------------------------------------
def _letter(record: dict, row: LetterRow) -> dict:
    proposal = record.get("proposal") or {}
    addressee = record.get("addressee") or {}
    contact = record.get("contact") or {}
    fields = [
        ("title", record.get("title")), ("doc number", (record.get("doc_number") or {}).get("text")),
        ("category", record.get("category_raw") or record.get("category")), ("meeting", record.get("meeting")),
        ("proposal", " ".join(x for x in (proposal.get("kind"), proposal.get("number")) if x)),
        ("addressee", " ".join(x for x in (addressee.get("name"), addressee.get("role")) if x)),
        ("subject", record.get("subject")), ("sender", record.get("sender")), ("date", record.get("date")),
        ("contact", " ".join(x for x in (contact.get("person"), contact.get("phone")) if x)),
        ("cc", "、".join(record.get("cc", []))), ("warnings", ", ".join(record.get("warnings", []))),
        ("source", record["source"]["path"]), ("id", record["id"]),
    ]
    sections = []

    def walk(nodes):
        for node in nodes:
            sections.append(node)
            walk(node.get("children", []))

    walk(record.get("sections", []))
    entities = [{"type": e["type"], "text": e["text"], "value": json.dumps(e.get("value"), ensure_ascii=False)}
                for e in record.get("entities", [])]
    return {"letter_title": row.title, "fields": [(k, v) for k, v in fields if v], "sections": sections,
            "entities": entities, "parts": _parts(record)}


def _parts(record: dict) -> list[dict]:
    """The text cut at its parts (header, addressee, opening, body, …, gaps as "text"), each with
    its entities marked by displaCy."""
    from spacy import displacy

    text = record["text"]
    marks = _marks(record.get("entities", []))
    cuts = sorted((p["start"], p["end"], p["name"]) for p in record.get("parts", []) if p["end"] > p["start"])
    pieces, at = [], 0
    for start, end, name in cuts:
        start = max(start, at)
        if start >= end:
            continue
        if start > at:
            pieces.append((at, start, "text"))
        pieces.append((start, end, name))
        at = end
    if at < len(text):
        pieces.append((at, len(text), "text"))
    out = []
    for start, end, name in pieces:
        if not text[start:end].strip():
            continue
        ents = [{"start": s - start, "end": e - start, "label": label} for s, e, label in marks if start <= s and e <= end]
        html = displacy.render({"text": text[start:end], "ents": ents, "title": None}, style="ent", manual=True,
                               options={"colors": _COLORS})
        out.append({"name": name, "html": html})
    return out


def _marks(entities: list[dict]) -> list[tuple[int, int, str]]:
    """Non-overlapping entity spans to mark: by type order, then the longer first."""
    order = {t: k for k, t in enumerate(_MARK_ORDER)}
    taken: list[tuple[int, int, str]] = []
    for e in sorted(entities, key=lambda e: (order.get(e["type"], 99), e["start"] - e["end"])):
        s, t = e["start"], e["end"]
        if all(t <= a or s >= b for a, b, _ in taken):
            taken.append((s, t, _LABELS.get(e["type"], e["type"].upper())))
    return sorted(taken)
