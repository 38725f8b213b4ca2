"""SQLite writer: the DDL in ``schemas/sqlite.sql``; a fresh database built beside the old one and renamed."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from importlib import resources
from pathlib import Path
from typing import Iterable

from ..models import ErrorRecord, LetterRecord

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schemas" / "sqlite.sql"


def schema_sql() -> str:
    """The DDL: from the repository's ``schemas/`` or, installed, from the package data."""
    if SCHEMA_FILE.exists():
        return SCHEMA_FILE.read_text(encoding="utf-8")
    return resources.files("pipeline.store").joinpath("sqlite.sql").read_text(encoding="utf-8")


def write_sqlite(path: Path, records: Iterable[LetterRecord], errors: Iterable[ErrorRecord] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(schema_sql())
            with con:
                for record in records:
                    insert_record(con, record)
                con.executemany("INSERT OR REPLACE INTO errors VALUES (?, ?, ?, ?)",
                                [(e.path, e.code, e.message, e.sha256) for e in errors])
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def insert_record(con: sqlite3.Connection, record: LetterRecord) -> None:
    data = record.model_dump(mode="json")
    con.execute("DELETE FROM letters WHERE id = ?", (record.id,))  # an upsert that also clears children
    dn = data["doc_number"] or {}
    proposal = data["proposal"] or {}
    addressee = data["addressee"] or {}
    contact = data["contact"] or {}
    con.execute(
        "INSERT INTO letters VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (record.id, record.schema_version, record.title, dn.get("text"), dn.get("issuer_code"), dn.get("year"),
         dn.get("serial"), record.category, record.category_raw,
         record.category_meaning, record.meeting, proposal.get("kind"),
         proposal.get("number"), addressee.get("name"), addressee.get("role"), record.subject, record.sender,
         record.date, contact.get("person"), contact.get("phone"), record.signer, record.text,
         json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
    )
    src = record.source
    con.execute("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?)",
                (record.id, src.path, src.sha256, src.format, src.encoding))
    rows = []

    def walk(nodes, parent):
        for node in nodes:
            rows.append((record.id, node["id"], parent, node["level"], node["marker"], node["heading"],
                         node["start"], node["end"]))
            walk(node["children"], node["id"])

    walk(data["sections"], None)
    con.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [_entity_row(record.id, i, e) for i, e in enumerate(data["entities"])])
    con.executemany("INSERT INTO cc VALUES (?,?,?)", [(record.id, i, name) for i, name in enumerate(record.cc)])


def _entity_row(letter_id: str, idx: int, e: dict) -> tuple:
    v = e["value"]
    amount = amount_min = amount_max = unit = iso = name = None
    if e["type"] == "money":
        amount, amount_min, amount_max = v["amount"], v["min"], v["max"]
    elif e["type"] == "target":
        amount, unit, iso, name = v["amount"], v["unit"], v["deadline"], v["metric"]
    elif e["type"] == "date":
        iso = v["iso"]
    elif e["type"] == "org":
        name = v["name"]
    elif e["type"] == "law":
        name = v["refers_to"] or v["title"]
    elif e["type"] == "percent":
        amount = v["value"]
    return (letter_id, idx, e["type"], e["text"], e["start"], e["end"], e["section"], amount, amount_min,
            amount_max, unit, iso, name, json.dumps(v, ensure_ascii=False, separators=(",", ":")))
