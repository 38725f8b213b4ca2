"""A record -> the rows of each table of the relational schema (schemas/sqlite.sql, schemas/postgres.sql).

Pure and shared by the SQLite and PostgreSQL stores, so both hold the same data. Values are
Python types (Decimal amounts, ISO date strings, bools); each store adapts them to its dialect.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from ..extract import EXTRACTORS
from ..values import json_number

#: table -> its columns, in DDL order: the letter's own tables, then one per extractor that has one
#: (organizations is filled by name: org_mentions.org_id refers to it)
COLUMNS: dict[str, tuple[str, ...]] = {
    "letters": ("id", "schema_version", "title", "doc_number", "issuer_code", "doc_year", "doc_serial", "category",
                "category_raw", "category_meaning", "meeting", "meeting_place", "proposal_kind", "proposal_number",
                "addressee_name", "addressee_role", "addressee_count", "subject", "sender", "date", "year",
                "contact_person", "contact_phone", "signer", "text", "warnings", "metadata", "record_hash", "redacted"),
    "sources": ("path", "letter_id", "sha256", "format", "encoding"),
    "sections": ("letter_id", "section_id", "parent_id", "level", "marker", "heading", "start_offset", "end_offset"),
    "entities": ("letter_id", "idx", "type", "text", "start_offset", "end_offset", "section_id", "flags", "value"),
    **{ex.table: ("letter_id", "idx", *ex.columns) for ex in EXTRACTORS if ex.table},
    "cc": ("letter_id", "position", "name"),
}
_TABLE_OF = {ex.key: ex() for ex in EXTRACTORS if ex.table}  # entity type -> the extractor filling its table
#: the tables holding a letter's rows, children first (for deleting a letter)
CHILD_TABLES = (*(ex.table for ex in EXTRACTORS if ex.table), "entities", "sections", "cc")
#: the tables a letter's rows are inserted into as they are (org_mentions needs the organizations' ids)
ROW_TABLES = ("letters", "sections", "entities", *(ex.table for ex in EXTRACTORS if ex.table and
                                                   ex.table != "org_mentions"), "cc")


@dataclass
class LetterRows:
    id: str
    record_hash: str
    rows: dict[str, list[tuple]] = field(default_factory=dict)
    org_names: list[str] = field(default_factory=list)  # canonical name of each org_mentions row, in order


#: compact JSON with UTF-8 characters kept and Decimals as plain numbers: the records' own form
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_number)


def dumps(value) -> str:
    """``value`` as JSON the way a record's JSONL line is written."""
    if not value and isinstance(value, list):
        return "[]"
    return _ENCODER.encode(value)


def letter_rows(data: dict, record_hash: str | None = None) -> LetterRows:
    """``data`` is a record as JSON-ready data (``record.model_dump(mode="json")`` or a parsed JSONL
    line); ``record_hash`` saves encoding it again when the caller has its JSON already."""
    lid = data["id"]
    dn = data.get("doc_number") or {}
    proposal = data.get("proposal") or {}
    addressee = data.get("addressee") or {}
    contact = data.get("contact") or {}
    date = data.get("date")
    year = int(date[:4]) if date else dn.get("year")
    if record_hash is None:
        record_hash = hashlib.sha256(dumps(data).encode()).hexdigest()
    out = LetterRows(id=lid, record_hash=record_hash)
    out.rows["letters"] = [(
        lid, data["schema_version"], data.get("title"), dn.get("text"), dn.get("issuer_code"), dn.get("year"),
        dn.get("serial"), data.get("category"), data.get("category_raw"), data.get("category_meaning"),
        data.get("meeting"), data.get("meeting_place"), proposal.get("kind"), proposal.get("number"), addressee.get("name"),
        addressee.get("role"), addressee.get("count"), data.get("subject"), data.get("sender"), date, year,
        contact.get("person"), contact.get("phone"), data.get("signer"), data["text"],
        dumps(data.get("warnings", [])), dumps(data["metadata"]) if data.get("metadata") else None, out.record_hash,
        bool(data.get("redacted")))]
    out.rows["sections"] = []

    def walk(nodes, parent):
        for node in nodes:
            out.rows["sections"].append((lid, node["id"], parent, node["level"], node["marker"], node["heading"],
                                         node["start"], node["end"]))
            walk(node["children"], node["id"])

    walk(data.get("sections", []), None)
    out.rows["entities"] = []
    for extractor in _TABLE_OF.values():
        out.rows[extractor.table] = []
    for idx, e in enumerate(data.get("entities", [])):
        v = e["value"]
        out.rows["entities"].append((lid, idx, e["type"], e["text"], e["start"], e["end"], e["section"],
                                     dumps(e.get("flags", [])), dumps(v)))
        extractor = _TABLE_OF.get(e["type"])
        if extractor is None:
            continue
        row = extractor.row(v)
        if extractor.table == "org_mentions":  # the first column is the name, for the store's org_id
            out.org_names.append(row[0])
            row = (None, *row[1:])
        out.rows[extractor.table].append((lid, idx, *row))
    out.rows["cc"] = [(lid, k, name) for k, name in enumerate(data.get("cc", []))]
    out.rows["sources"] = [source_row(data)]
    return out


def source_row(data: dict) -> tuple:
    src = data["source"]
    return (src["path"], data["id"], src["sha256"], src["format"], src.get("encoding"))


def parse_line(line: str) -> tuple[dict, str]:
    """A JSONL line -> the record's data (exact decimals) and its hash (of the line as written)."""
    return json.loads(line, parse_float=Decimal), hashlib.sha256(line.rstrip("\n").encode()).hexdigest()


def rows_of(record: str | dict) -> LetterRows:
    """Rows of a record given as a JSONL line or as JSON-ready data."""
    return letter_rows(*parse_line(record)) if isinstance(record, str) else letter_rows(record)
