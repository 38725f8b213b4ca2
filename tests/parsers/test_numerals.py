from decimal import Decimal

import pytest

from pipeline.parsers.numerals import parse_number

# fmt: off
CASES = [
    ("5000", 5000), ("1,100", 1100), ("3541.07", Decimal("3541.07")), ("1.2亿", 120000000),
    ("十", 10), ("十八", 18), ("三十", 30), ("一百零五", 105), ("两千", 2000), ("三千五", 3500),
    ("一千五百万", 15000000), ("一亿二千万", 120000000), ("二十万零五百", 200500),
    ("伍仟", 5000), ("壹万贰仟叁佰", 12300), ("二〇一九", 2019), ("二0一七", 2017),
]
# fmt: on


@pytest.mark.parametrize("text,value", CASES)
def test_numbers(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "多少", "三十五个"])
def test_not_numbers(text):
    assert parse_number(text) is None
