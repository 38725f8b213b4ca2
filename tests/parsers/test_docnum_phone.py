import pytest

from pipeline.parsers.docnum import find_doc_numbers, parse_doc_number
from pipeline.parsers.phone import find_phones

# fmt: off
DOC_NUMBERS = [
    ("金经信办建〔2023〕31号", "金经信办建", 2023, 31),
    ("西城管字[2023]8号", "西城管字", 2023, 8),
    ("国办发【2022】第5号", "国办发", 2022, 5),
    ("郑农建﹝2023﹞27号", "郑农建", 2023, 27),
    ("三府办函(2022)76号", "三府办函", 2022, 76),
    ("惠市交函（2023）12号", "惠市交函", 2023, 12),        # full-width round brackets
    ("并文旅函〔2022〕29号", "并文旅函", 2022, 29),        # 并 is the place code here, not a conjunction
    ("成发改字［2024］7号", "成发改字", 2024, 7),
    ("东府办〖2021〗3号", "东府办", 2021, 3),
]
NOT_DOC_NUMBERS = [
    "关于市政协十三届三次会议第B(2019)331号提案的答复",   # a proposal number with a year
    "第B(2019)331号",
]
IN_PROSE = [
    ("根据浙政发〔2023〕5号文件", "浙政发〔2023〕5号"),
    ("制定下发《方案》(金中小企业办〔2023〕1号),召开", "金中小企业办〔2023〕1号"),
    ("杭交建〔2024〕28号A类", "杭交建〔2024〕28号"),
    ("文件和浙政发〔2023〕5号", "浙政发〔2023〕5号"),
    pytest.param("根据并政发〔2023〕4号", "并政发〔2023〕4号",
                 marks=pytest.mark.xfail(reason="a one-character place code after 根据 is read as a conjunction")),
    ("关于市十七届人大二次会议第123号建议的答复(合农函〔2024〕5号)", "合农函〔2024〕5号"),  # inside a title
]
PHONES = [
    ("联系电话:0579-82469726", "0579-82469726"),
    ("经办人及联系电话:张三:0917—4936343", "0917-4936343"),
    ("手机:13812345678", "13812345678"),
    ("电话:023-65432100转8012", "023-65432100转8012"),
]
# fmt: on


@pytest.mark.parametrize("text,issuer,year,serial", DOC_NUMBERS)
def test_doc_numbers(text, issuer, year, serial):
    d = parse_doc_number(text)
    assert (d.issuer_code, d.year, d.serial) == (issuer, year, serial)


@pytest.mark.parametrize("text,found", IN_PROSE)
def test_doc_numbers_in_prose(text, found):
    assert [d.text for _, _, d in find_doc_numbers(text)] == [found]


@pytest.mark.parametrize("text,number", PHONES)
def test_phones(text, number):
    assert [p for _, _, p in find_phones(text)] == [number]


def test_postcode_is_not_a_phone():
    assert find_phones("邮编:321000") == []


@pytest.mark.parametrize("text", NOT_DOC_NUMBERS)
def test_not_doc_numbers(text):
    assert list(find_doc_numbers(text)) == []
