"""Small pure parsers for the letter's own fields: category, addressee, meeting, proposal, contact.

>>> parse_category("解决类别:A").letter
'A'
>>> parse_category("办理结果:(C)").letter
'C'
>>> a = parse_addressee("尊敬的张某某、李某某代表:"); (a.name, a.role, a.names)
('张某某、李某某', '代表', ('张某某', '李某某'))
>>> find_meeting("关于对金华市八届人大三次会议义12号建议答复的函")[2]
'金华市八届人大三次会议'
>>> find_proposal("关于对金华市八届人大三次会议义12号建议答复的函")[2:]
('建议', '义12号')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import load_labels, load_patterns, load_table
from .phone import find_phones


@lru_cache(maxsize=None)
def metadata_labels() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((k.split(":", 1)[1], re.compile(rf"(?:{p})"))
                 for k, p in load_table("letter_labels.tsv") if k.startswith("metadata:"))


# -- category -------------------------------------------------------------------
@dataclass(frozen=True)
class Category:
    letter: str
    raw: str


@lru_cache(maxsize=1)
def _category_patterns() -> tuple[re.Pattern, ...]:
    label = load_labels("category")
    return (
        re.compile(rf"(?:{label})\s*[:：]?\s*[(\[【]?\s*(?P<l>[A-Da-d])\s*(?:类)?\s*[)\]】]?(?![A-Za-z])"),
        re.compile(r"^\s*[(\[【]?(?P<l>[A-D])\s*(?:类)?[)\]】]?\s*(?:同意公开|不予公开|依申请公开|主动公开)?\s*$"),
        re.compile(r"号\s*[(\[【]?\s*(?P<l>[A-D])\s*类[)\]】]?"),
    )


def category_meaning(letter: str) -> str | None:
    """The configured meaning of a category letter (rules/categories.tsv)."""
    return dict(load_table("categories.tsv")).get(letter)


def parse_category(line: str, labeled_only: bool = False) -> Category | None:
    """A/B/C/D from a category label, a bare letter line, or a letter fused to a doc number.
    ``labeled_only``: only a label (办理结果：A) or a bracketed class (（A类）), as in a letter's tail."""
    patterns = _category_patterns()
    if labeled_only:
        patterns = (patterns[0], re.compile(r"^\s*[(（\[【]\s*(?P<l>[A-D])\s*类\s*[)）\]】]\s*$"))
    for pattern in patterns:
        m = pattern.search(line)
        if m:
            return Category(m["l"].upper(), m.group(0).strip())
    return None


# -- addressee ------------------------------------------------------------------
@dataclass(frozen=True)
class Addressee:
    name: str
    role: str | None
    names: tuple[str, ...]
    count: int | None
    rest: str  # text after the addressee on the same line (a run-in opening)


@lru_cache(maxsize=1)
def _addressee_pattern() -> re.Pattern:
    roles = sorted(load_patterns("addressee_roles.txt"), key=len, reverse=True)
    role = "|".join(map(re.escape, roles))
    return re.compile(
        rf"""^(?:尊敬的?|敬爱的)?\s*
        (?P<who>[^:,，。;；!！?？《》“”]{{1,120}}?)\s*
        (?:\(?等\s*(?P<count>\d+|[一二三四五六七八九十]+)?\s*(?:位|名|人)?\)?\s*)?
        (?P<role>{role})(?:们)?\s*
        (?:您好|你好|同志)?\s*
        (?:[:：,，!！]\s*(?P<rest>.*)|$)""",
        re.VERBOSE,
    )


#: a body addressed on a line of its own (a 协办意见 to the lead body, a reply to a bureau): 市水利局:
_BODY_ADDRESSEE = re.compile(
    r"^(?:尊敬的)?(?P<who>[\u4e00-\u9fff()（）、]{2,40}?(?:局|委员会|委|办公室|办|厅|政府|部|中心|院|会|社|室|处))\s*[:：]\s*$")


def parse_addressee(line: str) -> Addressee | None:
    """``何**代表:`` / ``尊敬的XX委员:`` / ``张某某、李某某代表:`` / ``XX等13位代表:`` / ``姜某(等10位)代表:``;
    a body alone on its line (``市水利局:``) is addressed without a role."""
    m = _addressee_pattern().match(line.strip())
    if not m:
        body = _BODY_ADDRESSEE.match(line.strip())
        if body is None:
            return None
        who = body["who"]
        return Addressee(name=who, role=None, names=tuple(re.split(r"[、]", who)), count=None, rest="")
    who = m["who"].strip()
    who = re.sub(r"\s*\(?等$", "", who).strip()
    if not who or len(who) > 80 or re.search(r"[关于提出的建议收悉]{4}", who):
        return None
    names = tuple(n.strip() for n in re.split(r"[、,，\s]+", who) if n.strip())
    if any(len(n) > 8 for n in names):
        return None
    count = None
    if m["count"]:
        from .numerals import parse_number

        value = parse_number(m["count"])
        count = int(value) if value is not None else None
    return Addressee(name=who, role=m["role"], names=names, count=count, rest=(m["rest"] or "").strip())


# -- meeting and proposal -----------------------------------------------------------
_CN_N = r"[一二三四五六七八九十]+"
# a place name before a session never holds these: they belong to a sender's name or the prose
# before it (建设局关于区十八届… -> 区十八届…, 您在市十五届… -> 市十五届…)
_PLACE_CHAR = r"[^\W\d_A-Za-z于对在就经将您局厅委办院的和与及函复到接收据]"
MEETING_PATTERN = re.compile(
    rf"""(?P<m>
        (?:{_PLACE_CHAR}{{1,8}}?[省市区县州旗]|[省市区县州旗]|全国)?
        (?:
            (?:人大|人民代表大会|政协|政治协商会议)(?:{_PLACE_CHAR}{{1,8}}?[省市区县州旗])?(?:第?{_CN_N}届)
            (?:全国|{_PLACE_CHAR}{{1,8}}?[省市区县州旗])?(?:委员会)?  # 政协第十一届花都区委员会, 政协十四届全国委员会
          | 第?{_CN_N}届(?:全国|[\u4e00-\u9fff]{{1,6}}?[省市区县])?(?:人大|人民代表大会|政协|政治协商会议)(?:[\u4e00-\u9fff]{{0,4}}委员会)?
        )
        (?:常委会)?第?{_CN_N}次(?:全体)?会议
    )""",
    re.VERBOSE,
)

PROPOSAL_PATTERN = re.compile(
    r"""(?P<num>
        (?:第\s*)?
        (?:[A-Za-z]?\s*\(\s*\d{4}\s*\)\s*\d+|[A-Za-z]{1,2}\d+|\d+|[^\W\d_A-Za-z议第届次会号]\d+)
        \s*号
        (?:\s*\([^()]{1,20}\))?
      | 第\d+(?=建议|提案|议案)  # 第5236建议: 号 left out
    )
    \s*(?:代表|委员|人大|政协)?(?P<kind>建议|提案|议案|意见|批评|代表建议|委员提案)
  | (?P<kind2>建议|提案|议案)\s*(?P<num2>第\s*(?:[A-Za-z]{1,2})?\d+\s*号)  # 会议建议第126号
  | (?P<num3>第\s*\d+\s*号)(?=关于[^。；;]{2,80}?的(?P<kind3>建议|提案|议案))  # 第60号关于…的建议
  | 》\s*\(\s*(?:编号\s*[:：]?\s*)?(?P<num4>第?\s*[A-Za-z]?\d+\s*号)\s*\)  # 《关于…的建议》(第1187号)""",
    re.VERBOSE,
)


def find_meeting(text: str) -> tuple[int, int, str] | None:
    """The first people's-congress or CPPCC session named in ``text``: 金华市八届人大三次会议."""
    m = MEETING_PATTERN.search(text)
    if not m:
        return None
    return m.start("m"), m.end("m"), m["m"]


def find_proposal(text: str) -> tuple[int, int, str, str] | None:
    """``(start, end, kind, number)`` of the proposal named in ``text``: 义12号建议 -> (建议, 义12号)."""
    for m in PROPOSAL_PATTERN.finditer(text):
        found = _proposal(text, m)
        if found is not None:
            return found
    return None


def _proposal(text: str, m: re.Match) -> tuple[int, int, str, str] | None:
    if m["kind2"]:
        return m.start("kind2"), m.end("num2"), m["kind2"], re.sub(r"\s+", "", m["num2"])
    if m["num3"]:
        return m.start("num3"), m.end("num3"), m["kind3"], re.sub(r"\s+", "", m["num3"])
    if m["num4"]:  # the kind is the one the bracketed title ends with
        kind = re.search(r"(建议|提案|议案)[^《》]{0,3}$", text[:m.start()])
        if kind is None:
            return None
        return m.start("num4"), m.end("num4"), kind.group(1), re.sub(r"\s+", "", m["num4"])
    kind = m["kind"]
    kind = {"代表建议": "建议", "委员提案": "提案", "批评": "意见"}.get(kind, kind)
    return m.start("num"), m.end("kind"), kind, re.sub(r"\s+", "", m["num"])


# -- subject ----------------------------------------------------------------------
_SUBJECT_BARE = re.compile(r"[“\"]?(?P<s>关于[^,，。;；:：“”\"《》\n]{2,80}?的(?:建议|提案|议案|意见|批评))[”\"]?")


@lru_cache(maxsize=8)
def _brackets(open_: str, close: str) -> re.Pattern:
    return re.compile(f"[{re.escape(open_)}{re.escape(close)}]")


def find_bracketed(text: str, open_: str = "《", close: str = "》") -> list[tuple[int, int]]:
    """Top-level ``《…》`` spans (inner ``<>``/``《》`` kept), as (start, end) of the inside text."""
    spans = []
    depth = 0
    start = 0
    for m in _brackets(open_, close).finditer(text):  # (the brackets only, not every character)
        i, ch = m.start(), m.group()
        if ch == open_:
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == close and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    return spans


def find_subject(text: str) -> tuple[int, int] | None:
    """The quoted title of the suggestion in an opening paragraph, without the outer 《》."""
    for lo, hi in find_bracketed(text):
        inner = text[lo:hi]
        if re.search(r"(?:建议|提案|议案|意见|批评|的函)$", inner) or "关于" in inner[:4]:
            return lo, hi
    m = _SUBJECT_BARE.search(text)
    if m:
        return m.start("s"), m.end("s")
    return None


# -- contact ----------------------------------------------------------------------
@dataclass(frozen=True)
class Contact:
    person: str | None
    phone: str | None


@lru_cache(maxsize=1)
def _contact_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    person = re.compile(rf"(?:{load_labels('contact_person')})\s*[:：]?\s*")
    phone = re.compile(rf"(?:{load_labels('contact_phone')})\s*[:：]?\s*")
    other = re.compile(rf"(?:{load_labels('contact_other')})\s*[:：]?")
    return person, phone, other


def is_contact_line(line: str) -> bool:
    person, phone, _ = _contact_patterns()
    return bool(person.search(line) or re.match(rf"^[(（]?(?:{load_labels('contact_phone')})\s*[:：]", line.strip()))


def parse_contact(text: str) -> Contact | None:
    """Person and phone from contact line(s): 联系人:邵 * ,联系电话:0579-82469726."""
    person_label, phone_label, other_label = _contact_patterns()
    person = None
    m = person_label.search(text)
    if m:
        rest = text[m.end():]
        # the name runs to the next separator, label, or number
        stop = re.search(rf"[,，;；、/\n)）]|\s{{2,}}|(?:{load_labels('contact_phone')})|(?:{load_labels('contact_other')})|\d|\(", rest)
        raw = rest[: stop.start()] if stop else rest
        raw = re.sub(r"[:：\s]", "", raw)
        # a unit before the name: 综合规划处李某 -> 李某
        unit = re.match(r"^[\u4e00-\u9fff]{2,12}?(?:处|科|室|股|中心|局|委|办)(?=[\u4e00-\u9fff*＊某×xX]{2,4}$)", raw)
        if unit and len(raw) - unit.end() >= 2:
            raw = raw[unit.end():]
        person = raw or None
        if person is None:
            # reversed or empty: 联系人及电话: 13812345678 王某
            tail = re.search(r"\d[\d\-—–\s]{6,}\d\s*[,，]?\s*([\u4e00-\u9fff*＊某×xX]{2,4})", rest)
            if tail:
                person = tail.group(1)
    if person is None:
        # 联系方式:0579-82469726(张某): the name in brackets after the number
        bracketed = re.search(r"\d\s*[(（]\s*([\u4e00-\u9fff*＊某×xX]{2,4})\s*[)）]", text)
        if bracketed:
            person = bracketed.group(1)
    phones = []
    for start, end, number in find_phones(text):
        before = text[max(0, start - 6):start]
        if re.search(r"传\s*真|邮\s*编|邮政编码", before):
            continue
        phones.append(number)
    phone = phones[0] if phones else None
    if person is None and phone is None:
        return None
    return Contact(person=person, phone=phone)
