"""govreply_refs: cited references -> ``doc.spans`` keys ``doc_number``, ``law``, ``percent``, ``phone``.

* doc numbers: every 发文字号; ``own`` tells the letter's own number from cited ones;
* laws and policies: top-level 《…》 titles (not the quoted suggestion), with
  ``(以下简称《条例》)`` abbreviations resolved so that a later 《条例》 refers to the full title;
* percentages (``90%``, ``百分之三十``) and phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from ..parsers.docnum import find_doc_numbers
from ..parsers.fields import find_bracketed
from ..parsers.numerals import exact, parse_number
from ..parsers.phone import find_phones
from .spans import add_span, doc_text, ensure_extensions, start_spans

PERCENT_PATTERN = re.compile(
    r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?:%|％)|百分之(?P<c>[零一二两三四五六七八九十百点]+)"
)
ABBREVIATION_PATTERN = re.compile(
    r"\s*[(（]\s*(?:以下|下文)?简称\s*[“\"《]?(?P<abbr>[^”\"》)）]{1,20})[”\"》]?\s*[)）]"
)
_PROPOSAL_TITLE = re.compile(r"(?:建议|提案|议案|批评|意见)$")


@dataclass(frozen=True)
class LawValue:
    title: str
    refers_to: str | None = None  # the full title an abbreviation stands for
    abbreviation: str | None = None  # the short name this title introduces


@dataclass(frozen=True)
class DocNumberValue:
    issuer_code: str
    year: int
    serial: int
    own: bool


@dataclass(frozen=True)
class PercentValue:
    value: Decimal


@dataclass(frozen=True)
class PhoneValue:
    number: str


@Language.factory("govreply_refs", assigns=["doc.spans"], requires=["doc._.letter"])
def make_refs(nlp: Language, name: str) -> "ReferenceFinder":
    return ReferenceFinder()


class ReferenceFinder:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        seg = doc._.letter
        for key in ("doc_number", "law", "percent", "phone"):
            start_spans(doc, key)
        own_start = seg.doc_number[0].start if seg is not None and seg.doc_number else None
        for start, end, dn in find_doc_numbers(text):
            value = DocNumberValue(dn.issuer_code, dn.year, dn.serial, own=start == own_start)
            add_span(doc, "doc_number", start, end, "DOC_NUMBER", value)
        self._laws(doc, seg)
        for m in PERCENT_PATTERN.finditer(text):
            number = Decimal(m["n"]) if m["n"] else parse_number(m["c"].replace("点", "."))
            if number is not None:
                add_span(doc, "percent", m.start(), m.end(), "PERCENT", PercentValue(exact(number)))
        for start, end, number in find_phones(text):
            if _looks_like_phone_context(text, start):
                add_span(doc, "phone", start, end, "PHONE", PhoneValue(number))
        return doc

    @staticmethod
    def _laws(doc: Doc, seg) -> None:
        text = doc_text(doc)
        subject = (seg.subject.start, seg.subject.end) if seg is not None and seg.subject else None
        abbreviations: dict[str, str] = {}
        for lo, hi in find_bracketed(text):
            title = text[lo:hi]
            if subject and lo == subject[0] or _PROPOSAL_TITLE.search(title) or not title.strip():
                continue
            abbreviation = None
            m = ABBREVIATION_PATTERN.match(text, hi + 1)
            if m:
                abbreviation = m["abbr"].strip()
                abbreviations[abbreviation] = title
            refers_to = abbreviations.get(title) if title not in abbreviations.values() else None
            add_span(doc, "law", lo - 1, hi + 1, "LAW", LawValue(title, refers_to, abbreviation))


def _looks_like_phone_context(text: str, start: int) -> bool:
    """A bare 7–8 digit number is a phone only after a phone label (电话, 手机, 热线 …)."""
    window = text[max(0, start - 12):start]
    return bool(re.search(r"电话|手机|热线|联系|座机|传真|Tel|TEL|:|：", window))
