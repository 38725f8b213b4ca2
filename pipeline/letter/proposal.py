"""What the letter answers, wherever it is named: the meeting (市八届人大三次会议) and the proposal
(义12号建议), from the title first, then the opening, the metadata's file name and the subject; and
the doc number from the metadata when the header had none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..parsers.docnum import DocNumber, find_doc_numbers
from ..parsers.fields import find_meeting, find_proposal
from .lines import sub_piece
from .model import Piece, Proposal


@dataclass
class Answered:
    meeting: Piece | None = None
    proposal: Piece[Proposal] | None = None


def read_answered(sources: list[Piece], title: Piece | None, subject: Piece | None) -> Answered:
    """Meeting and proposal from the first of ``sources`` naming each; a proposal's kind alone
    from the title or subject (…的建议) when no number is written anywhere."""
    found = Answered()
    kind = _kind_from(title, subject)
    for src in sources:
        if found.meeting is None:
            m = find_meeting(src.text)
            if m:
                found.meeting = sub_piece(src, m[0], m[1])
                below = _NUMBER_BELOW.match(src.text, m[1])
                if below and kind and found.proposal is None:  # 县人大十八届二次会议 / 16: a table's rows
                    found.proposal = sub_piece(src, below.start(1), below.end(1), Proposal(kind, below[1]))
        if found.proposal is None:
            p = find_proposal(src.text)
            if p:
                found.proposal = sub_piece(src, p[0], p[1], Proposal(p[2], p[3]))
    if found.proposal is None and kind:
        found.proposal = Piece(kind, -1, -1, Proposal(kind, None))
    return found


#: a number alone on the line below the meeting's (a portal's table flattened to lines)
_NUMBER_BELOW = re.compile(r"[ \t]*\n[ \t]*(\d{1,5})[ \t]*(?:\n|$)")


def doc_number_in(piece: Piece) -> Piece[DocNumber] | None:
    """The first doc number in a metadata value (文号: …)."""
    found = list(find_doc_numbers(piece.text))
    if not found:
        return None
    s, e, dn = found[0]
    return sub_piece(piece, s, e, dn)


def _kind_from(*pieces: Piece | None) -> str | None:
    for src in pieces:
        if src is not None:
            m = re.search(r"(建议|提案|议案)", src.text)
            if m:
                return m.group(1)
    return None
