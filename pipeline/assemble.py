"""Assemble a processed Doc and its source into a validated :class:`LetterRecord`."""

from __future__ import annotations

import hashlib
import re

from pydantic import ValidationError

from .spacy_core import spacy  # noqa: F401 (first: spaCy without its command line)
from spacy.tokens import Doc  # noqa: E402

from .errors import InvalidRecord, NotALetter
from .extract import EXTRACTORS
from .models import LetterRecord, Metadata, Source
from .nlp import doc_text, hits_of
from .places import places
from .parsers.fields import category_meaning
from .letter import Section as SegSection
from .letter import Segmentation

#: entity types (doc.spans keys) in the registry's order: how entities sharing offsets are ordered
_ORDER = {extractor.key: k for k, extractor in enumerate(EXTRACTORS)}

_LETTER_WORDS = re.compile(r"答复|复函|建议|提案|议案|代表|委员|收悉|函")


def record_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def assemble(doc: Doc, source: Source, warnings: list[str] | None = None,
             text: str | None = None) -> LetterRecord:
    """Build and validate the record; raises :class:`NotALetter` or :class:`InvalidRecord`.

    ``text`` is the record's text when ``doc`` was made from an equal-length copy of it
    (simplified from traditional characters): offsets and entity texts refer to ``text``,
    normalized values and fields come from the copy.
    """
    ext = doc._
    seg: Segmentation = ext.letter
    processed = doc_text(doc)
    text = processed if text is None else text
    if len(text) != len(processed):
        raise ValueError("the record text and the processed text differ in length")
    if not _is_letter(processed, seg):
        raise NotALetter("no reply-letter structure found (no addressee, title, doc number or "
                         "letter wording)")
    entities = _entities(doc, text, seg)
    # one validation of the whole record (nested models built as plain data)
    data = {
        "id": record_id(text),
        "source": source,
        "text": text,
        "title": seg.title.text if seg.title else None,
        "doc_number": _doc_number(seg),
        "category": seg.category.value.letter if seg.category else None,
        "category_raw": seg.category.value.raw if seg.category else None,
        "category_meaning": category_meaning(seg.category.value.letter) if seg.category else None,
        "meeting": seg.meeting.text if seg.meeting else None,
        "meeting_place": places().meeting_place(seg.meeting.text, ext.places) if seg.meeting else None,
        "proposal": {"kind": seg.proposal.value.kind, "number": seg.proposal.value.number} if seg.proposal else None,
        "addressee": _addressee(seg),
        "subject": seg.subject.text if seg.subject else None,
        "sender": re.sub(r"\s+", " ", seg.sender.text).strip() if seg.sender else None,
        "date": seg.date.value if seg.date else None,
        "contact": {"person": seg.contact.value.person, "phone": seg.contact.value.phone} if seg.contact else None,
        "signer": seg.signer.text if seg.signer else None,
        "cc": [f.text for f in seg.cc],
        "metadata": _metadata(seg),
        "parts": [{"name": name, "start": s, "end": e} for name, s, e in seg.parts],
        "sections": [_section(s) for s in seg.sections],
        "entities": entities,
        "warnings": sorted(set((warnings or []) + seg.warnings + _reference_warning(seg))),
    }
    try:
        return LetterRecord.model_validate(data)
    except ValidationError as exc:
        raise InvalidRecord(f"the record failed validation: {exc.errors()[0]['msg']}") from exc


def _entities(doc: Doc, text: str, seg: Segmentation) -> list[dict]:
    """Every extractor's entities (``doc.spans``), by offset; entities sharing their offsets in the
    registry's order."""
    section_at = seg.section_at
    entities = []
    for key in _ORDER:
        for start, end, value in hits_of(doc, key):
            entities.append({"type": key, "text": text[start:end], "start": start, "end": end,
                             "section": section_at(start), "value": value, "flags": value.flags})
    entities.sort(key=lambda e: (e["start"], e["end"], _ORDER[e["type"]]))
    return entities


def _is_letter(text: str, seg: Segmentation) -> bool:
    if len(text) < 20:
        return False
    signals = sum(x is not None for x in (seg.addressee, seg.title, seg.doc_number, seg.date, seg.subject))
    return signals >= 2 or (signals >= 1 and len(_LETTER_WORDS.findall(text)) >= 3)


def _reference_warning(seg: Segmentation) -> list[str]:
    """``reference_date:<source>`` when the letter has no date of its own and year-less dates were
    resolved against other evidence (its metadata, the page, its doc number or title)."""
    source = seg.reference[1]
    return [f"reference_date:{source}"] if source not in (None, "date") else []


def _doc_number(seg: Segmentation) -> dict | None:
    if not seg.doc_number:
        return None
    dn = seg.doc_number.value
    return {"text": dn.text, "issuer_code": dn.issuer_code, "year": dn.year, "serial": dn.serial}


def _addressee(seg: Segmentation) -> dict | None:
    if not seg.addressee:
        return None
    a = seg.addressee.value
    return {"name": re.sub(r"\s+", "", a.name), "role": a.role, "names": list(a.names), "count": a.count}


def _metadata(seg: Segmentation) -> dict | None:
    values = {key: field.text for key, field in seg.metadata.items() if key in Metadata.model_fields}
    if "date" in seg.portal:
        values["portal_date"] = seg.portal["date"].text
    if "source" in seg.portal:
        values["portal_source"] = seg.portal["source"].text
    return values or None


def _section(node: SegSection) -> dict:
    return {"id": node.id, "level": node.level, "marker": node.marker, "heading": node.heading,
            "start": node.start, "end": node.end, "children": [_section(c) for c in node.children]}
