"""Layout noise: the same letter damaged in the ways portal copies are damaged gives the same record.

Each row transforms one clean letter (line breaks lost, traditional characters, stray HTML,
doubled punctuation, bullets …) and checks the core fields, sections and entities against
the clean letter's, compared after traditional -> simplified folding.
"""

import re

import opencc
import pytest

LETTER = """办理结果：B类
筑交建〔2024〕19号
关于市十五届人大三次会议第86号建议的答复
罗**代表：
您提出的《关于加快城市公交线网优化提升出行效率的建议》收悉。经认真研究，现答复如下：
一、公交线网优化情况
（一）开展线网评估。2023年，我局委托贵州大学对全市312条公交线路开展客流评估，投入评估经费85万元，梳理重复线路46条。
（二）实施线路调整。今年以来，市公交集团调整优化线路27条，新开社区微循环线路9条，市财政局安排专项补贴1200万元。
二、下一步工作
（一）完善站点设施。计划到2025年，新建港湾式停靠站120个以上，公交站点500米覆盖率达到95%。
（二）加强部门协同。会同市自然资源和规划局、市住房和城乡建设局在新建小区同步规划公交场站，9月底前完成首批3个场站选址。
再次感谢您对公交工作的关心和支持！
联系人：杨某某，联系电话：0851-85521234
贵阳市交通运输局
2024年6月18日"""

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")


def _one_line(text):
    return "".join(text.split("\n"))


def _html(text):
    return "".join(f"<p>{line}</p>\n" for line in text.split("\n")).replace("：", "：&nbsp;", 1)


def _doubled(text):
    return text.replace("。", "。。", 3).replace("，", "，，", 2)


def _bullets(text):
    return re.sub(r"^(（[一二]）)", r"• \1", text, flags=re.M)


def _half_width(text):
    return text.translate(str.maketrans("：，（）；", ":,();"))


def _indented(text):
    return "\n".join("\u3000\u3000" + line for line in text.split("\n"))


def _spaced_title(text):
    return text.replace("建议的答复\n", "建议的\n答 复\n", 1)


def _no_colon(text):
    return text.replace("罗**代表：", "尊敬的罗**代表")


def _blank_lines(text):
    return text.replace("\n", "\n\n\r\n")


# fmt: off
LAYOUTS = [
    ("crlf", lambda t: t.replace("\n", "\r\n")),
    ("indented with ideographic spaces", _indented),
    ("blank lines between paragraphs", _blank_lines),
    ("half-width punctuation", _half_width),
    ("doubled punctuation", _doubled),
    ("stray html tags and entities", _html),
    ("bullets before headings", _bullets),
    ("title split over two lines", _spaced_title),
    ("addressee without a colon", _no_colon),
    ("traditional characters", lambda t: _S2T.convert(t)),
    ("whole letter on one line", _one_line),
    ("traditional and on one line", lambda t: _S2T.convert(_one_line(t))),
]
# fmt: on


def _fold(value):
    return re.sub(r"\s+", "", _T2S.convert(str(value))) if value is not None else None


def core(record):
    fields = {name: _fold(getattr(record, name)) for name in ("title", "category", "meeting", "subject",
                                                             "sender", "date")}
    fields["doc_number"] = _fold(record.doc_number.text if record.doc_number else None)
    fields["proposal"] = _fold(record.proposal.number if record.proposal else None)
    fields["addressee"] = _fold(record.addressee.name if record.addressee else None)
    fields["contact"] = _fold(record.contact.person if record.contact else None), _fold(
        record.contact.phone if record.contact else None)

    def headings(nodes):
        return [_fold(n.heading) for n in nodes] + [h for n in nodes for h in headings(n.children)]

    fields["sections"] = headings(record.sections)
    for kind in ("money", "date", "org", "target"):
        fields[kind + "s"] = [_fold(e.text) for e in record.entities if e.type == kind]
    return fields


@pytest.fixture(scope="module")
def clean(pipeline):
    from pipeline.api import Document

    return core(pipeline.process(Document(path="clean.txt", sha256="0", format="txt", text=LETTER)))


def test_the_clean_letter_reads_fully(clean):
    assert clean["category"] == "B" and clean["doc_number"] == "筑交建〔2024〕19号"
    assert clean["addressee"] == "罗**" and clean["date"] == "2024-06-18"
    assert clean["sections"] == ["公交线网优化情况", "下一步工作", "开展线网评估", "实施线路调整",
                                 "完善站点设施", "加强部门协同"]
    assert clean["moneys"] == ["85万元", "1200万元"]
    assert "贵州大学" in clean["orgs"] and "市财政局" in clean["orgs"]
    assert len(clean["targets"]) == 3


@pytest.mark.parametrize("name,damage", LAYOUTS, ids=[name for name, _ in LAYOUTS])
def test_damaged_layout_gives_the_same_record(pipeline, clean, name, damage):
    from pipeline.api import Document

    record = pipeline.process(Document(path="damaged.txt", sha256="0", format="txt", text=damage(LETTER)))
    got = core(record)
    assert {k: v for k, v in got.items() if v != clean[k]} == {}


def test_offsets_stay_true_for_traditional_text(pipeline):
    from pipeline.api import Document

    text = _S2T.convert(LETTER)
    record = pipeline.process(Document(path="t.txt", sha256="0", format="txt", text=text))
    assert "traditional_converted" in record.warnings
    assert record.text.startswith("辦理結果")  # the record keeps the letter's own characters
    for e in record.entities:
        assert record.text[e.start:e.end] == e.text
    org = next(e for e in record.entities if e.type == "org" and e.text == "市財政局")
    assert org.value.name == "贵阳市财政局"  # normalized values are simplified
