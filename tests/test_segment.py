import pytest

from pipeline.normalize import normalize
from pipeline.letter import segment

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
    seg = segment(normalize(LETTER))
    assert seg.category.value.letter == "B"
    assert seg.doc_number.value.text == "杭交建〔2024〕47号"
    assert seg.title.text == "关于市十四届人大三次会议第248号建议的答复"
    assert seg.meeting.text == "市十四届人大三次会议"
    assert (seg.proposal.value.kind, seg.proposal.value.number) == ("建议", "第248号")
    assert (seg.addressee.value.name, seg.addressee.value.role) == ("陈**", "代表")
    assert seg.subject.text == "关于加快停车设施建设的建议"
    assert seg.sender.text == "杭州市交通运输局"
    assert seg.date.value == "2024-05-20"
    assert (seg.contact.value.person, seg.contact.value.phone) == ("周**", "0571-87052316")
    assert [c.text for c in seg.cc] == ["市人大代表工委", "市政府办公厅"]  # in the letter's order


def test_section_tree_and_run_in_headings():
    text = normalize(LETTER)
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
    seg = segment(normalize(LETTER))
    headings = [c.heading for c in seg.sections[0].children]
    assert not any(h.startswith("是") for h in headings)


def test_entity_section_lookup():
    text = normalize(LETTER)
    seg = segment(text)
    assert seg.section_at(text.index("2000个")) == "1.2.1"
    assert seg.section_at(text.index("2万个")) == "2"
    assert seg.section_at(text.index("0571")) == "contact"


# -- phenomena, one row each: a header or body variant and what the segmenter must read from it --
BODY = "您提出的《关于加快停车设施建设的建议》收悉。现答复如下：\n我局高度重视，认真研究了您的建议。\n"
TAIL = "杭州市交通运输局\n2024年5月20日"

# fmt: off
ADDRESSEES = [
    ("尊敬的陈**代表：", "陈**", "代表"),
    ("尊敬陈**代表：", "陈**", "代表"),
    ("陈**代表您好：", "陈**", "代表"),
    ("xx代表：", "xx", "代表"),
    ("何**委员", "何**", "委员"),                                        # no colon
    ("李**、王**、张**、\n赵**委员：", "李**、王**、张**、赵**", "委员"),  # wrapped onto the next line
    ("陈国强等代表：", "陈国强", "代表"),
    ("姜某(等10位)代表:", "姜某", "代表"),
    ("市住建局：", "市住建局", None),                                     # a 会办意见 to an agency: no role
    ("", None, None),                                                     # addressed to no one
]
# fmt: on


@pytest.mark.parametrize("head,name,role", ADDRESSEES)
def test_addressee_variants(head, name, role):
    text = "关于市十四届人大三次会议第248号建议的答复\n" + (head + "\n" if head else "") + BODY + TAIL
    seg = segment(normalize(text))
    got = (seg.addressee.value.name, seg.addressee.value.role) if seg.addressee else (None, None)
    assert got == (name, role)
    assert seg.subject.text == "关于加快停车设施建设的建议"


# fmt: off
HEADERS = [
    # (header lines, doc number, category, title)
    ("解决类别：A\n杭交建〔2024〕28号\n关于某某建议的答复", "杭交建〔2024〕28号", "A", "关于某某建议的答复"),
    ("杭交建〔2024〕28号A类\n关于某某建议的答复", "杭交建〔2024〕28号", "A", "关于某某建议的答复"),
    ("深交函〔2023〕77號A類 同意公開\n關於某某建議的答覆", "深交函〔2023〕77号", "A", "关于某某建议的答复"),  # fields simplified
    ("办理结果：\n杭交建【2024】28号\n关于某某建议的答复", "杭交建【2024】28号", None, "关于某某建议的答复"),
    ("B\n惠市交函（2023）12号\n关于某某建议的\n答 复", "惠市交函(2023)12号", "B", "关于某某建议的答复"),
    ("关于某某建议的答复（合数资函〔2024〕5号）", "合数资函〔2024〕5号", None, "关于某某建议的答复"),
    ("关于市政协十三届三次会议第B(2019)331号提案的答复", None, None,
     "关于市政协十三届三次会议第B(2019)331号提案的答复"),
    # doc number and title above a metadata line
    ("杭交建〔2024〕28号\n杭州市交通运输局关于某某建议的答复函\n公开属性:主动公开", "杭交建〔2024〕28号", None,
     "杭州市交通运输局关于某某建议的答复函"),
    # a title wrapped over three lines, under the organ's own line
    ("西财函〔2023〕8号\n西乡县财政局\n关于对县十八届人大一次会议\n第78号建议办理情况\n的复函", "西财函〔2023〕8号", None,
     "西乡县财政局关于对县十八届人大一次会议第78号建议办理情况的复函"),
    ("某某省人民政府关于政协十三届全国委员会\n\n第三次会议第5017号(文化类\n\n350号)提案答复的函", None, None,
     "某某省人民政府关于政协十三届全国委员会第三次会议第5017号(文化类350号)提案答复的函"),
    ("对自治区政协十一届二次会议第366号提案的回复", None, None, "对自治区政协十一届二次会议第366号提案的回复"),
    # a metadata row without colons; a table flattened to lines
    ("索 引 号  zfb/2024-00034  发布日期  2024-04-30\n成文日期   标 题  关于对市政协十四届三次会议第79号提案的答复",
     None, None, "关于对市政协十四届三次会议第79号提案的答复"),
    ("| 索 引 号 | 1425/2019-01101 | 分 类 | 意见 |\n| 标 题 | 对市政协十三届三次会议第8206号提案的协办意见 | ||\n"
     "| 文 号 | 连景函〔2019〕35号 | 主 题 词 | |", "连景函〔2019〕35号", None, "对市政协十三届三次会议第8206号提案的协办意见"),
    ("文號: | 連環函〔2024〕47號 | 主題詞: | |\n信息名稱: | 對市十五屆人大四次會議第4209號建議的協辦意見 | ||",
     "连环函〔2024〕47号", None, "对市十五届人大四次会议第4209号建议的协办意见"),
    # the suggestion's title bracketed after the reply's
    ("2022年度滕州市住建局关于人大十九届一次会议第50号代表建议的答复(关于将宿舍纳入改造范围的建议)\n承办表\n"
     "关于将宿舍纳入改造范围的建议 | |||", None, None,
     "2022年度滕州市住建局关于人大十九届一次会议第50号代表建议的答复(关于将宿舍纳入改造范围的建议)"),
]
# fmt: on


@pytest.mark.parametrize("head,doc_number,category,title", HEADERS)
def test_header_variants(pipeline, head, doc_number, category, title):
    from pipeline.api import Document

    text = head + "\n陈**代表：\n" + BODY + TAIL
    record = pipeline.process(Document(path="h.txt", sha256="0", format="txt", text=text))
    assert (record.doc_number.text if record.doc_number else None) == doc_number
    assert record.category == category
    assert record.title == title


# fmt: off
SECTIONS = [
    ("一、工作现状\n我局开展了调研。\n二、下步打算\n我们将继续推进。", ["工作现状", "下步打算"]),
    ("一、加强统筹。我局会同有关单位推进。\n二、强化保障。我们将继续推进。", ["加强统筹", "强化保障"]),
    ("(一)加强统筹\n我局推进。\n(二)强化保障\n我们推进。", ["加强统筹", "强化保障"]),
    ("第一，完善投放设施。我局推进了改造。\n第二，强化收运体系。我们将继续推进。", ["完善投放设施", "强化收运体系"]),
    ("一、工作情况\n①完善设施\n我局推进。\n②强化保障\n我们推进。", ["工作情况", "完善设施", "强化保障"]),
    ("关于资金保障\n我局安排了专项资金用于改造。\n关于宣传推广\n我们组织了多场宣传活动。", ["关于资金保障", "关于宣传推广"]),
    ("我局一是加强统筹，二是强化保障。\n三是完善机制，推动落实。", []),           # run-in 一是 is not a heading
    ("1.加强统筹。我局推进。\n2.强化保障。我们推进。", ["加强统筹", "强化保障"]),
    # a one-sentence numbered paragraph is no heading; its numbering still starts the list
    ("1、结合您提出的建议,大队自接到建议后,第一时间与支队取得联系,详细汇报了情况。\n"
     "2、大队民警坚持路面设点劝导,对不佩戴安全头盔的电动自行车骑乘人员现场开展劝导工作。", []),
    ("一、市委、市政府高度重视水利工作,采取了一系列的措施推动全市水利建设,成效明显。\n"
     "二、部门体制改革以后,各职能部门变动较大,建设任务由各部门分别承担。\n三、工作打算:\n我们将继续推进。",
     ["工作打算"]),
    # a long heading that introduces what follows, or names the suggestion's topic
    ("(一)针对提案“强化污水处理设施建设,完善污水收集系统”建议,答复如下:\n我局推进。\n"
     "(二)针对“重视水资源的再生利用和保护”建议,答复如下:\n我们推进。",
     ["针对提案“强化污水处理设施建设,完善污水收集系统”建议,答复如下", "针对“重视水资源的再生利用和保护”建议,答复如下"]),
    ("一、关于出台管理措施,加大执法力度,规范商户经营,严禁占用人行道的建议。\n我局推进。\n"
     "二、关于增设停车场的建议。\n我们推进。",
     ["关于出台管理措施,加大执法力度,规范商户经营,严禁占用人行道的建议", "关于增设停车场的建议"]),
]
# fmt: on


@pytest.mark.parametrize("body,headings", SECTIONS)
def test_section_variants(body, headings):
    text = "关于某某建议的答复\n陈**代表：\n您提出的《关于加快停车设施建设的建议》收悉。现答复如下：\n" + body + "\n" + TAIL

    def walk(nodes):
        return [h for n in nodes for h in [n.heading] + walk(n.children)]

    assert walk(segment(normalize(text)).sections) == headings


# fmt: off
CONTACTS = [
    ("联系人：周**，联系电话：0571-87052316", "周**", "0571-87052316"),
    ("联系电话：0431-88627415　　联系人：孙某某", "孙某某", "0431-88627415"),       # reversed
    ("联 系 人：王某\n联系电话：0351-4061234", "王某", "0351-4061234"),
    ("联系人：\n联系电话：", None, None),                                          # empty values
    ("联系人：刘某\n传真：0552-1234567\n邮编：233000", "刘某", None),                 # fax and postcode are not phones
    ("（联系人：赵某，电话：023-68781234）", "赵某", "023-68781234"),                # bracketed
    ("经办人及联系电话：李娟：0917—4936343", "李娟", "0917-4936343"),               # em dash
    ("　　联系单位及电话：某区城市管理局市容科　0536-8230417", None, "0536-8230417"),  # a unit, no person
]
# fmt: on


@pytest.mark.parametrize("lines,person,phone", CONTACTS)
def test_contact_variants(lines, person, phone):
    text = "关于某某建议的答复\n陈**代表：\n" + BODY + "再次感谢您的关心！\n" + lines + "\n" + TAIL
    seg = segment(normalize(text))
    got = (seg.contact.value.person, seg.contact.value.phone) if seg.contact else (None, None)
    assert got == (person, phone)
    assert seg.sender.text == "杭州市交通运输局"


@pytest.mark.parametrize("line", ["签发人：王某", "领导签发：王某", "审签：王某"])
def test_signer_lines_are_not_contacts(line):
    text = "关于某某建议的答复\n陈**代表：\n" + BODY + "联系人：周**，联系电话：0571-87052316\n" + line + "\n" + TAIL
    seg = segment(normalize(text))
    assert seg.signer.text == "王某"
    assert seg.contact.value.person == "周**"


def test_signer_beside_the_doc_number():
    text = "杭州市交通运输局文件\n杭交建〔2024〕28号　　签发人：张某某\n关于某某建议的答复\n陈**代表：\n" + BODY + TAIL
    seg = segment(normalize(text))
    assert seg.signer.text == "张某某" and seg.doc_number.value.text == "杭交建〔2024〕28号"


@pytest.mark.parametrize("tail,category", [
    ("办理结果：B类\n" + TAIL, "B"),                  # above the signature
    (TAIL + "\n（办理结果：A类）", "A"),              # below the date
    (TAIL + "\n（C类）", "C"),
    (TAIL + "\n（此件公开发布）", None),
])
def test_a_category_written_at_the_end(tail, category):
    text = "关于某某建议的答复\n陈**代表：\n" + BODY + "感谢您的关心！\n" + tail
    seg = segment(normalize(text))
    assert (seg.category.value.letter if seg.category else None) == category
    assert seg.sender.text == "杭州市交通运输局"


@pytest.mark.parametrize("tail,sender", [
    ("鞍山市市场监督管理局\n（盖章）\n2023年6月26日", "鞍山市市场监督管理局"),       # the seal's place
    ("大同市文化和旅游局\n大同市财政局\n2024年7月10日", "大同市文化和旅游局"),        # a joint reply: the lead body
])
def test_the_sender_above_the_date(tail, sender):
    text = "关于某某建议的答复\n陈**代表：\n" + BODY + "感谢您的关心！\n" + tail
    assert segment(normalize(text)).sender.text == sender


def test_a_numbered_paragraph_is_no_heading_but_a_run_in_heading_is():
    text = ("关于某事的答复\n张三代表:\n您的建议收悉,现答复如下:\n"
            "一、基本情况。我市共有公交线路十条,运营车辆九十台。\n"
            "二、目前城区至开发区片区的公交线路有三条并且共运行车辆九台发车间隔十三分钟。此后还将增加。\n"
            "三、下一步打算:加大投入。\n"
            "特此答复。\n某某市交通运输局\n2024年5月20日")
    headings = [s.heading for s in segment(normalize(text)).sections]
    assert headings == ["基本情况", "下一步打算"]


@pytest.mark.parametrize("above,line,title", [
    ("某某部对十二届全国人大五次会议", "第1048号建议的答复", "某某部对十二届全国人大五次会议第1048号建议的答复"),
    ("对某某市第十四届人民代表大会", "第四次会议第79号建议的答复", "对某某市第十四届人民代表大会第四次会议第79号建议的答复"),
    ("关于加快某某工作的", "答复", "关于加快某某工作的答复"),
])
def test_a_title_wrapped_over_two_lines_is_joined(above, line, title):
    text = f"{above}\n{line}\n张三代表:\n您的建议收悉,现答复如下:\n一、基本情况。正文。\n特此答复。\n某某局\n2024年5月20日"
    assert segment(normalize(text)).title.text == title
