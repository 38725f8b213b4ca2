"""The bottom of a letter, read upwards: date, signature (the sending organization), 签发人,
contact lines and cc; and a category written at the end (办理结果：A类 above the signature)."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..parsers.dates import find_dates
from ..parsers.fields import Category, Contact, is_contact_line, parse_category, parse_contact
from ..rules import load_labels
from .lines import SENTENCE_END, piece_in
from .model import Line, Part, Piece

_DATE_LINE = re.compile(r"^(?P<pre>.*?)\s*(?P<date>(?:\d{4}|[〇○零一二三四五六七八九0]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日"
                        r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$")


#: a seal's place written out below a signature: （盖章）, （印章）
_SEAL = re.compile(r"^\s*[(（]\s*(?:盖\s*章|印\s*章|公\s*章|签\s*章)\s*[)）]\s*$")
#: a line that is only an organization's name (a second signing body)
_ORGAN = re.compile(r"^[\u4e00-\u9fff()（）]{4,30}(?:局|委员会|委|办公室|办|厅|院|政府|部|中心|公司|会)$")


@dataclass
class Tail:
    date: Piece[str] | None = None
    sender: Piece | None = None
    signer: Piece | None = None
    contact: Piece[Contact] | None = None
    cc: list[Piece] = field(default_factory=list)  # in the letter's order (lines read upwards, prepended)
    parts: list[Part] = field(default_factory=list)
    start: int = 0  # the index of the tail's first line


@lru_cache(maxsize=1)
def _tail_labels() -> tuple[re.Pattern, re.Pattern]:
    """The 抄送 and 签发人 labels (rules/labels.tsv) as the patterns of their lines."""
    return (re.compile(rf"^[(（]?(?:{load_labels('cc')})\s*[:：]\s*"),
            re.compile(rf"^(?:{load_labels('signer')})\s*[:：]\s*(?P<v>\S.*)$"))


def read_tail(lines: list[Line], lo: int) -> Tail:
    """The tail of ``lines`` (not above line ``lo``), read from the bottom."""
    n = len(lines)
    cc_label, signer_label = _tail_labels()
    tail = Tail(start=n)
    date_at = sender_at = None
    for j in range(n - 1, max(lo, n - 15) - 1, -1):
        line, text = lines[j], lines[j].text
        m = cc_label.match(text)
        if m:
            tail.cc = _cc(line, m.end()) + tail.cc
            tail.start = j
            tail.parts.append(("cc", line.start, line.end))
            continue
        if date_at is None and _date_line(line, tail):
            date_at = tail.start = j
            sender_at = j - 1
            continue
        if is_contact_line(text) and len(text) <= 120:
            tail.start = min(tail.start, j)
            continue
        if signer_label.match(text):
            tail.signer = Piece(signer_label.match(text)["v"], line.start, line.end)
            tail.start = min(tail.start, j)
            continue
        if date_at is not None and j == sender_at and tail.sender is None and _SEAL.match(text):
            sender_at, tail.start = j - 1, j  # （盖章） between the signature and the date
            continue
        if date_at is not None and j == sender_at and tail.sender is None and _looks_like_org_line(text):
            tail.sender = Piece(text, line.start, line.end)  # the signing organization above the date
            tail.parts.append(("signature", line.start, line.end))
            tail.start = j
            continue
        if tail.sender is not None and j == tail.start - 1 and _ORGAN.match(text.strip()):
            # a joint reply signed by two bodies, one line each: the lead body signs first
            tail.sender = Piece(text.strip(), line.start + len(text) - len(text.lstrip()), line.end)
            tail.parts.append(("signature", line.start, line.end))
            tail.start = j
            continue
        if date_at is None and j >= n - 3 and (_looks_like_org_line(text) or text.startswith(("(", "（"))):
            continue  # lines below a missing date (此件公开发布 …) are tail too
        if date_at is not None or j < n - 6:
            break
    tail.contact = _contact(lines, lo, n)
    if tail.contact:
        tail.parts.append(("contact", tail.contact.start, tail.contact.end))
        first = min(j for j in range(n) if lines[j].start <= tail.contact.start < lines[j].end + 1)
        if first >= lo:
            tail.start = min(tail.start, first)
    tail.start = max(tail.start, lo)
    return tail


def _date_line(line: Line, tail: Tail) -> bool:
    """A line ending in the letter's date (a signature before it): ``tail.date`` (and sender) set."""
    dm = _DATE_LINE.match(line.text)
    if not dm or len(dm["pre"]) > 40 or SENTENCE_END.search(dm["pre"]):
        return False
    found = list(find_dates(dm["date"]))
    if not (found and found[0][2].iso and found[0][2].precision == "day"):
        return False
    ds = line.start + dm.start("date")
    tail.date = Piece(dm["date"], ds, ds + len(dm["date"]), found[0][2].iso)
    tail.parts.append(("date", ds, ds + len(dm["date"])))
    pre = dm["pre"].strip()
    if pre:
        ps = line.start + line.text.index(pre)
        tail.sender = Piece(pre, ps, ps + len(pre))
        tail.parts.append(("signature", ps, ps + len(pre)))
    return True


def read_tail_category(lines: list[Line], lo: int) -> Piece[Category] | None:
    """A category written at the end of the letter: 办理结果：A类 above the signature, （A类） below the date."""
    for line in lines[lo:]:
        cat = parse_category(line.text, labeled_only=True)
        if cat is not None:
            return piece_in(line, cat.raw, cat)
    return None


def _looks_like_org_line(text: str) -> bool:
    t = text.replace(" ", "")
    return 2 <= len(t) <= 50 and not SENTENCE_END.search(t) and "," not in t and not t.startswith(("关于", "附件"))


def _cc(line: Line, value_at: int) -> list[Piece]:
    value = line.text[value_at:]
    found = []
    for m in re.finditer(r"[^、,，;；。\s)）]+(?:[(（][^)）]*[)）])?[^、,，;；。\s)）]*", value):
        name = m.group(0).strip()
        if name:
            s = line.start + value_at + m.start()
            found.append(Piece(name, s, s + len(name)))
    return found


def _contact(lines: list[Line], lo: int, n: int) -> Piece[Contact] | None:
    """The contact person and phone: the last contact line(s) of the letter."""
    for j in range(n - 1, max(lo - 1, n - 25), -1):
        text = lines[j].text
        if not is_contact_line(text) or len(text) > 160:
            continue
        block = [lines[j]]
        # a person line and a phone line stacked: 联 系 人:X / 电话:Y
        if j + 1 < n and is_contact_line(lines[j + 1].text) and len(lines[j + 1].text) <= 80:
            block.append(lines[j + 1])
        elif j > lo and is_contact_line(lines[j - 1].text) and len(lines[j - 1].text) <= 80:
            block.insert(0, lines[j - 1])
        joined = "\n".join(line.text for line in block)
        contact = parse_contact(joined)
        if contact is not None:
            return Piece(joined, block[0].start, block[-1].end, contact)
    return None
