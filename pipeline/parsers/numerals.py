"""Numbers written in Arabic digits, Chinese numerals (小写 and 大写) or a mix.

>>> parse_number("1,100")
Decimal('1100')
>>> parse_number("一千五百")
Decimal('1500')
>>> parse_number("二〇一九")
Decimal('2019')
>>> parse_number("伍仟")
Decimal('5000')
>>> parse_number("3.5万")
Decimal('35000')
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "O": 0, "0": 0,
    "一": 1, "壹": 1, "1": 1,
    "二": 2, "两": 2, "贰": 2, "貳": 2, "2": 2,
    "三": 3, "叁": 3, "參": 3, "3": 3,
    "四": 4, "肆": 4, "4": 4,
    "五": 5, "伍": 5, "5": 5,
    "六": 6, "陆": 6, "陸": 6, "6": 6,
    "七": 7, "柒": 7, "7": 7,
    "八": 8, "捌": 8, "8": 8,
    "九": 9, "玖": 9, "9": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

#: characters that may appear in a Chinese numeral
CN_NUMERAL_CHARS = "".join(k for k in DIGITS if not k.isascii()) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+")
_MIXED = re.compile(r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<scale>[万萬亿億千百]+)")


def _parse_cn_integer(text: str) -> int | None:
    """Chinese numeral (positional 一千五百 or digit-by-digit 二〇一九) to int."""
    if not text:
        return None
    if all(ch in DIGITS for ch in text):
        # digit-by-digit: 二〇一九, 二0一七
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0  # finished big-unit groups
    section = 0  # current group below 万
    number = None  # pending digit
    for ch in text:
        if ch in DIGITS:
            if number is not None and number != 0 and DIGITS[ch] != 0:
                # 三五 (a sloppy 三十五) or 十五 after 百: treat as positional failure
                return None
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            section += (1 if number is None else number) * unit
            number = None
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            section += number or 0
            if section == 0:
                section = 1
            if unit == 10**8:
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0
            number = None
        else:
            return None
    if number:
        # 三千五 = 3500: a trailing digit after a unit takes the next lower unit
        last_unit = _last_unit(text)
        if last_unit and last_unit >= 100 and text[-2] in SMALL_UNITS:
            section += number * (last_unit // 10)
        elif last_unit and last_unit >= 10**4 and text[-2] in BIG_UNITS:
            section += number * (last_unit // 10)
        else:
            section += number
    return total + section


def _last_unit(text: str) -> int | None:
    for ch in reversed(text[:-1]):
        if ch in SMALL_UNITS:
            return SMALL_UNITS[ch]
        if ch in BIG_UNITS:
            return BIG_UNITS[ch]
    return None


def parse_number(text: str) -> Decimal | None:
    """Parse a number written in any of the usual Chinese ways; ``None`` if it is not one."""
    text = (text or "").strip().replace("，", ",")
    if not text:
        return None
    if _ARABIC.fullmatch(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    m = _MIXED.fullmatch(text)
    if m:
        base = Decimal(m["num"].replace(",", ""))
        return exact(base * scale_factor(m["scale"]))
    value = _parse_cn_integer(text)
    return None if value is None else Decimal(value)


def exact(value: Decimal) -> Decimal:
    """Drop a meaningless fractional part: ``Decimal('120000000.0')`` -> ``Decimal('120000000')``."""
    if value == value.to_integral_value():
        try:
            return value.quantize(Decimal(1))
        except InvalidOperation:  # more digits than the context holds: keep the exponent
            return value.to_integral_value()
    return value.normalize()


def scale_factor(scale: str) -> int:
    """Multiplier of a scale word written after a number: 万 -> 10000, 千万 -> 10**7."""
    factor = 1
    for ch in scale or "":
        factor *= SMALL_UNITS.get(ch) or BIG_UNITS.get(ch) or 1
    return factor
