"""The date and money patterns start with a look-ahead for the characters a match can start with
(their first alternatives are optional, so without it the scan tries every character), and the
date pattern's all-optional alternative is tried only where one of its parts matches. The
matches must be those of the patterns without these look-aheads."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parsers import dates, money

PATTERNS = {
    "date": (dates.DATE_PATTERN, re.compile(dates.DATE_ALTERNATIVES.replace(dates.CN_DATE_HERE, ""), re.VERBOSE)),
    "money": (money.MONEY_PATTERN, re.compile(money.MONEY_ALTERNATIVES, re.VERBOSE)),
}
ALPHABET = ("0123456789〇○零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟年月日号份度旬初中底末上下半季第前后以之来起"
            "至到今去明本近未约大将逾超不最高达少低多余人民币元美欧港块钱按每户亩整含“”\"'-—～/.,% ，。、（）()市局的和")
# what may follow a first character: the rest of a date or an amount
TAILS = ("年", "月", "日", "季度", "半年", "五末", "023年", "月份", "年底", "前", "1-2021年", "万元", "0元", "千万元",
         "少于5万元", "人50元", "民币3亿元", "过10万元以上")


def _matches(pattern, text):
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


@pytest.mark.parametrize("kind", sorted(PATTERNS))
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_the_look_ahead_keeps_every_match(kind, text):
    filtered, unfiltered = PATTERNS[kind]
    assert _matches(filtered, text) == _matches(unfiltered, text)


@pytest.mark.parametrize("kind", sorted(PATTERNS))
def test_no_character_outside_the_look_ahead_starts_a_match(kind):
    filtered, unfiltered = PATTERNS[kind]
    for code in range(0x20, 0xA000):
        for tail in TAILS:
            text = chr(code) + tail
            m = unfiltered.match(text)
            if m is not None and m.end() > 0:
                assert filtered.match(text), text
