"""Faster scans must find what the plain patterns find.

The date and money patterns start with a look-ahead for the characters a match can start with
(their first alternatives are optional, so without it the scan tries every character); document
numbers are looked for from their bracketed years."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import targets
from pipeline.parsers import dates, docnum, money, percent, phone

PATTERNS = {
    "date": (dates.DATE_PATTERN, re.compile(dates.DATE_ALTERNATIVES, re.VERBOSE)),
    "money": (money.MONEY_PATTERN, re.compile(money.MONEY_ALTERNATIVES, re.VERBOSE)),
    "percent": (percent.PERCENT_PATTERN, re.compile(percent.PERCENT_ALTERNATIVES)),
    "phone": (phone.PHONE_PATTERN, re.compile(phone.PHONE_ALTERNATIVES, re.VERBOSE)),
    "quantity": (targets.quantity_pattern(), re.compile(targets.quantity_alternatives(), re.VERBOSE)),
}
ALPHABET = ("0123456789〇○零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟年月日号份度旬初中底末上下半季第前后以之来起"
            "至到今去明本近未约大将逾超不最高达少低多余人民币元美欧港块钱按每户亩整含“”\"'-—～/.,% ，。、（）()市局的和"
            "0123456789013800579转—–－家个项人%亩以上及内左右分％点")
# what may follow a first character: the rest of a date or an amount
TAILS = ("年", "月", "日", "季度", "半年", "五末", "023年", "月份", "年底", "前", "1-2021年", "万元", "0元", "千万元",
         "少于5万元", "人50元", "民币3亿元", "过10万元以上", "579-82469726", "3812345678", "010)12345678",
         "00-123-4567", "2469726", "000家以上", "十家", "2.5万亩", "5%", "分之三十", "2.5％")


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


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["金经信办建", "政发", "字", "第", "号", "根据", "会议", "AB", " ", "\n", "〔", "〕", "[", "]",
                                 "【", "】", "(", ")", "（", "）", "2023", "2019", "1999", "31", "5", "〔2023〕", "第5号"]),
                max_size=25))
def test_doc_numbers_from_bracketed_years_are_the_patterns_matches(pieces):
    text = "".join(pieces)
    assert ([m.span() for m in docnum.doc_number_matches(text)]
            == [m.span() for m in docnum.DOC_NUMBER_PATTERN.finditer(text)])


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_digits_taken_whole_change_no_money_match(text):
    """money.NUM takes a number's digits whole (\\d++): the same matches as giving them back."""
    backtracking = re.compile(money.MONEY_ALTERNATIVES.replace(r"\d++", r"\d+"), re.VERBOSE)
    assert _matches(money.MONEY_PATTERN, text) == _matches(backtracking, text)
