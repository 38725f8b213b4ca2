"""Segmentation of a normalized letter into its parts and its section tree.

Pure: ``segment(text) -> Segmentation``; no spaCy. The letter is read as lines
(paragraphs): the portal metadata block at the top, the header (category,
发文字号, title) down to the addressee line, the opening, the body with its
numbered sections, the closing, and the tail read from the bottom up (date,
signature, contact, cc).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .parsers.dates import find_dates
from .parsers.docnum import DocNumber, find_doc_numbers
from .parsers.fields import (
    Addressee,
    Category,
    Contact,
    find_meeting,
    find_proposal,
    find_subject,
    is_contact_line,
    metadata_labels,
    parse_addressee,
    parse_category,
    parse_contact,
)
from .rules import load_labels, load_patterns


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass
class Found:
    """A piece of the text: its value and where it stands."""

    text: str
    start: int
    end: int


@dataclass
class Section:
    level: int
    marker: str
    kind: str  # cn | paren_cn | ordinal | num | paren_num | circled | bare
    heading: str
    start: int  # of the marker
    heading_end: int
    end: int = 0
    id: str = ""
    children: list["Section"] = field(default_factory=list)


@dataclass
class Segmentation:
    metadata: dict[str, Found] = field(default_factory=dict)
    portal: dict[str, Found] = field(default_factory=dict)
    title: Found | None = None
    doc_number: tuple[Found, DocNumber] | None = None
    category: tuple[Found, Category] | None = None
    addressee: tuple[Found, Addressee] | None = None
    meeting: Found | None = None
    proposal: tuple[Found, str, str] | None = None  # (span, kind, number)
    subject: Found | None = None
    sender: Found | None = None
    date: tuple[Found, str] | None = None  # (span, iso)
    contact: tuple[Found, Contact] | None = None
    signer: Found | None = None
    cc: list[Found] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    parts: list[tuple[str, int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines_before_metadata: int = 0  # header lines (doc number, title) standing above the metadata block

    def reference_date(self) -> date | None:
        """The letter's own date, else its metadata dates: what year-less dates resolve against."""
        candidates = []
        if self.date:
            candidates.append(self.date[1])
        for key in ("written_date", "published_date"):
            if key in self.metadata:
                for _, _, v in find_dates(self.metadata[key].text):
                    if v.iso and v.precision == "day":
                        candidates.append(v.iso)
        if "date" in self.portal:
            for _, _, v in find_dates(self.portal["date"].text):
                if v.iso and v.precision == "day":
                    candidates.append(v.iso)
        for iso in candidates:
            try:
                return date.fromisoformat(iso)
            except ValueError:
                continue
        if self.doc_number:
            return date(self.doc_number[1].year, 12, 31)
        return None

    def section_at(self, offset: int) -> str:
        """Section id (``1.2``) or part name containing ``offset``."""
        best = None
        stack = list(self.sections)
        while stack:
            node = stack.pop()
            if node.start <= offset < node.end:
                best = node
                stack = list(node.children)
        if best is not None:
            return best.id
        for name, start, end in self.parts:
            if start <= offset < end:
                return name
        return "other"


# -- markers ------------------------------------------------------------------------
_CN_NUM = "一二三四五六七八九十"
MARKERS = (
    ("cn", re.compile(rf"^(?P<mk>[{_CN_NUM}]{{1,3}}\s*[、.．])\s*")),
    ("paren_cn", re.compile(rf"^(?P<mk>[(（]\s*[{_CN_NUM}]{{1,3}}\s*[)）]\s*[、.]?)\s*")),
    ("ordinal", re.compile(rf"^(?P<mk>第[{_CN_NUM}]{{1,3}}\s*[,，、:：])\s*")),
    ("num", re.compile(r"^(?P<mk>\d{1,2}\s*[.．、](?!\d))\s*")),
    ("paren_num", re.compile(r"^(?P<mk>[(（]\s*\d{1,2}\s*[)）]\s*[、.]?)\s*")),
    ("circled", re.compile(r"^(?P<mk>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)
RANK = {kind: i for i, (kind, _) in enumerate(MARKERS)} | {"bare": -1}
_SENTENCE_END = re.compile(r"[。;；!！?？]")
_TITLE_END = re.compile(r"(?:答复|复函|的函|答复函|复文|意见|的复函|的答复意见)$")
_DATE_LINE = re.compile(r"^(?P<pre>.*?)\s*(?P<date>(?:\d{4}|[〇○零一二三四五六七八九0]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*$")


@lru_cache(maxsize=1)
def _closing_cue() -> re.Pattern:
    return re.compile("^(?:" + "|".join(map(re.escape, load_patterns("closing_cues.txt"))) + ")")


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def segment(text: str) -> Segmentation:
    """Find the parts of a normalized letter; see the module docstring."""
    seg = Segmentation()
    lines = split_lines(text)
    i = _metadata(lines, seg)
    i = _header(lines, i, seg)
    tail_start = _tail(lines, i, seg)
    if seg.category is None:
        _tail_category(lines, max(i, len(lines) - 12), seg)
    _body(lines, i, tail_start, seg)
    _fields_from_text(text, seg)
    seg.parts.sort(key=lambda p: p[1])
    return seg


# -- metadata block -------------------------------------------------------------------
def _metadata(lines: list[Line], seg: Segmentation) -> int:
    """Read the label/value block at the top; return the index of the first line after it."""
    label_res = metadata_labels()
    any_label = re.compile(r"^(?:" + "|".join(p.pattern for _, p in label_res) + r")\s*[:：]")
    i, last, n = 0, -1, len(lines)
    first = None
    while i < n and i < 60:
        line = lines[i]
        if not any_label.match(line.text):
            if first is None and i < 3:
                i += 1
                continue
            break
        first = i if first is None else first
        consumed = _metadata_line(lines, i, seg, label_res, any_label)
        last = i + consumed
        i += 1 + consumed
    if first is None:
        return 0
    seg.parts.append(("metadata", lines[first].start, lines[last].end))
    seg.lines_before_metadata = first
    return last + 1


def _metadata_line(lines, i, seg, label_res, any_label) -> int:
    """Parse one line of label:value pairs; returns 1 when the value sat on the next line."""
    line = lines[i]
    keys = []
    for key, pattern in label_res:
        for m in re.finditer(rf"(?:{pattern.pattern})\s*[:：]", line.text):
            keys.append((m.start(), m.end(), key))
    keys.sort()
    # keep non-overlapping label hits, leftmost first
    kept, end = [], -1
    for k in keys:
        if k[0] >= end:
            kept.append(k)
            end = k[1]
    for j, (s, e, key) in enumerate(kept):
        stop = kept[j + 1][0] if j + 1 < len(kept) else len(line.text)
        value = line.text[e:stop].strip()
        if value:
            vs = line.start + line.text.index(value, e)
            seg.metadata.setdefault(key, Found(value, vs, vs + len(value)))
        elif j == len(kept) - 1 and i + 1 < len(lines) and not any_label.match(lines[i + 1].text):
            nxt = lines[i + 1]
            seg.metadata.setdefault(key, Found(nxt.text, nxt.start, nxt.end))
            return 1
    return 0


# -- header ------------------------------------------------------------------------------
def _header(lines: list[Line], i: int, seg: Segmentation) -> int:
    """Category, doc number, title and addressee; return the index of the first opening line."""
    n = len(lines)
    addressee_at = None
    for j in range(i, min(n, i + 25)):
        a = parse_addressee(lines[j].text)
        if a is not None:
            addressee_at = j
            line = lines[j]
            length = len(line.text) - len(a.rest) if a.rest else len(line.text)
            start = line.start
            if j > i and re.search(r"[、,，]$", lines[j - 1].text):
                # a list of names wrapped onto the addressee line: 李**、王**、 / 赵**委员:
                joined = parse_addressee(lines[j - 1].text + line.text)
                if joined is not None and len(joined.names) > len(a.names):
                    a, start = joined, lines[j - 1].start
            seg.addressee = (Found(line.text[:length], start, line.start + length), a)
            seg.parts.append(("addressee", start, line.start + length))
            break
        if _looks_like_paragraph(lines[j].text):
            break
    header_end = addressee_at if addressee_at is not None else _first_paragraph(lines, i)
    above = lines[:seg.lines_before_metadata]  # 筑交建〔2024〕19号 / 关于…的答复函 above a 公开属性 line
    header_lines = above + lines[i:header_end]
    if lines[i:header_end]:
        seg.parts.append(("header", lines[i].start, lines[header_end - 1].end))
    if above:
        seg.parts.append(("header", above[0].start, above[-1].end))
    signer_label = re.compile(rf"(?:{load_labels('signer')})\s*[:：]\s*(?P<v>[^\s:：,，;；]{{2,8}})")
    for line in header_lines:
        _portal_line(line, seg)
        signer = signer_label.search(line.text)
        if signer and seg.signer is None:  # 签发人 beside the doc number
            seg.signer = Found(signer["v"], line.start + signer.start("v"), line.start + signer.end("v"))
        if seg.category is None:
            cat = parse_category(line.text)
            if cat is not None:
                seg.category = (_found_in(line, cat.raw), cat)
        if seg.doc_number is None:
            for s, e, dn in find_doc_numbers(line.text):
                if e - s >= len(line.text.strip()) * 0.5:  # the line is essentially the number
                    seg.doc_number = (Found(dn.text, line.start + s, line.start + e), dn)
                    break
    if seg.doc_number is None:
        for line in header_lines:  # only in brackets after the title
            m = _TRAILING_DOC_NUMBER.search(line.text)
            found = list(find_doc_numbers(m.group(1))) if m else []
            if found:
                s, e, dn = found[0]
                at = line.start + m.start(1)
                seg.doc_number = (Found(dn.text, at + s, at + e), dn)
                break
    seg.title = _title(header_lines)
    if seg.title is None and "file_name" in seg.metadata:
        seg.title = seg.metadata["file_name"]
    if addressee_at is None:
        seg.warnings.append("no_addressee")
        return header_end
    a = seg.addressee[1]
    if a.rest:
        return addressee_at  # the opening runs on after the addressee
    return addressee_at + 1


def _portal_line(line: Line, seg: Segmentation) -> None:
    """``日期:2023-07-13 18:01:41 来源:市经信局``: the page's own date and source."""
    for key, label in (("date", r"(?:发布)?(?:日期|时间)"), ("source", r"来源|发布机构")):
        m = re.search(rf"(?:^|\s)(?:{label})\s*[:：]\s*(?P<v>.+?)(?=\s+\S{{2,4}}\s*[:：]|$)", line.text)
        # a 日期 label counts only on the page's 来源 line; a 来源 label anywhere in the header
        if m and (key == "source" or "来源" in line.text):
            seg.portal.setdefault(key, Found(m["v"], line.start + m.start("v"), line.start + m.end("v")))


def _title(header_lines: list[Line]) -> Found | None:
    """The title line closest above the addressee; a title split over lines is joined."""
    for k in range(len(header_lines) - 1, -1, -1):
        line = header_lines[k]
        text = _without_doc_number(line.text)
        if _TITLE_END.search(text.replace(" ", "")) and not _is_doc_number_line(text):
            start = line.start
            parts = [text]
            # 关于…的 / 答复 : join upward while the line above starts the title
            if k > 0 and len(text.replace(" ", "")) <= 12 and not text.startswith("关于"):
                above = header_lines[k - 1]
                if above.text.startswith(("关于", "对")) and not _TITLE_END.search(above.text):
                    parts.insert(0, above.text)
                    start = above.start
            joined = _squeeze("".join(parts))
            return Found(joined, start, line.start + len(text))
        if text.startswith("关于") and len(text) <= 80 and not _is_doc_number_line(text):
            return Found(_squeeze(text), line.start, line.start + len(text))
    return None


_TRAILING_DOC_NUMBER = re.compile(r"\s*[(（]([^()（）]{4,30})[)）]\s*$")


def _without_doc_number(text: str) -> str:
    """A title line without the doc number bracketed after it: 关于…的答复(合数资函〔2024〕5号)."""
    m = _TRAILING_DOC_NUMBER.search(text)
    if m and any(True for _ in find_doc_numbers(m.group(1))):
        return text[: m.start()]
    return text


def _squeeze(text: str) -> str:
    """Drop blanks between CJK characters: ``答 复`` -> ``答复``."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text).strip()


def _is_doc_number_line(text: str) -> bool:
    return any(e - s >= len(text) * 0.5 for s, e, _ in find_doc_numbers(text))


_OPENING = re.compile(r"收悉|答复如下|函复如下|现答复|现将.{0,20}(?:答复|函复)")


def _looks_like_paragraph(text: str) -> bool:
    return (len(text) > 60 and bool(_SENTENCE_END.search(text))) or bool(_OPENING.search(text))


def _first_paragraph(lines: list[Line], i: int) -> int:
    for j in range(i, len(lines)):
        if _looks_like_paragraph(lines[j].text):
            return j
    return i


# -- tail ---------------------------------------------------------------------------------
def _tail(lines: list[Line], lo: int, seg: Segmentation) -> int:
    """Date, signature, contact and cc, read from the bottom; return the index where the tail starts."""
    n = len(lines)
    cc_label = re.compile(rf"^[(（]?(?:{load_labels('cc')})\s*[:：]\s*")
    signer_label = re.compile(rf"^(?:{load_labels('signer')})\s*[:：]\s*(?P<v>\S.*)$")
    tail_start = n
    date_at = None
    window = range(n - 1, max(lo, n - 15) - 1, -1)
    for j in window:
        text = lines[j].text
        m = cc_label.match(text)
        if m:
            _cc(lines[j], m.end(), seg)
            tail_start = j
            seg.parts.append(("cc", lines[j].start, lines[j].end))
            continue
        if date_at is None:
            dm = _DATE_LINE.match(text)
            if dm and len(dm["pre"]) <= 40 and not _SENTENCE_END.search(dm["pre"]):
                found = list(find_dates(dm["date"]))
                if found and found[0][2].iso and found[0][2].precision == "day":
                    ds = lines[j].start + dm.start("date")
                    seg.date = (Found(dm["date"], ds, ds + len(dm["date"])), found[0][2].iso)
                    seg.parts.append(("date", ds, ds + len(dm["date"])))
                    date_at = j
                    tail_start = j
                    pre = dm["pre"].strip()
                    if pre:
                        ps = lines[j].start + text.index(pre)
                        seg.sender = Found(pre, ps, ps + len(pre))
                        seg.parts.append(("signature", ps, ps + len(pre)))
                    continue
        if is_contact_line(text) and len(text) <= 120:
            tail_start = min(tail_start, j)
            continue
        if signer_label.match(text):
            seg.signer = Found(signer_label.match(text)["v"], lines[j].start, lines[j].end)
            tail_start = min(tail_start, j)
            continue
        if date_at is not None and j == date_at - 1 and seg.sender is None and _looks_like_org_line(text):
            seg.sender = Found(text, lines[j].start, lines[j].end)
            seg.parts.append(("signature", lines[j].start, lines[j].end))
            tail_start = j
            # a second signing organization on the line above
            continue
        if date_at is None and j >= n - 3 and (_looks_like_org_line(text) or text.startswith(("(", "（"))):
            continue  # lines below a missing date (此件公开发布 …) are tail too
        if date_at is not None or j < n - 6:
            break
    _contact(lines, lo, n, seg)
    if seg.contact:
        first = min(j for j in range(n) if lines[j].start <= seg.contact[0].start < lines[j].end + 1)
        if first >= lo:
            tail_start = min(tail_start, first)
    return max(tail_start, lo)


def _tail_category(lines: list[Line], lo: int, seg: Segmentation) -> None:
    """A category written at the end of the letter: 办理结果：A类 above the signature, （A类） below the date."""
    for line in lines[lo:]:
        cat = parse_category(line.text, labeled_only=True)
        if cat is not None:
            seg.category = (_found_in(line, cat.raw), cat)
            return


def _looks_like_org_line(text: str) -> bool:
    t = text.replace(" ", "")
    return 2 <= len(t) <= 50 and not _SENTENCE_END.search(t) and "," not in t and not t.startswith(("关于", "附件"))


def _cc(line: Line, value_at: int, seg: Segmentation) -> None:
    value = line.text[value_at:]
    for m in re.finditer(r"[^、,，;；。\s)）]+(?:[(（][^)）]*[)）])?[^、,，;；。\s)）]*", value):
        name = m.group(0).strip()
        if name:
            s = line.start + value_at + m.start()
            seg.cc.append(Found(name, s, s + len(name)))


def _contact(lines: list[Line], lo: int, n: int, seg: Segmentation) -> None:
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
            seg.contact = (Found(joined, block[0].start, block[-1].end), contact)
            seg.parts.append(("contact", block[0].start, block[-1].end))
            return


# -- body -----------------------------------------------------------------------------------
def _body(lines: list[Line], lo: int, hi: int, seg: Segmentation) -> None:
    """Opening, sections and closing between the header and the tail."""
    if lo >= hi:
        return
    body_lines = lines[lo:hi]
    headings = []
    for k, line in enumerate(body_lines):
        if k == 0 and seg.addressee is not None:
            continue  # the opening line is never a heading
        h = _heading(line)
        if h is not None:
            headings.append(h)
    headings = _plausible(headings) or _bare_headings(body_lines, skip_first=seg.addressee is not None)
    first_heading = headings[0].start if headings else None
    # closing: the first line after the last heading (or after the opening) that opens with a cue
    after = headings[-1].start if headings else body_lines[0].end
    closing_at = None
    for line in body_lines:
        if line.start > after and _closing_cue().match(line.text):
            closing_at = line.start
            break
    body_end = body_lines[-1].end
    sections_end = closing_at if closing_at is not None else body_end
    opening_start = seg.addressee[0].end if (seg.addressee and seg.addressee[1].rest) else body_lines[0].start
    opening_end = first_heading if first_heading is not None else (body_lines[0].end if seg.addressee else opening_start)
    if opening_end > opening_start:
        seg.parts.append(("opening", opening_start, opening_end))
    if headings:
        seg.parts.append(("body", headings[0].start, sections_end))
    elif opening_end < sections_end:
        seg.parts.append(("body", opening_end + 1 if opening_end else opening_start, sections_end))
    if closing_at is not None:
        seg.parts.append(("closing", closing_at, body_end))
    seg.sections = _tree(headings, sections_end)
    # subject from the opening
    opening_text_lines = [line for line in body_lines if opening_start <= line.start < max(opening_end, opening_start + 1)]
    for line in opening_text_lines[:3] or body_lines[:1]:
        sub = find_subject(line.text)
        if sub:
            s, e = sub
            seg.subject = Found(line.text[s:e], line.start + s, line.start + e)
            break
    if seg.subject is None and seg.addressee and seg.addressee[1].rest:
        line = lines[lo]
        sub = find_subject(line.text)
        if sub:
            seg.subject = Found(line.text[sub[0]:sub[1]], line.start + sub[0], line.start + sub[1])


def _heading(line: Line) -> Section | None:
    for kind, pattern in MARKERS:
        m = pattern.match(line.text)
        if not m:
            continue
        rest = line.text[m.end():]
        if not rest or rest.startswith(("是", "要", "批", "方面", "些")):
            return None  # 一是…, a bare marker
        heading = _heading_text(rest)
        if not heading:
            return None
        start = line.start
        return Section(level=0, marker=re.sub(r"\s+", "", m["mk"]), kind=kind, heading=heading,
                       start=start, heading_end=line.start + m.end() + len(heading))
    return None


def _heading_text(rest: str) -> str:
    """A heading is the line, or its first sentence when the heading runs into its paragraph."""
    m = _SENTENCE_END.search(rest)
    if m is None:
        heading = rest
    elif m.end() == len(rest):
        heading = rest[: m.start()]
    else:
        heading = rest[: m.start()]
    heading = heading.strip().rstrip(":：,，")
    if len(heading) > 80:
        comma = re.search(r"[,，]", heading)
        heading = heading[: comma.start()] if comma and comma.start() <= 80 else heading[:80]
    return heading


def _bare_headings(body_lines: list[Line], skip_first: bool) -> list[Section]:
    """Headings whose numbers were lost: short lines standing alone between paragraphs
    (关于资金保障 / 下一步工作打算). Two or more are needed, each followed by a paragraph."""
    found = []
    for k in range(1 if skip_first else 0, len(body_lines) - 1):
        text = body_lines[k].text.strip()
        nxt = body_lines[k + 1].text
        if (2 <= len(text) <= 25 and not re.search(r"[。;；!！?？,，、:：]$|[。!！]", text)
                and not _closing_cue().match(text) and not is_contact_line(text)
                and len(nxt) > len(text) and _SENTENCE_END.search(nxt)):
            line = body_lines[k]
            found.append(Section(level=0, marker="", kind="bare", heading=text, start=line.start,
                                 heading_end=line.end))
    return found if len(found) >= 2 else []


def _plausible(headings: list[Section]) -> list[Section]:
    """Drop stray markers: a marker kind whose numbering never starts at one is not a heading kind."""
    starting = {h.kind for h in headings
                if re.sub(r"[^0-9一二三四五六七八九十①-⑳]", "", h.marker) in ("1", "一", "①", "")}
    return [h for h in headings if h.kind in starting]


def _tree(headings: list[Section], end: int) -> list[Section]:
    roots: list[Section] = []
    stack: list[Section] = []
    for h in headings:
        while stack and RANK[stack[-1].kind] >= RANK[h.kind]:
            stack.pop()
        h.level = len(stack) + 1
        if stack:
            stack[-1].children.append(h)
            h.id = f"{stack[-1].id}.{len(stack[-1].children)}"
        else:
            roots.append(h)
            h.id = str(len(roots))
        stack.append(h)
    _set_ends(roots, end)
    return roots


def _set_ends(nodes: list[Section], end: int) -> None:
    for k, node in enumerate(nodes):
        node.end = nodes[k + 1].start if k + 1 < len(nodes) else end
        _set_ends(node.children, node.end)


# -- fields found anywhere -------------------------------------------------------------------
def _fields_from_text(text: str, seg: Segmentation) -> None:
    """Meeting and proposal number: from the title first, then the opening, then the metadata."""
    sources = []
    if seg.title is not None:
        sources.append(seg.title)
    opening = next(((s, e) for name, s, e in seg.parts if name == "opening"), None)
    if opening:
        sources.append(Found(text[opening[0]:opening[1]], opening[0], opening[1]))
    if "file_name" in seg.metadata:
        sources.append(seg.metadata["file_name"])
    if seg.subject is not None:
        sources.append(seg.subject)
    for src in sources:
        if seg.meeting is None:
            m = find_meeting(src.text)
            if m:
                seg.meeting = _sub(src, m[0], m[1])
        if seg.proposal is None:
            p = find_proposal(src.text)
            if p:
                seg.proposal = (_sub(src, p[0], p[1]), p[2], p[3])
    if seg.proposal is None:
        kind = _kind_from(seg)
        if kind:
            seg.proposal = (Found(kind, -1, -1), kind, None)
    if seg.doc_number is None and "doc_number" in seg.metadata:
        found = list(find_doc_numbers(seg.metadata["doc_number"].text))
        if found:
            s, e, dn = found[0]
            src = seg.metadata["doc_number"]
            seg.doc_number = (_sub(src, s, e), dn)


def _kind_from(seg: Segmentation) -> str | None:
    for src in (seg.title, seg.subject):
        if src is not None:
            m = re.search(r"(建议|提案|议案)", src.text)
            if m:
                return m.group(1)
    return None


def _found_in(line: Line, value: str) -> Found:
    """``value`` where it stands in ``line``."""
    at = line.text.find(value)
    return Found(value, line.start + at, line.start + at + len(value))


def _sub(src: Found, s: int, e: int) -> Found:
    """A piece of a found span; offsets stay true when the span is a verbatim slice of the text."""
    value = src.text[s:e]
    if src.end - src.start == len(src.text):
        return Found(value, src.start + s, src.start + e)
    return Found(value, src.start, src.end)  # a joined title: point at the whole title
