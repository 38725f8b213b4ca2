"""Property tests: no text and no bytes make a parser or the pipeline raise.

The pipeline may refuse an input, but only with a :class:`PipelineError` (an error record with
a stable code); anything else is a bug. Odd values are flagged in the record, not raised.
"""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.normalize import normalize, simplify
from pipeline.parsers.dates import find_dates
from pipeline.parsers.docnum import find_doc_numbers
from pipeline.parsers.fields import find_meeting, find_proposal, find_subject, parse_addressee, parse_category, parse_contact
from pipeline.parsers.money import find_money
from pipeline.parsers.numerals import parse_number
from pipeline.parsers.phone import find_phones
from pipeline.read import read_bytes
from pipeline.letter import segment

# the characters letters are made of, weighted toward the ones the rules react to
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
SPECIAL = st.sampled_from(list("一二三四五六七八九十百千万亿元年月日号第届次会议代表委员局厅市省县区、。，：；（）()〔〕[]【】《》“”%-—.0123456789 \n\u3000"
                               "壹贰叁肆伍陆柒捌玖拾佰仟零〇○两余多约至到以上内前底起類號"))
FRAGMENTS = st.sampled_from([
    "解决类别：A", "办理结果：(C)", "杭交建〔2024〕28号", "关于市十四届人大三次会议第248号建议的答复", "何**代表：",
    "您提出的《关于加快停车设施建设的建议》收悉。", "一、工作现状", "（一）加强统筹。", "1.", "①", "第一，", "一是",
    "50万元", "1.2亿元", "十八至三十万元", "伍仟元整", "每人每月500元", "2023年6月6日", "二0一七年五月二十六日",
    "9月底前", "2020824", "2020年4月27", "今年1至5月", "“十四五”期间", "市经信局", "佛山市南海区住建局", "自治区",
    "到2025年，累计培育创新型中小企业2000家以上", "控制在15分钟以内", "联系人：邵 * ，联系电话：0579-82469726",
    "抄送：", "签发人：", "此复。", "杭州市交通运输局", "2024年5月20日", "<p>", "&nbsp;", "|---|---|", "。。",
])
TEXT = st.text(st.one_of(CJK, SPECIAL), max_size=400)
LETTERISH = st.lists(st.one_of(FRAGMENTS, st.text(st.one_of(CJK, SPECIAL), max_size=30)), max_size=40).map("".join)
REF = date(2023, 7, 11)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(TEXT, LETTERISH))
def test_parsers_never_raise(text):
    list(find_money(text))
    list(find_dates(text, REF))
    list(find_dates(text))
    list(find_doc_numbers(text))
    list(find_phones(text))
    find_meeting(text)
    find_proposal(text)
    find_subject(text)
    parse_addressee(text)
    parse_category(text)
    parse_contact(text)
    parse_number(text)


@SETTINGS
@given(st.one_of(TEXT, LETTERISH, st.text(max_size=300)))
def test_normalize_and_segment_never_raise(text):
    normalized = normalize(text)
    assert "\r" not in normalized and not normalized.startswith("\n")
    simplified = simplify(normalized)
    assert simplified is None or len(simplified) == len(normalized)
    segment(normalized)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.one_of(TEXT, LETTERISH))
def test_the_pipeline_gives_a_record_or_a_pipeline_error(pipeline, text):
    from pipeline.api import Document

    try:
        record = pipeline.process(Document(path="fuzz.txt", sha256="0", format="txt", text=text))
    except PipelineError:
        return
    for entity in record.entities:
        assert record.text[entity.start:entity.end] == entity.text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["txt", "html", "docx", "pdf"]))
def test_every_reader_on_random_bytes_gives_a_document_or_a_pipeline_error(data, fmt):
    try:
        document = read_bytes(data, f"fuzz.{fmt}", fmt)
    except PipelineError:
        return
    assert isinstance(document.text, str)


@settings(max_examples=100, deadline=None)
@given(st.one_of(TEXT, LETTERISH, st.text(max_size=300)),
       st.sampled_from(["utf-8", "gb18030", "utf-16-le", "utf-16", "big5"]))
def test_every_reader_on_encoded_and_marked_up_text(text, encoding):
    for fmt, data in (("txt", text.encode(encoding, errors="ignore")),
                      ("html", f"<html><body><div><p>{text}</p></div></body></html>".encode(encoding, errors="ignore"))):
        try:
            read_bytes(data, f"fuzz.{fmt}", fmt)
        except PipelineError:
            pass


def _damaged(kind):
    import random

    from .render import to_docx, to_pdf

    good = (to_docx if kind == "docx" else to_pdf)("关于某事的答复\n陈**代表：\n一、工作情况\n我局投入50万元。\n某某市某某局\n2024年5月20日")

    @st.composite
    def damaged(draw):
        data = bytearray(good)
        rng = random.Random(draw(st.integers(0, 10**9)))
        for _ in range(draw(st.integers(1, 20))):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if draw(st.booleans()):
            del data[rng.randrange(len(data)):]
        return bytes(data)

    return damaged()


@settings(max_examples=60, deadline=None)
@given(st.one_of(_damaged("docx"), _damaged("pdf")))
def test_damaged_docx_and_pdf_give_a_document_or_a_pipeline_error(data):
    fmt = "pdf" if data.startswith(b"%PDF") else "docx"
    try:
        read_bytes(data, f"fuzz.{fmt}", fmt)
    except PipelineError:
        pass
