import pytest

from pipeline.parsers.fields import find_meeting, find_proposal, find_subject, parse_addressee, parse_category, parse_contact

# fmt: off
CATEGORIES = [
    ("解决类别:A", "A"), ("办复类别:B", "B"), ("办理结果:B类", "B"), ("办理结果:(C)", "C"),
    ("类  别:B", "B"), ("A", "A"), ("杭交建〔2024〕28号A类", "A"), ("济教建〔2024〕12号(B类)", "B"),
    ("答复类别:D", "D"),
    ("办理结果:A类", "A"), ("办理结果: (B)", "B"), ("办理类别 : C", "C"),
    ("深规划函〔2023〕77号A类 同意公开", "A"),                # fused, with the disclosure note
    ("渝九发改函〔2023〕5号 B类", "B"),
    ("(C)", "C"), ("B类", "B"),
]
NO_CATEGORY = [
    "办理结果:",                         # the letter is missing
    "类别:",
    "我们将认真研究您的建议",
    "A级景区3家",                        # a letter in prose
    "第A12号建议",
]
ADDRESSEES = [
    ("何**代表:", "何**", "代表", None),
    ("尊敬的顾振华委员:", "顾振华", "委员", None),
    ("尊敬王**代表", "王**", "代表", None),
    ("张某某、李某某代表:", "张某某、李某某", "代表", None),
    ("刘建华等13位代表:", "刘建华", "代表", 13),
    ("姜某(等10位)代表:", "姜某", "代表", 10),
    ("陈国强代表您好:", "陈国强", "代表", None),
]
MEETINGS = [
    ("关于对金华市八届人大三次会议义12号建议答复的函", "金华市八届人大三次会议"),
    ("区人大四届二次会议", "区人大四届二次会议"),
    ("市政协十五届二次会议", "市政协十五届二次会议"),
    ("十四届全国人大三次会议", "十四届全国人大三次会议"),
    ("您在市十五届人大二次会议上提出的", "市十五届人大二次会议"),
    ("佛山市南海区住房和城乡建设局关于区十八届人大三次会议第12号建议的答复", "区十八届人大三次会议"),
    ("昆明市生态环境局关于对昆明市十五届人大一次会议第5号建议的答复", "昆明市十五届人大一次会议"),
    ("对南宁市第十五届人民代表大会第四次会议第158号建议的答复", "南宁市第十五届人民代表大会第四次会议"),
    ("县第十九届人民代表大会第三次会议", "县第十九届人民代表大会第三次会议"),
    ("市政协十三届三次会议第B(2019)331号提案", "市政协十三届三次会议"),
    ("对政协第十三届委员会第二次会议第0123号提案的答复", "政协第十三届委员会第二次会议"),
    ("关于对政协金华市第八届委员会第三次会议第123号提案的答复", "政协金华市第八届委员会第三次会议"),
    ("政协第十一届花都区委员会第三次会议第3011号提案", "政协第十一届花都区委员会第三次会议"),  # the place after 届
    ("关于政协十四届全国委员会第一次会议第00006号提案", "政协十四届全国委员会第一次会议"),
    ("接到惠东县十一届人大一次会议《关于重修水坝的建议》办理任务后", "惠东县十一届人大一次会议"),  # 接到 is no place
]
PROPOSALS = [
    ("义12号建议", "建议", "义12号"), ("第248号建议", "建议", "第248号"), ("第20190017号提案", "提案", "第20190017号"),
    ("第B(2019)331号提案", "提案", "第B(2019)331号"), ("第B110号提案", "提案", "第B110号"),
    ("第02650号(财税金融类171号)建议", "建议", "第02650号(财税金融类171号)"), ("第3号议案", "议案", "第3号"),
    ("市十五届人大三次会议建议第126号的答复", "建议", "第126号"),       # the kind before the number
    ("县十八届人大二次会议1号议案办理情况", "议案", "1号"),             # 会议 is not a county prefix
    ("市政协十届三次会议第58号政协提案答复的函", "提案", "第58号"),       # the body between number and kind
    ("十三届全国人大五次会议第5236建议的答复", "建议", "第5236"),         # 号 left out
    ("会议第60号关于加快5G产业融合发展的建议的答复", "建议", "第60号"),   # the subject between
    ("您提出的《关于推进孵化器协调发展的建议》(第1187号)收悉", "建议", "第1187号"),  # bracketed after the subject
    ("您提出的《关于解决门诊难问题的提案》(编号:第3011号)已收悉", "提案", "第3011号"),
]
CONTACTS = [
    ("联系人:邵 * ,联系电话:0579-82469726", "邵*", "0579-82469726"),
    ("联 系 人:王某  手机:13812345678", "王某", "13812345678"),
    ("联系人及电话:王某,13812345678", "王某", "13812345678"),
    ("经办人及联系电话:李娟:0371—65938217", "李娟", "0371-65938217"),
    ("联系电话:0571-8888888 联系人:张三", "张三", "0571-8888888"),
    ("(联系人:赵某,电话:023-68781234)", "赵某", "023-68781234"),
    ("联系人:王某;电话:0871-63152786", "王某", "0871-63152786"),
    ("联系人:刘某\n传真:0552-1234567\n电话:0552-7654321", "刘某", "0552-7654321"),
    ("联系人:综合规划处 李某,电话:0579-82469726", "李某", "0579-82469726"),   # the unit before the name
    ("联系方式:0579-82469726(张某)", "张某", "0579-82469726"),               # the name after the number
    ("联系人:张三;联系电话:0579-1234567,13812345678", "张三", "0579-1234567"),
]
# fmt: on


@pytest.mark.parametrize("line,letter", CATEGORIES)
def test_category(line, letter):
    assert parse_category(line).letter == letter


@pytest.mark.parametrize("line", NO_CATEGORY)
def test_no_category(line):
    assert parse_category(line) is None


def test_category_meaning_is_configuration():
    from pipeline.parsers.fields import category_meaning

    assert category_meaning("A").startswith("所提问题已经解决")
    assert category_meaning("E") is None


@pytest.mark.parametrize("line,name,role,count", ADDRESSEES)
def test_addressee(line, name, role, count):
    a = parse_addressee(line)
    assert (a.name, a.role, a.count) == (name, role, count)


def test_a_body_on_its_own_line_is_addressed_without_a_role():
    a = parse_addressee("市水利局:")
    assert (a.name, a.role) == ("市水利局", None)
    assert parse_addressee("发布机构:") is None


@pytest.mark.parametrize("line", ["一、当前主要做法", "您提出的《关于加强管理的建议》收悉。", "市交通运输局"])
def test_not_an_addressee(line):
    assert parse_addressee(line) is None


@pytest.mark.parametrize("text,meeting", MEETINGS)
def test_meeting(text, meeting):
    assert find_meeting(text)[2] == meeting


@pytest.mark.parametrize("text,kind,number", PROPOSALS)
def test_proposal(text, kind, number):
    assert find_proposal(text)[2:] == (kind, number)


@pytest.mark.parametrize("text,person,phone", CONTACTS)
def test_contact(text, person, phone):
    c = parse_contact(text)
    assert (c.person, c.phone) == (person, phone)


def test_subject_keeps_inner_brackets():
    text = "您提出的《关于全面贯彻实施<浙江省促进中小微企业发展条例>的建议》收悉。"
    s, e = find_subject(text)
    assert text[s:e] == "关于全面贯彻实施<浙江省促进中小微企业发展条例>的建议"
