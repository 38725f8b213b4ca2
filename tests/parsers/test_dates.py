from datetime import date

import pytest

from pipeline.parsers.dates import find_dates, parse_date

REF = date(2023, 7, 11)

# fmt: off
CASES = [
    ("2023年6月6日", "2023-06-06", "day"),
    ("2023-07-13", "2023-07-13", "day"),
    ("2023-07-13 18:01:41", "2023-07-13", "day"),
    ("二〇一九年七月八日", "2019-07-08", "day"),
    ("二0一七年五月二十六日", "2017-05-26", "day"),     # zero written as the digit
    ("2016年", "2016", "year"),
    ("2023年度", "2023", "year"),
    ("7月11日", "2023-07-11", "day"),                   # year-less: the letter's year
    ("6月份", "2023-06", "month"),
    ("9月底前", "2023-09", "month"),
    ("7月中下旬", "2023-07", "month"),
    ("去年12月", "2022-12", "month"),                   # a relative year with a month
    ("今年1月15日", "2023-01-15", "day"),
    ("明年3月底前", "2024-03", "month"),
    ("“十四五”末", "2025", "year"),                     # the plan's last year
    ("2018年元月1日", "2018-01-01", "day"),              # 元月: January
    ("元月份", "2023-01", "month"),
]
RANGES = [
    ("2023年至2025年", "2023", "2025"),
    ("2021-2025年", "2021", "2025"),
    ("2023年1月至6月", "2023-01", "2023-06"),
    ("“十四五”期间", "2021", "2025"),
    ("今后三年", "2023", "2025"),
    ("近三年", "2021", "2023"),
    ("今年1至5月", "2023-01", "2023-05"),               # a month range inside a year
    ("2022年1-6月", "2022-01", "2022-06"),
    ("1至5月份", "2023-01", "2023-05"),
    ("去年1月至9月", "2022-01", "2022-09"),
    ("今年上半年", "2023-01", "2023-06"),                # parts of a year: the months they cover
    ("2022年第三季度", "2022-07", "2022-09"),
    ("前三季度", "2023-01", "2023-09"),
    ("2023年7月11日至13日", "2023-07-11", "2023-07-13"),  # the month carried to the end day
    ("7月11日-15日", "2023-07-11", "2023-07-15"),
]
GARBLED = [
    ("2020824", "2020-08-24"),                          # digits run together
    ("2020年4月27", "2020-04-27"),                      # 日 lost
    ("201759日", "2017-05-09"),                         # 年 and 月 lost, 日 kept
]
COMPACT = [("20230711", "2023-07-11")]
RELATIVE = [("今年", "2023"), ("去年", "2022"), ("明年", "2024"), ("年底前", "2023"),
            ("前年", "2021"), ("后年", "2025")]  # (前, 后 alone are no date: they no longer hide 前年)
NOT_DATES = [
    "金中小企业办〔2023〕1号",          # a year in a doc number is not a date
    "1133070000259288XD/2023-04654",    # nor in an index number
    "培育2000家",                        # a count
    "12个月", "500年历史", "13月1日",
    "电话:0851-2020824",                  # a phone number
    "投入2020824元",                      # an amount
    "6月3,",                              # a lost 日 needs the year too
    "编号2051306",                        # seven digits far from the letter's year: a number
    "国邮办发〔201649 号)",               # a doc number that lost its brackets' end
    "3000元月薪",                         # 元 of money, not 元月
]
# fmt: on


@pytest.mark.parametrize("text,iso,precision", CASES)
def test_dates(text, iso, precision):
    value = parse_date(text, ref=REF)
    assert (value.iso, value.precision) == (iso, precision)


@pytest.mark.parametrize("text,start,end", RANGES)
def test_ranges(text, start, end):
    value = parse_date(text, ref=REF)
    assert (value.start, value.end) == (start, end)


@pytest.mark.parametrize("text,iso", RELATIVE)
def test_relative_words_resolve_against_the_letter(text, iso):
    value = parse_date(text, ref=REF)
    assert value.iso == iso and value.relative


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert list(find_dates(text, REF)) == []


def test_month_end_deadline_keeps_part_and_relation():
    value = parse_date("9月底前", ref=REF)
    assert (value.part, value.relation, value.inferred_year) == ("end", "before", True)


def test_impossible_day_is_flagged_not_raised():
    value = parse_date("2023年2月30日", ref=REF)
    assert value.iso is None and value.flags == ["invalid_day"]


def test_year_less_without_reference_keeps_month_and_day():
    assert parse_date("7月11日").iso == "--07-11"


@pytest.mark.parametrize("text,iso", GARBLED)
def test_garbled_dates_are_read_and_flagged(text, iso):
    value = parse_date(text, ref=REF)
    assert value.iso == iso and value.flags and value.flags[0].startswith("garbled")


@pytest.mark.parametrize("text,iso", COMPACT)
def test_compact_dates_are_not_flagged(text, iso):
    value = parse_date(text, ref=REF)
    assert (value.iso, value.flags) == (iso, [])


def test_garbled_date_in_a_sentence():
    found = [(text[s:e], v.iso, v.flags) for text in ["已于2020年4月27,召开协调会。"] for s, e, v in find_dates(text, REF)]
    assert found == [("2020年4月27", "2020-04-27", ["garbled:day_without_unit"])]


def test_a_count_after_the_month_is_not_a_lost_day():
    text = "截至2023年4月27家企业完成改造"
    assert [(text[s:e], v.iso) for s, e, v in find_dates(text, REF)] == [("2023年4月", "2023-04")]


def test_a_part_of_a_year_is_its_year_with_the_part_named():
    value = parse_date("2022年第三季度", ref=REF)
    assert (value.iso, value.part, value.start, value.end) == ("2022", "q3", "2022-07", "2022-09")

