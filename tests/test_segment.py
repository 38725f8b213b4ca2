from pipeline.normalize import normalize
from pipeline.segment import segment

LETTER = """解决类别：B
杭交建〔2024〕47号
关于市十四届人大三次会议第248号建议的答复
陈**代表：
您提出的《关于加快停车设施建设的建议》收悉。现答复如下：
一、工作现状
（一）加强规划
我局会同市规划局编制了专项规划。
（二）推进建设。一是新建停车场。二是改造老旧小区。
1.新增泊位
今年新增泊位2000个。
二、下步打算
力争到2025年新增停车泊位2万个以上。
再次感谢您对交通工作的关心和支持！
联系人：周**，联系电话：0571-87052316
杭州市交通运输局
2024年5月20日
抄送：市人大代表工委，市政府办公厅。"""


def test_parts_of_a_letter():
    seg = segment(normalize(LETTER).text)
    assert seg.category[1].letter == "B"
    assert seg.doc_number[1].text == "杭交建〔2024〕47号"
    assert seg.title.text == "关于市十四届人大三次会议第248号建议的答复"
    assert seg.meeting.text == "市十四届人大三次会议"
    assert seg.proposal[1:] == ("建议", "第248号")
    assert (seg.addressee[1].name, seg.addressee[1].role) == ("陈**", "代表")
    assert seg.subject.text == "关于加快停车设施建设的建议"
    assert seg.sender.text == "杭州市交通运输局"
    assert seg.date[1] == "2024-05-20"
    assert (seg.contact[1].person, seg.contact[1].phone) == ("周**", "0571-87052316")
    assert sorted(c.text for c in seg.cc) == sorted(["市人大代表工委", "市政府办公厅"])


def test_section_tree_and_run_in_headings():
    text = normalize(LETTER).text
    seg = segment(text)
    top = seg.sections
    assert [(s.marker, s.heading) for s in top] == [("一、", "工作现状"), ("二、", "下步打算")]
    assert [(c.marker, c.heading) for c in top[0].children] == [("(一)", "加强规划"), ("(二)", "推进建设")]
    assert top[0].children[1].children[0].heading == "新增泊位"
    assert top[0].children[1].children[0].level == 3
    # the last section ends where the closing begins
    closing = next(s for name, s, e in seg.parts if name == "closing")
    assert top[1].end == closing
    assert text[closing:].startswith("再次感谢")


def test_run_in_enumerations_are_not_headings():
    seg = segment(normalize(LETTER).text)
    headings = [c.heading for c in seg.sections[0].children]
    assert not any(h.startswith("是") for h in headings)


def test_entity_section_lookup():
    text = normalize(LETTER).text
    seg = segment(text)
    assert seg.section_at(text.index("2000个")) == "1.2.1"
    assert seg.section_at(text.index("2万个")) == "2"
    assert seg.section_at(text.index("0571")) == "contact"
