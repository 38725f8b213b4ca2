"""The reference letter (../shared/seeds), structured completely and correctly (issue 2)."""

import pytest


@pytest.fixture(scope="module")
def record(pipeline, seed_text):
    from pipeline.read import read_bytes

    return pipeline.process(read_bytes(seed_text.encode("utf-8"), "000_539943d701900076.txt"))


def of(record, kind):
    return [e for e in record.entities if e.type == kind]


def test_fields(record):
    assert record.title == "关于对金华市八届人大三次会议义12号建议答复的函"
    assert record.doc_number.model_dump() == {"text": "金经信办建〔2023〕31号", "issuer_code": "金经信办建",
                                              "year": 2023, "serial": 31}
    assert record.category == "A"
    assert record.meeting == "金华市八届人大三次会议"
    assert (record.proposal.kind, record.proposal.number) == ("建议", "义12号")
    assert (record.addressee.name, record.addressee.role) == ("何**", "代表")
    assert record.subject == "关于全面贯彻实施<浙江省促进中小微企业发展条例>的建议"
    assert record.sender == "金华市经济和信息化局"
    assert record.date == "2023-07-11"
    assert (record.contact.person, record.contact.phone) == ("邵*", "0579-82469726")
    assert record.cc == []


def test_sections(record):
    assert [(s.level, s.heading, len(s.children)) for s in record.sections] == [
        (1, "当前主要做法", 5), (1, "下步工作重点", 7)]


def test_money(record):
    amounts = [int(e.value.amount) for e in of(record, "money")]
    assert amounts == [500000, 300000, 1000000, 500000, 200000, 2000000, 500000, 800000, 100000]


def test_dates(record):
    found = [(e.text, e.value.iso) for e in of(record, "date")]
    isos = [iso for _, iso in found]
    for iso in ("2023-03-01", "2022", "2016", "2021", "2023-06", "2025"):
        assert iso in isos
    assert isos.count("2023-07-11") == 2
    assert ("9月底前", "2023-09") in found
    # no date from the 〔2023〕 of a document number
    doc_numbers = [(e.start, e.end) for e in of(record, "doc_number")]
    for e in of(record, "date"):
        assert not any(s <= e.start < t for s, t in doc_numbers)


def test_orgs(record):
    orgs = [(e.text, e.value.name) for e in of(record, "org")]
    assert orgs.count(("市经信局", "金华市经济和信息化局")) == 3
    assert orgs.count(("省经信厅", "浙江省经济和信息化厅")) == 2
    for pair in [("浙师大", "浙江师范大学"), ("金职院", "金华职业技术学院"), ("金华市委", "中共金华市委员会"),
                 ("市政府", "金华市人民政府")]:
        assert pair in orgs


def test_targets(record):
    targets = [(int(e.value.amount), e.value.unit, e.value.comparator, e.value.deadline) for e in of(record, "target")]
    assert targets == [(1000, "家", "=", None), (2000, "家", ">=", "2025"), (30, "家", ">=", "2025"),
                       (100, "家", ">=", "2025")]


def test_every_entity_carries_its_section(record):
    assert {e.section for e in of(record, "money")} == {"1.3"}
    assert {e.section for e in of(record, "target")} == {"1.2", "2.2"}
