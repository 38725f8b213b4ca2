from decimal import Decimal

import pytest

from pipeline.parsers.money import find_money, parse_money

D = Decimal

# fmt: off
SINGLE = [
    # 纯数金额
    ("50万元", D(500000), None),
    ("1.2亿元", D(120000000), None),
    ("3541.07万元", D(35410700), None),
    ("1,100万元", D(11000000), None),
    ("300元", D(300), None),
    ("3000万美元", D(30000000), None),
    # 中文数字 / 大写
    ("一千五百万元", D(15000000), None),
    ("三十万元", D(300000), None),
    ("伍仟元整", D(5000), "exact"),
    ("人民币壹万贰仟元整", D(12000), "exact"),
    # 模糊金额
    ("5000余万元", D(50000000), "more_than"),
    ("约300万元", D(3000000), "approx"),
    ("3000多元", D(3000), "more_than"),
    ("50万元以上", D(500000), "at_least"),
    ("50万元(含)", D(500000), "at_least"),
    ("不超过300元", D(300), "at_most"),
    # 角 and 分
    ("256元3角5分", D("256.35"), None),
    ("12元5角", D("12.5"), None),
    ("3元零5分", D("3.05"), None),
    # an order of magnitude: at least
    ("上千万元", D(10000000), "at_least"),
]
RANGES = [
    ("10-20万元", D(100000), D(200000)),
    ("50万元至100万元", D(500000), D(1000000)),
    ("十八至三十万元", D(180000), D(300000)),
    ("五千至一万元", D(5000), D(10000)),
    ("800—1500元", D(800), D(1500)),
    # the unit written once: the other end takes its scale, or its big unit
    ("三千到五千万元", D(30000000), D(50000000)),
    ("3-5千万元", D(30000000), D(50000000)),
    ("三到五千万元", D(30000000), D(50000000)),
    ("5千-8千万元", D(50000000), D(80000000)),
    ("1.5-2亿元", D(150000000), D(200000000)),
    # the lower end inclusive, a doubled dash
    ("2万(含)-8万元", D(20000), D(80000)),
    ("2万元--8万元", D(20000), D(80000)),
    ("2万元——8万元", D(20000), D(80000)),
    # only an order of magnitude: a vague range
    ("数十亿元", D(1000000000), D(10000000000)),
    ("几百万元", D(1000000), D(10000000)),
    ("数万元", D(10000), D(100000)),
]
RATES = [
    ("每人每月500元", D(500), "人·月"),
    ("2000元/人", D(2000), "人"),
    ("每亩8000元", D(8000), "亩"),
]
IN_TEXT = [
    ("给予50万元和30万元的一次性奖励", ["50万元", "30万元"]),
    ("共投入3541.07万元2.3万个", ["3541.07万元"]),     # a section number after the unit must not glue
    ("推进多元化发展", []),                              # 多元 is not money
    ("二元结构", []),                                    # a lone numeral before 元
    ("几十万元", ["几十万元"]), ("数百亿元", ["数百亿元"]),  # vague amounts: ranges
    ("十几万元", []),                                    # (11万 to 19万: not read, never 1万 to 10万)
    ("成千上万元", []),
    ("用时1元5分钟", ["1元"]),
    ("覆盖率达到90%", []),                               # percentages are not money
    ("培育企业2000家", []),                              # counts are not money
    ("元旦前发放", []),
]
# fmt: on


@pytest.mark.parametrize("text,amount,qualifier", SINGLE)
def test_single_amounts(text, amount, qualifier):
    value = parse_money(text)
    assert value is not None
    assert value.amount == amount
    assert value.qualifier == qualifier


@pytest.mark.parametrize("text,lo,hi", RANGES)
def test_ranges_carry_the_unit_to_both_ends(text, lo, hi):
    value = parse_money(text)
    assert (value.amount, value.min, value.max) == (None, lo, hi)


@pytest.mark.parametrize("text,amount,per", RATES)
def test_rates_keep_the_per_unit(text, amount, per):
    value = parse_money(text)
    assert (value.amount, value.per) == (amount, per)


@pytest.mark.parametrize("text,found", IN_TEXT)
def test_spotting_in_running_text(text, found):
    assert [text[s:e] for s, e, _ in find_money(text)] == found


def test_currency_is_kept():
    assert parse_money("3000万美元").currency == "USD"
    assert parse_money("50万元").currency == "CNY"


def test_implausible_amounts_are_flagged_not_raised():
    value = parse_money("1000000000000000000000000000000万元")
    assert value.amount > 0 and value.flags == ["implausible_amount"]
    assert parse_money("1.2亿元").flags == []
