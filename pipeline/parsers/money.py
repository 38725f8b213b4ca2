"""Money: spot amounts in running text and parse them to yuan.

Spotting (:func:`find_money`) and parsing (:func:`parse_money`) are separate:
the parser is a pure ``str -> MoneyValue | None`` usable on any span.

>>> parse_money("50万元").amount
Decimal('500000')
>>> v = parse_money("50万元至100万元"); (v.min, v.max)
(Decimal('500000'), Decimal('1000000'))
>>> parse_money("5000余万元").qualifier
'more_than'
>>> parse_money("伍仟元整").amount
Decimal('5000')
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, Literal

from pydantic import Field

from ..values import Amount, Value
from .numerals import exact, parse_number, scale_factor

_CN = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_CN_START = "〇○一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"

#: digits taken whole (``\d++``, Python 3.11 on): nothing after a number starts with a digit, so
#: giving some back can never make a match, only take time (the same matches: tested)
_DIGITS = r"\d++" if sys.version_info >= (3, 11) else r"\d+"
#: a number as it stands before a money unit
NUM = rf"""(?:
      (?<![\d.,])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![\d,])     # 1,100
    | (?<![\d.,]){_DIGITS}(?:\.{_DIGITS})?                    # 5000, 3541.07
    | (?<![{_CN}几数上成多])[{_CN_START}][{_CN}]*             # 一千五百, 伍仟
)"""
SCALE = r"(?:千万|百万|万亿|万|亿|千|百|萬|億)"
CURRENCY = r"(?:(?:元|圆|块钱|美元|欧元|港元|港币)(?:人民币)?|人民币)"
APPROX = r"(?:余|多|来)"
RANGE_SEP = r"(?:[-—–－~～]{1,2}|至|到)"  # 2万元--8万元 too
PREFIX = r"(?:约|大约|近|将近|逾|超过|超|不少于|不低于|不超过|不高于|最高|最多|最低|至少|高达|达)"
SUFFIX = r"(?:以上|以下|以内|左右|上下|(?:\((?:含|含本数)\))|整)"
PER_BEFORE = r"(?:按?(?:每(?:人|户|家|年|月|天|日|次|亩|平方米|平米|个|台|辆|吨|套|公里|所|床|村|名|位|学生|人次)){1,3})"
PER_AFTER = r"(?:/(?:人|户|家|年|月|天|日|次|亩|平方米|平米|㎡|个|台|辆|吨|套|公里|所|床|村|名|位|人次)(?:[·.]?(?:年|月|天|次))?)"

AMOUNT = rf"{NUM}{APPROX}?{SCALE}?{APPROX}?"
#: an amount given only by its order of magnitude: 数十亿, 几百万 (a range), 上千万 (at least)
VAGUE = r"(?:(?<![一二两三四五六七八九十百千\d])(?:数|几)|(?<![成千])上)(?:十|百|千|万)(?:万|亿)?"
INCLUSIVE = r"(?:\((?:含|含本数)\))"
#: jiao and fen after a whole number of yuan: 256元3角5分
JIAO_FEN = r"(?:(?P<jiao>[\d零一二两三四五六七八九])角)?(?:零?(?P<fen>[\d零一二两三四五六七八九])分(?!钟))?"

MONEY_ALTERNATIVES = rf"""
    (?P<per_before>{PER_BEFORE})?
    (?P<prefix>{PREFIX})?
    (?:人民币)?
    (?:
        (?P<lo>{AMOUNT})(?P<lo_cur>{CURRENCY})?{INCLUSIVE}?\s*{RANGE_SEP}\s*(?P<hi>{AMOUNT})(?P<cur>{CURRENCY})
      | (?P<single>{AMOUNT})(?P<cur1>{CURRENCY}){JIAO_FEN}
      | (?P<vague>{VAGUE})(?P<cur2>{CURRENCY})
    )
    (?![旦宵素化年])
    (?P<per_after>{PER_AFTER})?
    (?P<suffix>{SUFFIX})?
"""
#: every character an amount can start with (a rate word, a prefix, 人民币 or the number): the scan
#: skips all others at once (tests/parsers/test_fast_scans.py checks the matches are the same)
MONEY_FIRST = rf"[\d按每约大近将逾超不最至高达人数几上{_CN_START}]"
MONEY_PATTERN = re.compile(rf"(?={MONEY_FIRST})(?:{MONEY_ALTERNATIVES})", re.VERBOSE)

_AMOUNT_PARTS = re.compile(rf"(?P<num>{NUM})(?P<approx1>{APPROX})?(?P<scale>{SCALE})?(?P<approx2>{APPROX})?", re.VERBOSE)

QUALIFIERS = {
    "约": "approx", "大约": "approx", "左右": "approx", "上下": "approx", "来": "approx",
    "近": "less_than", "将近": "less_than",
    "余": "more_than", "多": "more_than", "逾": "more_than", "超过": "more_than", "超": "more_than",
    "以上": "at_least", "不少于": "at_least", "不低于": "at_least", "至少": "at_least", "最低": "at_least",
    "(含)": "at_least", "(含本数)": "at_least",
    "以下": "at_most", "以内": "at_most", "不超过": "at_most", "不高于": "at_most", "最高": "at_most",
    "最多": "at_most", "高达": "exact", "达": "exact", "整": "exact",
    "数": "vague", "几": "vague", "上": "at_least",
}
CURRENCIES = {"美元": "USD", "欧元": "EUR", "港元": "HKD", "港币": "HKD"}


class MoneyValue(Value):
    amount: Amount | None = Field(None, description="Amount in yuan (null for a range)")
    min: Amount | None = Field(None, description="Lower end of a range, in yuan")
    max: Amount | None = Field(None, description="Upper end of a range, in yuan")
    currency: str = Field("CNY", description="ISO 4217 code")
    qualifier: Literal["approx", "more_than", "less_than", "at_least", "at_most", "exact", "vague"] | None = Field(
        None, description="约/左右 -> approx, 余/多 -> more_than, 以上 -> at_least, 以内 -> at_most, 整 -> exact; "
                          "vague: only the order of magnitude is given (数十亿元 -> 1e9 to 1e10)")
    per: str | None = Field(None, description="Per-unit of a rate: 每人每月500元 -> 人·月")


#: amounts above this many yuan (about a year of the whole country's output) are flagged
IMPLAUSIBLE = Decimal(10) ** 14


def _flags(*amounts: Decimal | None) -> list[str]:
    return ["implausible_amount"] if any(a is not None and a > IMPLAUSIBLE for a in amounts) else []


def _amount(text: str, carried: str = "") -> tuple[Decimal, str | None] | None:
    """An amount's value and qualifier. ``carried`` is the scale word ending the other end of a
    range whose unit is written once (10-20万元, 3-5千万元), applied when this end has no big unit
    of its own: whole to a bare number (3 -> 3千万), its big unit alone to a number that has its
    small units (三千到五千万元 -> 三千万)."""
    m = _AMOUNT_PARTS.fullmatch(text)
    if not m:
        return None
    number = parse_number(m["num"])
    if number is None:
        return None
    approx = m["approx1"] or m["approx2"]
    value = number * scale_factor(m["scale"] or "")
    if carried and not any(unit in text for unit in "万亿萬億"):
        bare = m["scale"] is None and not any(unit in m["num"] for unit in "十百千拾佰仟")
        value *= scale_factor(carried if bare else "".join(ch for ch in carried if ch in "万亿萬億"))
    return exact(value), (QUALIFIERS[approx] if approx else None)


def parse_money(text: str) -> MoneyValue | None:
    """Parse a money expression (one spotted span) to a value in yuan."""
    m = MONEY_PATTERN.fullmatch((text or "").strip())
    if not m:
        return None
    return _value_from_match(m)


def _value_from_match(m: re.Match) -> MoneyValue | None:
    currency = CURRENCIES.get(m["cur"] or m["cur1"] or m["cur2"] or "", "CNY")
    qualifier = None
    if m["prefix"]:
        qualifier = QUALIFIERS.get(m["prefix"])
    if m["suffix"]:
        qualifier = QUALIFIERS.get(m["suffix"], qualifier)
    per = None
    if m["per_before"]:
        per = "·".join(re.findall(r"每([^每]+)", m["per_before"]))
    if m["per_after"]:
        per = m["per_after"].lstrip("/")
    if m["vague"]:
        return _vague(m["vague"], currency, per, qualifier)
    if m["single"]:
        parsed = _amount(m["single"])
        if parsed is None or (_is_lonely_numeral(m["single"]) and not m["suffix"]):
            return None
        amount, approx = parsed
        if m["jiao"] or m["fen"]:
            amount = exact(amount + _digit(m["jiao"]) / 10 + _digit(m["fen"]) / 100)
        return MoneyValue(amount=amount, currency=currency, qualifier=approx or qualifier, per=per,
                          flags=_flags(amount))
    hi = _amount(m["hi"])
    lo = _amount(m["lo"])
    if lo is None or hi is None:
        return None
    if not m["lo_cur"]:
        # the unit is written once for both ends: 10-20万元, 十八至三十万元, 三千到五千万元
        carried = _amount(m["lo"], carried=_trailing_scale(m["hi"]))
        if carried is not None and carried[0] <= hi[0]:
            lo = carried
    if lo[0] > hi[0]:
        return None
    return MoneyValue(min=lo[0], max=hi[0], currency=currency, qualifier=qualifier, per=per,
                      flags=_flags(lo[0], hi[0]))


def _vague(text: str, currency: str, per: str | None, qualifier: str | None) -> MoneyValue:
    """数十亿 -> 1e9 to 1e10 (vague); 上千万 -> at least 1e7."""
    magnitude = Decimal(scale_factor(text[1:]))
    if text[0] == "上":
        return MoneyValue(amount=exact(magnitude), currency=currency, qualifier="at_least", per=per,
                          flags=_flags(magnitude))
    return MoneyValue(min=exact(magnitude), max=exact(magnitude * 10), currency=currency,
                      qualifier=qualifier or "vague", per=per, flags=_flags(magnitude * 10))


def _digit(text: str | None) -> Decimal:
    return Decimal(0) if not text else parse_number(text) or Decimal(0)


def _trailing_scale(amount_text: str) -> str:
    """The scale word that ends an amount (万 in 20万, 千万 in 5千万), to carry to the other end of a range."""
    m = re.search(rf"{SCALE}{APPROX}?$", amount_text)
    return m.group(0).rstrip("余多来") if m else ""


def _is_lonely_numeral(text: str) -> bool:
    """A single Chinese numeral before 元 (二元结构, 一元化) is not an amount."""
    return len(text) == 1 and not text.isdigit()


@lru_cache(maxsize=8)
def money_matches(text: str) -> tuple[re.Match, ...]:
    """The pattern's matches in ``text``, before parsing (shared by the money rule and the
    segmenter's guard, which scan the same letter)."""
    return tuple(MONEY_PATTERN.finditer(text))


def find_money(text: str) -> Iterator[tuple[int, int, MoneyValue]]:
    """Yield ``(start, end, value)`` for every amount of money in ``text``."""
    for m in money_matches(text):
        value = _value_from_match(m)
        if value is not None:
            yield m.start(), m.end(), value
