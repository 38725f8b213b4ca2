"""Span helpers shared by the components: extensions and token-aligned spans with exact offsets."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span


def ensure_extensions() -> None:
    """Register the custom attributes once (idempotent)."""
    for name in ("letter", "places", "ref_date", "words"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("value", "exact"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def start_spans(doc: Doc, key: str) -> None:
    """Begin (or begin again) ``doc.spans[key]``: a component calls this before adding its spans."""
    doc.spans[key] = []
    doc.user_data.setdefault(_FOUND, {})[key] = []


def add_span(doc: Doc, key: str, start: int, end: int, label: str, value: Any) -> Span | None:
    """Add a span over characters ``start:end`` to ``doc.spans[key]`` with its parsed value.

    The Doc's tokens are characters, so entity edges are token edges; when one is
    not (``doc_tokens="words"``), the span is widened to whole tokens and the
    exact character offsets are kept in ``span._.exact``. The entity is also listed
    for :func:`found` (what the record is assembled from).
    """
    if start >= end:
        return None
    if len(doc) == len(doc_text(doc)):  # one token per character: token i is character i
        span = Span(doc, start, end, label=label)
    else:
        span = doc.char_span(start, end, label=label)
        if span is None:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:
                return None
            span._.exact = (start, end)
    span._.value = value
    if key not in doc.spans:
        start_spans(doc, key)
    doc.spans[key].append(span)
    doc.user_data.setdefault(_FOUND, {}).setdefault(key, []).append((start, end, value))
    return span


def found(doc: Doc, key: str) -> list[tuple[int, int, Any]]:
    """``(start, end, value)`` of each span added to ``doc.spans[key]``, with exact offsets (as
    ``char_offsets`` and ``span._.value`` give them, without a Span object for each)."""
    return doc.user_data.get(_FOUND, {}).get(key, [])


_FOUND = "govreply_found"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get("govreply_text")
    if text is None:
        text = doc.user_data["govreply_text"] = doc.text
    return text


def char_offsets(span: Span) -> tuple[int, int]:
    """The entity's exact character offsets (may be inside the span's tokens)."""
    return span._.exact or (span.start_char, span.end_char)
