"""The middle of a letter: the opening (and the suggestion's quoted subject in it), the numbered
section tree (一、 / （一） / 1. …, or headings whose numbers were lost), and the closing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..parsers.fields import Addressee, find_subject, is_contact_line
from .lines import SENTENCE_END, closing_cue
from .model import Line, Part, Piece, Section

_CN_NUM = "一二三四五六七八九十"
MARKERS = (
    ("cn", re.compile(rf"^(?P<mk>[{_CN_NUM}]{{1,3}}\s*[、.．])\s*")),
    ("paren_cn", re.compile(rf"^(?P<mk>[(（]\s*[{_CN_NUM}]{{1,3}}\s*[)）]\s*[、.]?)\s*")),
    ("ordinal", re.compile(rf"^(?P<mk>第[{_CN_NUM}]{{1,3}}\s*[,，、:：])\s*")),
    ("num", re.compile(r"^(?P<mk>\d{1,2}\s*[.．、](?!\d))\s*")),
    ("paren_num", re.compile(r"^(?P<mk>[(（]\s*\d{1,2}\s*[)）]\s*[、.]?)\s*")),
    ("circled", re.compile(r"^(?P<mk>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)
#: the nesting of marker kinds: a kind ranked lower holds those ranked higher
RANK = {kind: i for i, (kind, _) in enumerate(MARKERS)} | {"bare": -1}


@dataclass
class Body:
    sections: list[Section] = field(default_factory=list)
    subject: Piece | None = None
    parts: list[Part] = field(default_factory=list)


def read_body(lines: list[Line], lo: int, hi: int, addressee: Piece[Addressee] | None) -> Body:
    """Opening, sections and closing in ``lines[lo:hi]`` (between the header and the tail)."""
    body = Body()
    if lo >= hi:
        return body
    body_lines = lines[lo:hi]
    headings = _headings(body_lines, skip_first=addressee is not None)
    after = headings[-1].start if headings else body_lines[0].end
    closing_at = next((line.start for line in body_lines if line.start > after and closing_cue().match(line.text)),
                      None)  # the first line after the last heading (or the opening) opening with a cue
    body_end = body_lines[-1].end
    sections_end = closing_at if closing_at is not None else body_end
    run_in = addressee is not None and bool(addressee.value.rest)  # the opening runs on after the addressee
    opening_start = addressee.end if run_in else body_lines[0].start
    if headings:
        opening_end = headings[0].start
    else:
        opening_end = body_lines[0].end if addressee else opening_start
    if opening_end > opening_start:
        body.parts.append(("opening", opening_start, opening_end))
    if headings:
        body.parts.append(("body", headings[0].start, sections_end))
    elif opening_end < sections_end:
        body.parts.append(("body", opening_end + 1 if opening_end else opening_start, sections_end))
    if closing_at is not None:
        body.parts.append(("closing", closing_at, body_end))
    body.sections = _tree(headings, sections_end)
    opening = [line for line in body_lines if opening_start <= line.start < max(opening_end, opening_start + 1)]
    body.subject = _subject(opening[:3] or body_lines[:1])
    if body.subject is None and run_in:
        body.subject = _subject([lines[lo]])
    return body


def _subject(lines: list[Line]) -> Piece | None:
    """The suggestion's quoted title (您提出的《关于…的建议》) in the first of ``lines`` holding one."""
    for line in lines:
        sub = find_subject(line.text)
        if sub:
            s, e = sub
            return Piece(line.text[s:e], line.start + s, line.start + e)
    return None


def _headings(body_lines: list[Line], skip_first: bool) -> list[Section]:
    """The numbered headings (the opening line is never one), or headings whose numbers were lost."""
    headings, paragraphs = [], []
    for k, line in enumerate(body_lines):
        if k == 0 and skip_first:
            continue
        marked = _marked(line)
        if marked is None:
            continue
        h = _heading(line, *marked)
        if h is not None:
            headings.append(h)
        else:  # a numbered paragraph (一、市委高度重视…。): its numbering counts for _plausible
            paragraphs.append((marked[0], re.sub(r"\s+", "", marked[1]["mk"])))
    return _plausible(headings, paragraphs) or _bare_headings(body_lines, skip_first)


def _marked(line: Line) -> tuple[str, re.Match] | None:
    """The kind of numbering marker that starts ``line`` (一、, （一）, 1. …) and its match."""
    for kind, pattern in MARKERS:
        m = pattern.match(line.text)
        if m:
            return kind, m
    return None


def _heading(line: Line, kind: str, m: re.Match) -> Section | None:
    """The heading a marked line holds, or None for a bare marker (一是…) or a numbered paragraph."""
    rest = line.text[m.end():]
    if not rest or rest.startswith(("是", "要", "批", "方面", "些")):
        return None  # 一是…, a bare marker
    heading = _heading_text(rest)
    if not heading:
        return None
    return Section(level=0, marker=_BLANKS.sub("", m["mk"]), kind=kind, heading=heading,
                   start=line.start, heading_end=line.start + m.end() + len(heading))


#: the longest heading that runs into its paragraph (一、基本情况。我市…); a longer first sentence
#: is the paragraph itself, numbered (1、目前全市共有…。), not a heading
RUN_IN_MAX = 30
_HEADING_END = re.compile(r"[。;；!！?？:：]")


def _heading_text(rest: str) -> str:
    """A heading is the line, or, when it runs into its paragraph, its text up to the first full
    stop or colon (empty when that is longer than RUN_IN_MAX: a numbered paragraph)."""
    m = _HEADING_END.search(rest)
    heading = rest if m is None else rest[: m.start()]
    introduces = m is not None and m.group() in ":：" and not rest[m.end():].strip()  # …,答复如下:
    topic = heading.lstrip().startswith(("关于", "针对", "对于"))  # 关于…,…的建议
    if (m is not None and not introduces and not topic
            and (len(heading.strip()) > RUN_IN_MAX or len(re.findall(r"[,，]", heading)) >= 2)):
        # the first sentence of a numbered paragraph (2、冬季天气干燥,雾霾叠加,污染较重。…), or the
        # whole of a one-sentence one (1、结合您们提出的建议,新区大队自接到建议后,…,详细汇报…。)
        return ""
    heading = heading.strip().rstrip(":：,，")
    if m is None and len(heading) > 2 * RUN_IN_MAX and not topic and re.search(r"[,，]", heading):
        return ""  # a numbered paragraph that lost its full stops: 一、我厅高度重视…，先后落实…
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
                and not closing_cue().match(text) and not is_contact_line(text)
                and len(nxt) > len(text) and SENTENCE_END.search(nxt)):
            line = body_lines[k]
            found.append(Section(level=0, marker="", kind="bare", heading=text, start=line.start,
                                 heading_end=line.end))
    return found if len(found) >= 2 else []


_BLANKS = re.compile(r"\s+")
_NOT_NUMERAL = re.compile(r"[^0-9一二三四五六七八九十①-⑳]")


def _plausible(headings: list[Section], paragraphs: list[tuple[str, str]]) -> list[Section]:
    """Drop stray markers: a marker kind whose numbering never starts at one is not a heading kind.
    The numbering may start on a numbered paragraph (一、市委高度重视…。 / 二、… / 三、工作打算:)."""
    numbered = [(h.kind, h.marker) for h in headings] + paragraphs
    starting = {kind for kind, marker in numbered
                if _NOT_NUMERAL.sub("", marker) in ("1", "一", "①", "")}
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
