"""Segmentation of a normalized letter into its parts and its section tree.

Pure: ``segment(text) -> Segmentation``; no spaCy. The letter is read as lines (paragraphs), each
part by its own reader, each returning what it found: the portal metadata block at the top and
the header (category, 发文字号, title) down to the addressee line (``header.py``); the tail read
from the bottom up (date, signature, contact, cc: ``tail.py``); between them the opening, the
numbered sections and the closing (``body.py``); and the meeting and proposal answered, wherever
they are named (``proposal.py``).
"""

from __future__ import annotations

from .body import MARKERS, read_body
from .header import read_header, read_metadata
from .lines import split_lines
from .model import Line, Piece, Proposal, Section, Segmentation
from .proposal import doc_number_in, read_answered
from .tail import read_tail, read_tail_category

__all__ = ["MARKERS", "Line", "Piece", "Proposal", "Section", "Segmentation", "segment", "split_lines"]


#: how much of the body's start is searched for the meeting and proposal the letter answers
_BODY_SOURCE = 400


def segment(text: str) -> Segmentation:
    """Find the parts of a normalized letter; see the module docstring."""
    lines = split_lines(text)
    metadata = read_metadata(lines)
    header = read_header(lines, metadata)
    tail = read_tail(lines, header.end)
    category = header.category or read_tail_category(lines, max(header.end, len(lines) - 12))
    body = read_body(lines, header.end, tail.start, header.addressee)
    parts = metadata.parts + header.parts + tail.parts + body.parts
    sources = [header.title] if header.title is not None else []
    opening = next(((s, e) for name, s, e in parts if name == "opening"), None)
    if opening:
        sources.append(Piece(text[opening[0]:opening[1]], opening[0], opening[1]))
    sources += [metadata.fields["file_name"]] if "file_name" in metadata.fields else []
    sources += [body.subject] if body.subject is not None else []
    # then the header's other lines (a meeting on a line of its own) and the body's first lines
    # (接到…县十一届人大一次会议《…》办理任务后): a letter without an opening names them there
    sources += [Piece(text[s:e], s, e) for name, s, e in header.parts if name == "header"]
    first_body = next(((s, min(e, s + _BODY_SOURCE)) for name, s, e in body.parts if name == "body"), None)
    sources += [Piece(text[first_body[0]:first_body[1]], *first_body)] if first_body else []
    answered = read_answered(sources, header.title, body.subject)
    doc_number = header.doc_number
    if doc_number is None and "doc_number" in metadata.fields:
        doc_number = doc_number_in(metadata.fields["doc_number"])
    parts.sort(key=lambda p: p[1])
    return Segmentation(
        metadata=metadata.fields, portal=header.portal, title=header.title, doc_number=doc_number,
        category=category, addressee=header.addressee, meeting=answered.meeting, proposal=answered.proposal,
        subject=body.subject, sender=tail.sender, date=tail.date, contact=tail.contact,
        signer=tail.signer or header.signer, cc=tail.cc, sections=body.sections, parts=parts,
        warnings=[] if header.addressee is not None else ["no_addressee"])
