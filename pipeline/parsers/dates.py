"""Dates: spot calendar references and normalize them against the letter's own date.

>>> from datetime import date
>>> parse_date("2023年7月11日").iso
'2023-07-11'
>>> parse_date("7月11日", ref=date(2023, 7, 11)).iso
'2023-07-11'
>>> parse_date("二〇一九年七月八日").iso
'2019-07-08'
>>> v = parse_date("9月底前", ref=date(2023, 7, 11)); (v.iso, v.part, v.relation)
('2023-09', 'end', 'before')
>>> v = parse_date("2021-2025年"); (v.start, v.end)
('2021', '2025')
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache
from typing import Iterator, Literal

from pydantic import Field

from ..values import Value
from .numerals import parse_number

_CN_DIGIT = "〇○零一二三四五六七八九0"
YEAR = rf"(?:(?<![0-9.])\d{{4}}(?![0-9])|[{_CN_DIGIT}]{{4}})"
MONTH = r"(?:1[0-2](?![0-9])|0?[1-9](?![0-9])|十[一二]?|[一二三四五六七八九]|(?<![0-9万千百亿])元(?=月))"  # 元月: January
DAY = r"(?:3[01](?![0-9])|[12][0-9](?![0-9])|0?[1-9](?![0-9])|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
PART = r"(?:上中旬|中下旬|上旬|中旬|下旬|初|中|底|末)"
RELATION = r"(?:以前|之前|前|以来|起|以后|之后|后)"

CN_DATE = rf"""
    (?:(?P<y>{YEAR})\s*年(?:度)?\s*)?
    (?:(?P<m>{MONTH})\s*月(?:份)?\s*)?
    (?:(?P<d>{DAY})\s*[日号]
      | (?<=月)(?P<gd>3[01]|[12][0-9]|0?[1-9])(?![0-9日号])(?=\s*[,，。;；、)）]|\s|$)
    )?
"""
# CN_DATE's parts are all optional: it is tried only where a year, month or day is written, so it
# never matches the empty string, nor a part or relation word alone (中, 前, 以来: no date, and a
# match that hid 前年 and 后年 from the relative-year alternative after it)
CN_DATE_HERE = rf"""(?=(?:{YEAR})\s*年|(?:{MONTH})\s*月|(?:{DAY})\s*[日号]
    |(?<=月)(?:3[01]|[12][0-9]|0?[1-9])(?![0-9日号])(?=\s*[,，。;；、)）]|\s|$))"""
# a lost 日: 2020年4月27, -> flagged; only after a full year and month (see _value_from_match)
COMPACT_DATE = r"""
    (?<![0-9A-Za-z.\-/〔\[(（])(?P<cy>(?:19|20)[0-9]{2})(?P<cm>1[0-2]|0[1-9]|[1-9])(?P<cd>3[01]|[12][0-9]|0[1-9]|[1-9])
    (?:(?P<cday>日)|(?![0-9.%])(?!\s*号)(?=\s*[,，。;；、)）前后起至到]|\s|$))
"""
MONTH_RANGE = rf"""
    (?:(?P<mry>{YEAR})\s*年\s*|(?P<mrrel>今年|去年|明年|本年度?))?
    (?<![0-9])(?P<mr1>{MONTH})\s*(?:月份?)?\s*(?:-|—|–|~|～|至|到)\s*(?P<mr2>{MONTH})\s*月(?:份)?
"""
ISO_DATE = r"""
    (?<![0-9A-Za-z/.\-])(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?![0-9])
    (?:\s*\d{1,2}:\d{2}(?::\d{2})?)?
"""
YEAR_RANGE = rf"(?P<ry1>{YEAR})\s*年?\s*(?:-|—|–|－|~|～|至|到)\s*(?P<ry2>{YEAR})\s*年"
FIVE_YEAR_PLAN = r"[“\"']?(?P<plan>十[一二三四五六七八九]五)[”\"']?(?:(?P<planpart>末|初)|期间|时期|规划期)?"
RELATIVE = r"(?P<rel>今年|去年|前年|明年|后年|本年度|今后(?P<rn1>[一二三四五六七八九十两\d]+)年|未来(?P<rn2>[一二三四五六七八九十两\d]+)年|近(?P<rn3>[一二三四五六七八九十两\d]+)年)"
YEAR_END = r"(?<![0-9〇○零一二三四五六七八九十])(?P<ye>今年年?|年)(?P<yepart>底|末)"
# 去年12月, 今年1月15日, 明年3月底前: a relative year with a month
# 2023年上半年, 今年第三季度, 前三季度: a part of a year, as a month range
YEAR_PART = rf"""
    (?:(?P<ypy>{YEAR})\s*年(?:度)?\s*|(?P<ypr>今年|去年|明年|本年度?))?
    (?P<yp>上半年|下半年|前三季度|第?[一二三四1-4]季度)
"""
REL_MONTH = rf"""(?P<rmy>今年|去年|前年|明年|后年)\s*(?P<rmm>{MONTH})\s*月(?:份)?\s*(?:(?P<rmd>{DAY})\s*[日号])?
    (?P<rmpart>{PART})?(?P<rmrel>{RELATION})?"""

DATE_ALTERNATIVES = rf"""
    (?:{YEAR_RANGE})
  | (?:{ISO_DATE})
  | (?:{COMPACT_DATE})
  | (?:{MONTH_RANGE})
  | (?:{YEAR_PART})
  | (?:{REL_MONTH})
  | (?:(?<![0-9]){CN_DATE_HERE}{CN_DATE}(?P<part>{PART})?(?P<rel1>{RELATION})?)
  | (?:{YEAR_END}(?P<rel2>{RELATION})?)
  | (?:{FIVE_YEAR_PLAN})
  | (?:{RELATIVE})
"""
#: every character a date can start with: the scan skips all others at once.
#: tests/parsers/test_fast_scans.py checks that the matches are those of the alternatives without
#: this look-ahead.
DATE_FIRST = "[\\d〇○零一二三四五六七八九十今去前明后本近未年上下第元“\"']"
DATE_PATTERN = re.compile(rf"(?={DATE_FIRST})(?:{DATE_ALTERNATIVES})", re.VERBOSE)
RANGE_SEP = re.compile(r"\s*(?:-|—|–|－|~|～|至|到)\s*")
_DAY_END = re.compile(rf"\s*(?:-|—|–|－|~|～|至|到)\s*(?P<d2>{DAY})\s*[日号]")

PARTS = {"上旬": "early", "初": "start", "中旬": "mid", "中": "mid", "下旬": "late", "底": "end", "末": "end",
         "上中旬": "early", "中下旬": "late"}
#: parts of a year: the months they cover
YEAR_PARTS = {"上半年": (1, 6), "下半年": (7, 12), "一季度": (1, 3), "二季度": (4, 6), "三季度": (7, 9),
              "四季度": (10, 12), "前三季度": (1, 9), "1季度": (1, 3), "2季度": (4, 6), "3季度": (7, 9),
              "4季度": (10, 12)}
YEAR_PART_NAMES = {"上半年": "h1", "下半年": "h2", "一季度": "q1", "二季度": "q2", "三季度": "q3", "四季度": "q4",
                   "前三季度": "q1-q3", "1季度": "q1", "2季度": "q2", "3季度": "q3", "4季度": "q4"}
RELATIONS = {"前": "before", "以前": "before", "之前": "before", "以来": "since", "起": "since",
             "后": "after", "以后": "after", "之后": "after"}
PLANS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}
MIN_YEAR, MAX_YEAR = 1949, 2100


class DateValue(Value):
    iso: str | None = Field(None, description="ISO date with the precision written: 2023, 2023-06, 2023-09-30; "
                                              "start/end for a range; --MM-DD when the year is unknown")
    precision: Literal["year", "month", "day"] | None = None
    start: str | None = Field(None, description="Start of a range")
    end: str | None = Field(None, description="End of a range")
    part: Literal["start", "early", "mid", "late", "end", "h1", "h2", "q1", "q2", "q3", "q4", "q1-q3"] | None = Field(
        None, description="底 -> end, 上旬 -> early; a part of a year: 上半年 -> h1, 第三季度 -> q3, 前三季度 -> q1-q3")
    relation: Literal["before", "after", "since"] | None = Field(None, description="前 -> before, 以来 -> since …")
    relative: bool = Field(False, description="Written relative to the letter's date (今年, 今后三年)")
    inferred_year: bool = Field(False, description="The year was taken from the letter's own date")


def _num(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)  # (as parse_number reads it, without its work)
    if text == "元":
        return 1  # 元月
    value = parse_number(text.replace("○", "〇"))
    return None if value is None else int(value)


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _iso(y: int | None, m: int | None, d: int | None) -> tuple[str | None, str | None, list[str]]:
    """ISO text and precision; ``--MM-DD`` when the year is unknown; flags for impossible dates."""
    if m is not None and not 1 <= m <= 12:
        return None, None, ["invalid_month"]
    if y is not None and not MIN_YEAR <= y <= MAX_YEAR:
        return None, None, ["year_out_of_range"]
    if d is not None:
        if m is None:
            return None, None, ["day_without_month"]
        last = 29 if m == 2 and calendar.isleap(y or 2000) else _DAYS_IN_MONTH[m]  # (2000: 2月29日 stays valid)
        if not 1 <= d <= last:
            return None, None, ["invalid_day"]
        return (f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"), "day", []
    if m is not None:
        return (f"{y:04d}-{m:02d}" if y else f"--{m:02d}"), "month", []
    if y is not None:
        return f"{y:04d}", "year", []
    return None, None, ["empty_date"]


def _value_from_match(m: re.Match, ref: date | None) -> DateValue | None:
    g = m  # (the groups are read by name, m["y"]: a dict of all 45 costs more than the few read)
    ref_year = ref.year if ref else None
    if g["ry1"]:
        y1, y2 = _num(g["ry1"]), _num(g["ry2"])
        if y1 is None or y2 is None or not (MIN_YEAR <= y1 <= y2 <= MAX_YEAR):
            return None
        return DateValue(iso=f"{y1}/{y2}", precision="year", start=str(y1), end=str(y2))
    if g["iy"]:
        iso, precision, flags = _iso(int(g["iy"]), int(g["im"]), int(g["id"]))
        return DateValue(iso=iso, precision=precision, flags=flags)
    if g["cy"]:
        return _compact(g, ref_year)
    if g["mr1"]:
        return _month_range(g, ref_year)
    if g["yp"]:
        return _year_part(g, ref_year)
    if g["rmy"]:
        return _relative_month(g, ref_year)
    if g["plan"]:
        return _plan(g)
    if g["rel"]:
        return _relative(g, ref_year)
    if g["ye"]:
        flags = [] if ref_year else ["year_unknown"]
        return DateValue(iso=str(ref_year) if ref_year else None, precision="year" if ref_year else None,
                         part="end", relation=RELATIONS.get(g["rel2"] or ""),
                         relative=True, inferred_year=bool(ref_year), flags=flags)
    if not (g["y"] or g["m"]):
        return None
    y, mo, d = _num(g["y"]), _num(g["m"]), _num(g["d"])
    garbled = []
    if g["gd"]:
        if not (g["y"] and g["m"]):
            return None  # 6月3, : not a date at all, the 3 is a count or a list number
        d, garbled = int(g["gd"]), ["garbled:day_without_unit"]
    inferred = False
    if y is None and ref_year is not None:
        y, inferred = ref_year, True
    iso, precision, flags = _iso(y, mo, d)
    flags = garbled + flags
    return DateValue(iso=iso, precision=precision, part=PARTS.get(g["part"] or ""),
                     relation=RELATIONS.get(g["rel1"] or ""), inferred_year=inferred, flags=flags)


def _relative_month(g: re.Match, ref_year: int | None) -> DateValue:
    """A month or day of a year named relative to the letter's: 去年12月, 明年6月底前."""
    if ref_year is None:
        return DateValue(relative=True, flags=["year_unknown"])
    offset = {"今年": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}[g["rmy"]]
    iso, precision, flags = _iso(ref_year + offset, _num(g["rmm"]), _num(g["rmd"]))
    return DateValue(iso=iso, precision=precision, part=PARTS.get(g["rmpart"] or ""),
                     relation=RELATIONS.get(g["rmrel"] or ""), relative=True, flags=flags)


def _plan(g: re.Match) -> DateValue | None:
    """A five-year plan: “十四五” is 2021/2025, “十四五”末 its last year, 初 its first."""
    first = PLANS.get(g["plan"])
    if first is None:
        return None
    if g["planpart"]:
        year = str(first + 4 if g["planpart"] == "末" else first)
        return DateValue(iso=year, precision="year", part=PARTS[g["planpart"]], relative=False)
    return DateValue(iso=f"{first}/{first + 4}", precision="year", start=str(first), end=str(first + 4))


def _compact(g: re.Match, ref_year: int | None) -> DateValue | None:
    """2020824 / 20200824: digits run together. Seven digits are a garbled date, flagged; a year far
    from the letter's (2051306 in a 2023 letter) makes the run a number, not a date."""
    digits = g["cy"] + g["cm"] + g["cd"]
    year = int(g["cy"])
    if not (ref_year - 30 <= year <= ref_year + 5 if ref_year else 1980 <= year <= 2035):
        return None
    iso, precision, flags = _iso(year, int(g["cm"]), int(g["cd"]))
    if iso is None:
        return None
    if len(digits) != 8:
        flags = ["garbled:digits_run_together"]
        if len(digits) == 7 and g["cm"] == "1" and g["cd"][0] in "012":
            flags.append("ambiguous")  # 2021112: 2021-01-12 or 2021-11-02
    return DateValue(iso=iso, precision=precision, flags=flags)


def _year_part(g: re.Match, ref_year: int | None) -> DateValue | None:
    """2023年上半年 -> 2023 (part h1, 2023-01..2023-06); 第三季度 in a 2023 letter -> 2023 (q3, 07..09)."""
    m1, m2 = YEAR_PARTS[g["yp"].lstrip("第")]
    year, inferred, relative = _num(g["ypy"]), False, False
    if g["ypr"]:
        relative = True
        year = ref_year + {"去年": -1, "明年": 1}.get(g["ypr"], 0) if ref_year else None
    elif year is None:
        year, inferred = ref_year, ref_year is not None
    if year is None:
        return DateValue(relative=relative, flags=["year_unknown"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    # the year is the date (今年下半年 is in 2023); part says which months, start and end bound them
    return DateValue(iso=f"{year:04d}", precision="year", start=f"{year:04d}-{m1:02d}", end=f"{year:04d}-{m2:02d}",
                     part=YEAR_PART_NAMES[g["yp"].lstrip("第")], relative=relative, inferred_year=inferred)


def _month_range(g: re.Match, ref_year: int | None) -> DateValue | None:
    """1至5月, 2023年1-6月, 今年1至5月: a month range inside one year."""
    m1, m2 = _num(g["mr1"]), _num(g["mr2"])
    if m1 is None or m2 is None or not 1 <= m1 < m2 <= 12:
        return None
    year, inferred, relative = _num(g["mry"]), False, False
    if g["mrrel"]:
        relative = True
        offset = {"去年": -1, "明年": 1}.get(g["mrrel"], 0)
        year = ref_year + offset if ref_year else None
    elif year is None:
        year, inferred = ref_year, ref_year is not None
    if year is None:
        return DateValue(iso=f"--{m1:02d}/--{m2:02d}", precision="month", start=f"--{m1:02d}",
                         end=f"--{m2:02d}", flags=["year_unknown"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    start, end = f"{year:04d}-{m1:02d}", f"{year:04d}-{m2:02d}"
    return DateValue(iso=f"{start}/{end}", precision="month", start=start, end=end,
                     relative=relative, inferred_year=inferred)


def _relative(g: re.Match, ref_year: int | None) -> DateValue:
    word = g["rel"]
    if ref_year is None:
        return DateValue(relative=True, flags=["year_unknown"])
    offsets = {"今年": 0, "本年度": 0, "去年": -1, "前年": -2, "明年": 1, "后年": 2}
    if word in offsets:
        return DateValue(iso=str(ref_year + offsets[word]), precision="year", relative=True)
    n = _num(g["rn1"] or g["rn2"] or g["rn3"]) or 1
    if g["rn3"]:  # 近三年: the last n years up to this one
        start, end = ref_year - n + 1, ref_year
    else:  # 今后三年, 未来三年: this year and the next n-1
        start, end = ref_year, ref_year + n - 1
    return DateValue(iso=f"{start}/{end}", precision="year", start=str(start), end=str(end), relative=True)


def parse_date(text: str, ref: date | None = None) -> DateValue | None:
    """Parse one date expression; year-less dates take ``ref``'s year."""
    text = (text or "").strip()
    spans = list(find_dates(text, ref))
    if len(spans) == 1 and spans[0][0] == 0 and spans[0][1] == len(text):
        return spans[0][2]
    return None


def find_dates(text: str, ref: date | None = None) -> Iterator[tuple[int, int, DateValue]]:
    """Yield ``(start, end, value)`` for each date or date range in ``text``.

    Two dates joined by 至/到/- become one range; the later end takes the
    earlier end's year when it has none (2023年1月至6月).
    """
    return iter(_found_dates(text, ref))


@lru_cache(maxsize=8)
def _found_dates(text: str, ref: date | None) -> tuple[tuple[int, int, DateValue], ...]:
    """:func:`find_dates`'s answer, kept for the last few letters: the date rule and the segmenter's
    guard read the same letter against the same reference date, and it is parsed once."""
    return tuple(_dates(text, ref))


def _dates(text: str, ref: date | None) -> Iterator[tuple[int, int, DateValue]]:
    found = []
    for m in _date_matches(text):
        value = _value_from_match(m, ref)
        if value is not None:
            found.append((m.start(), m.end(), value))
    i = 0
    while i < len(found):
        start, end, value = found[i]
        if value.precision == "day" and value.iso and not value.start:
            day_range = _DAY_END.match(text, end)  # 2023年7月11日至13日: the month carried to the end
            if day_range and (i + 1 >= len(found) or found[i + 1][0] >= day_range.end()):
                last = _num(day_range["d2"])
                try:
                    end_iso = date(int(value.iso[:4]), int(value.iso[5:7]), last).isoformat() if last else None
                except ValueError:
                    end_iso = None
                if end_iso and end_iso > value.iso:
                    yield start, day_range.end(), DateValue(
                        iso=f"{value.iso}/{end_iso}", precision="day", start=value.iso, end=end_iso,
                        inferred_year=value.inferred_year)
                    i += 1
                    continue
        if i + 1 < len(found):
            n_start, n_end, n_value = found[i + 1]
            sep = RANGE_SEP.fullmatch(text[end:n_start])
            if sep and value.precision and n_value.precision and not value.start and not n_value.start:
                merged = _merge_range(text[start:end], value, text[n_start:n_end], n_value)
                if merged is not None:
                    yield start, n_end, merged
                    i += 2
                    continue
        yield start, end, value
        i += 1


@lru_cache(maxsize=8)
def _date_matches(text: str) -> tuple[re.Match, ...]:
    """The pattern's non-empty matches in ``text`` (a letter is scanned once for its dates and once
    for the segmenter's guard points: the scan is shared)."""
    return tuple(m for m in DATE_PATTERN.finditer(text) if m.end() > m.start())


def _merge_range(lo_text: str, lo: DateValue, hi_text: str, hi: DateValue) -> DateValue | None:
    lo_iso, hi_iso = lo.iso, hi.iso
    if lo_iso is None or hi_iso is None:
        return None
    if hi.inferred_year and "年" in lo_text and "年" not in hi_text:
        hi_iso = lo_iso[:4] + hi_iso[4:]  # 2023年1月至6月: 6月 is in 2023
    if hi_iso < lo_iso:
        return None
    return DateValue(iso=f"{lo_iso}/{hi_iso}", precision=hi.precision, start=lo_iso, end=hi_iso,
                     inferred_year=lo.inferred_year)


def interval(value: dict) -> tuple[str | None, str | None]:
    """The first and last day a date value (as JSON data) covers: 2023 -> 2023-01-01..2023-12-31;
    a range spans both ends.

    >>> interval({"iso": "2023-09", "precision": "month"})
    ('2023-09-01', '2023-09-30')
    >>> interval({"iso": "2021/2025", "start": "2021", "end": "2025"})
    ('2021-01-01', '2025-12-31')
    """
    start, end = value.get("start"), value.get("end")
    if start and end:
        return _bounds(start)[0], _bounds(end)[1]
    iso = value.get("iso")
    return _bounds(iso) if iso else (None, None)


@lru_cache(maxsize=4096)
def _bounds(iso: str) -> tuple[str | None, str | None]:
    parts = iso.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None, None  # --07-11: the year is unknown
    y = int(parts[0])
    if len(parts) == 1:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    m = int(parts[1])
    if len(parts) == 2:
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return iso, iso
