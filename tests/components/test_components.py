"""Each component on small texts, through the real pipeline (jieba segmenter)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

LETTER_HEAD = "金华市经济和信息化局\n2023年7月11日"


def spans(nlp, text, key):
    doc = nlp(text)
    return [(s.text, s._.value) for s in doc.spans[key]]


def test_money_component_writes_spans_with_values(nlp):
    found = spans(nlp, "对获得国家级企业给予50万元和30万元的一次性奖励。", "money")
    assert [(t, v.amount) for t, v in found] == [("50万元", 500000), ("30万元", 300000)]


def test_date_component_resolves_year_less_dates_against_the_letter(nlp):
    found = spans(nlp, "7月11日,经研究,现答复如下。\n" + LETTER_HEAD, "date")
    assert ("7月11日", "2023-07-11") in [(t, v.iso) for t, v in found]


# fmt: off
ORGS = [
    ("经市经信局领导班子集体研究", "市经信局", "金华市经济和信息化局"),
    ("金华市委、市政府高度重视", "金华市委", "中共金华市委员会"),
    ("金华市委、市政府高度重视", "市政府", "金华市人民政府"),
    ("与省经信厅对接联系", "省经信厅", "浙江省经济和信息化厅"),
    ("依托浙师大、金职院等院校", "浙师大", "浙江师范大学"),
    ("依托智能制造研究所等科研机构", "智能制造研究所", "智能制造研究所"),
]
NOT_ORGS = ["相关部门相互配合", "符合省厅要求", "各县(市、区)经信局", "市、县(市、区)两级领导小组办公室", "商协会组成专家服务组"]
# fmt: on


@pytest.mark.parametrize("sentence,mention,name", ORGS)
def test_orgs_are_found_and_resolved_in_context(nlp, sentence, mention, name):
    found = {t: v.name for t, v in spans(nlp, sentence + "。\n" + LETTER_HEAD, "org")}
    assert found.get(mention) == name


# fmt: off
# (sentence, the letter's sender, mention, canonical name): forms seen in letters from many places
ORGS_IN_CONTEXT = [
    ("会同佛山市南海区住房和城乡建设局推进", "佛山市南海区住房和城乡建设局", "佛山市南海区住房和城乡建设局",
     "佛山市南海区住房和城乡建设局"),                                         # a district the list lacks
    ("由区住建局牵头", "佛山市南海区住房和城乡建设局", "区住建局", "佛山市南海区住房和城乡建设局"),
    ("重庆市九龙坡区发展和改革委员会", "重庆市九龙坡区发展和改革委员会", "重庆市九龙坡区发展和改革委员会",
     "重庆市九龙坡区发展和改革委员会"),                                       # province-level city + district
    ("积极争取自治区水利厅支持", "南宁市水利局", "自治区水利厅", "广西壮族自治区水利厅"),
    ("报请县政府研究", "远安县交通运输局", "县政府", "远安县人民政府"),      # a county keeps no city prefix
    ("由市政府督查室跟踪督办", "西安市城市管理和综合执法局", "市政府督查室", "西安市人民政府督查室"),
    ("市人大常委会代表工委", "金华市教育局", "市人大常委会代表工委", "金华市人民代表大会常务委员会代表工作委员会"),
    ("与中国银行郑州分行合作", "郑州市农业农村局", "中国银行郑州分行", "中国银行郑州分行"),
    ("与中国电信股份有限公司西安分公司签订协议", "西安市城市管理和综合执法局",
     "中国电信股份有限公司西安分公司", "中国电信股份有限公司西安分公司"),
    ("会同国家税务总局大连市税务局", "大连市商务局", "国家税务总局大连市税务局", "国家税务总局大连市税务局"),
    ("2023年，我局委托贵州大学开展评估", "贵阳市交通运输局", "贵州大学", "贵州大学"),
    ("会同团市委、市妇联开展", "金华市教育局", "团市委", "共青团金华市委员会"),   # the level word inside
    ("市委网信办牵头", "金华市教育局", "市委网信办", "中共金华市委员会网络安全和信息化委员会办公室"),
    ("在市第一人民医院设立", "金华市卫生健康委员会", "市第一人民医院", "金华市第一人民医院"),
    ("会同市国资委研究", "南京市科学技术局", "市国资委", "南京市人民政府国有资产监督管理委员会"),  # not the national one
    ("经镇党委研究", "浦江县黄宅镇人民政府", "镇党委", "中共浦江县黄宅镇委员会"),  # a township's own bodies
    ("由镇政府牵头", "浦江县黄宅镇人民政府", "镇政府", "浦江县黄宅镇人民政府"),
    # counties and townships from the division data (no hand list): a county's own township
    ("请喜河镇人民政府配合", "石泉县住房和城乡建设局", "喜河镇人民政府", "石泉县喜河镇人民政府"),
    ("请双河镇人民政府配合", "石泉县住房和城乡建设局", "双河镇人民政府", "双河镇人民政府"),  # not of 石泉县: unresolved
    ("由宁都县黄陂镇人民政府负责", "赣州市城市管理局", "宁都县黄陂镇人民政府", "宁都县黄陂镇人民政府"),
    ("交紫阳县民政局办理", "安康市民政局", "紫阳县民政局", "紫阳县民政局"),
    ("由甘南州林业和草原局牵头", "卓尼县自然资源局", "甘南州林业和草原局", "甘南藏族自治州林业和草原局"),
    ("报州林业和草原局审核", "卓尼县自然资源局", "州林业和草原局", "甘南藏族自治州林业和草原局"),
    ("商市政府同意", "北京市丰台区园林绿化局", "市政府", "北京市人民政府"),   # a municipality is its own city
    ("已交由财政局办理", "汨罗市教育局", "财政局", "汨罗市财政局"),          # a body without its place: the letter's
    ("在商务厅积极协调下", "日喀则市商务局", "商务厅", "西藏自治区商务厅"),
    ("会同县交通局办理", "西乡县财政局", "县交通局", "西乡县交通运输局"),        # 会同 is a verb here, not 会同县
    ("已向党中央报告", "农业农村部", "党中央", "中国共产党中央委员会"),
    ("经财政局党组研究", "西乡县财政局", "财政局党组", "西乡县财政局党组"),
]
NOT_ORGS_IN_CONTEXT = [
    "建议你局加快审批", "由属地街道办事处负责", "向经办银行申请", "组织专业公司实施",
    "辖区内公办学校", "乡镇卫生院", "由属地镇政府负责", "各乡镇政府", "各级财政部门", "商请农业农村部门",
    "报县(市、区)民政局审核", "加强中西部农村寄宿制学校建设",
    "支持城镇义务教育学校扩容", "统筹城市合理布局", "建设高水平中医医院", "新建一批地方人民政府",
]
# fmt: on


@pytest.mark.parametrize("sentence,sender,mention,name", ORGS_IN_CONTEXT)
def test_org_forms_in_context(nlp, sentence, sender, mention, name):
    found = {t: v.name for t, v in spans(nlp, sentence + "。\n" + sender + "\n2023年7月11日", "org")}
    assert found.get(mention) == name, found


@pytest.mark.parametrize("sentence", NOT_ORGS_IN_CONTEXT)
def test_generic_references_in_context_are_not_orgs(nlp, sentence):
    found = [t for t, _ in spans(nlp, sentence + "。", "org")]
    assert found == []


@pytest.mark.parametrize("sentence,sender,mention", [
    ("你们在县政协第十届一次会议提出", "寻甸县农业农村局", "县政协"),
    ("2023年对区政协提案进行了答复", "抚顺市望花区民政局", "区政协"),
    ("2019年自治区发改委下发了通知", "日喀则市商务局", "自治区发改委"),
])
def test_a_guessed_district_is_made_of_name_words(nlp, sentence, sender, mention):
    """你们在县, 年对区, 年自治区 are no districts: the mention starts at the level word."""
    found = [t for t, _ in spans(nlp, sentence + "。\n" + sender + "\n2023年7月11日", "org")]
    assert mention in found


@pytest.mark.parametrize("sentence", NOT_ORGS)
def test_generic_references_are_not_orgs(nlp, sentence):
    found = [t for t, _ in spans(nlp, sentence + "。", "org")]
    assert found == []


# kinds of body, written by us after the patterns of real letters: a category suffix after common words
CATEGORIES = ["新建一所九年一贯制学校", "加强区域医疗中心建设", "引导保险公司参与", "支持完全小学改造",
              "发挥村民委员会作用", "鼓励行业协会参与",
              "该建议已交由我局办理", "您的建议已交我局"]  # the writer's own body: a reference
# the same suffixes with a proper-name part: a place, a name that is no common word, a number, a level word
NAMED = [("支持汨罗市罗江镇黄市中学改造", "汨罗市罗江镇黄市中学"), ("市公交公司将调整线路", "市公交公司"),
         ("请市公交公司调整线路", "市公交公司"),  # jieba glues 请市: the name starts at the level word
         ("计划新建汨罗市罗江镇黄市中学", "汨罗市罗江镇黄市中学"),
         ("与伶仃洋海纳百川博物馆合作", "伶仃洋海纳百川博物馆")]


@pytest.mark.parametrize("sentence", CATEGORIES)
def test_a_category_of_body_is_no_organization(nlp, sentence):
    assert [t for t, _ in spans(nlp, sentence + "。", "org")] == []


@pytest.mark.parametrize("sentence,name", NAMED)
def test_a_body_with_a_proper_name_is_an_organization(nlp, sentence, name):
    assert name in [t for t, _ in spans(nlp, sentence + "。", "org")]


def test_targets_with_deadline_and_comparator(nlp):
    text = "到2025年,累计培育创新型中小企业2000家以上,省级企业30家以上。\n" + LETTER_HEAD
    found = spans(nlp, text, "target")
    assert [(v.metric, v.amount, v.unit, v.comparator, v.deadline) for _, v in found] == [
        ("创新型中小企业", 2000, "家", ">=", "2025"),
        ("省级企业", 30, "家", ">=", "2025"),
    ]


# fmt: off
# (sentence, [(amount, unit, comparator, deadline)]) with the letter dated 2023-07-11
TARGETS = [
    ("到2025年,累计培育创新型中小企业2000家以上。", [(2000, "家", ">=", "2025")]),
    ("力争年底前完成改造30个小区。", [(30, "个", "=", "2023-12")]),          # a year's end is its December
    ("年内新认定示范园区3家。", [(3, "家", "=", "2023")]),
    ("全市学校食堂覆盖率达到90%。", []),                                     # a statement, no plan cue
    ("计划到2024年,全市学校食堂覆盖率达到90%。", [(90, "%", "=", "2024")]),
    ("确保农村自来水普及率不低于92%。", [(92, "%", ">=", None)]),
    ("力争交易额超过30亿元。", [(3000000000, "元", ">", None)]),
    ("将平均等候时间控制在15分钟以内。", [(15, "分钟", "<=", None)]),
    ("今后三年新增停车位2000个。", [(2000, "个", "=", None)]),
    ("9月底前新建充电桩1.2万个。", [(12000, "个", "=", "2023-09")]),
    ("2022年培育457家,已建成120公里。", []),                                # past results
    ("截至2023年6月,全市已建成充电桩5000个。", []),
    ("达标率由82%提高到98%。", []),                                          # a change that happened
    ("对每个项目最高不超过50万元给予补助。", []),                              # a grant rule
    ("项目总投资约6.5亿元。", []),                                           # a budget, not a goal
    ("编制《2023—2025年发展规划》,布局项目46个。", []),                       # 规划 inside a title
    ("审批时限由原来的20个工作日压缩至5个工作日。", []),                        # a change, no plan cue
    ("今年共惠及1386户。", []),                                               # a result of this year
    ("征收超计划用水加价水费386万元。", []),                                   # 计划 as a noun
    ("纳入人才培育计划,已组织培训3期、培训学员260人。", []),
    ("到2025年,全县25户以上自然村通硬化路比例达到100%。", [(100, "%", "=", "2025")]),  # 25户 is the metric
    ("为优化线网,我局牵头规划布设了新线路51条。", []),                      # a verb done: 布设了
    ("计划在主干道沿线共计安装路灯90盏。", []),                              # 共计: a total, not a goal
    ("为了到2025年新增停车位2000个,将加快建设。", [(2000, "个", "=", "2025")]),  # 为了 is no past
    # a count followed by what it counts is a target only when a verb governs it
    ("年内新建公厕三座。", [(3, "座", "=", "2023")]),                           # a Chinese numeral
    ("计划年底前新建3所幼儿园。", [(3, "所", "=", "2023-12")]),
    ("计划年内完成老旧小区、背街小巷等5处改造。", [(5, "处", "=", "2023")]),
    ("计划对12座老旧公厕实施提升改造。", [(12, "座", "=", None)]),            # brought forward by 对
    ("计划对塔峪镇9个行政村的1.4万亩耕地开展试点。", [(14000, "亩", "=", None)]),  # 9个 names the villages
    ("将对四川等11个省实行奖励政策。", []),                                     # an enumeration
    ("将重点支持我区33个项目建设。", []),
    ("到2025年污水处理能力达到10万吨/日。", [(100000, "吨/日", "=", "2025")]),  # a compound unit
    ("预计新增秸秆还田机具300台套。", [(300, "台套", "=", None)]),
    ("计划年底前全面消除56人以上大班额。", []),                                  # a class of things
    ("按标准,小学每班不超过45人。", []),                                        # a norm, not a plan
    ("初中规模不超过2000人。", []),
    # the plan may follow the amount in its sentence, with its deadline
    ("持续推进144条黑臭水体整治工作,确保2024年底前全部整治完成。", [(144, "条", "=", "2024-12")]),
    ("交界处1.5公里村道由村级筹资建设,预计10月下旬开工,年底可完成施工。", [(1.5, "公里", "=", "2023-12")]),
    ("3公里道路已经建成,预计年底前通车。", []),                                   # done before the plan
    # cue words that are no cue: 争取 obtaining money or a project, 将 marking the object
    ("争取公租房建设项目,新建教师公租房48套。", []),
    ("争取4.2亿元支持我区33个妇幼保健院建设。", []),
    ("将内蒙古、吉林等12省份纳入试点范围,并新增31家输出医院。", []),
    ("今年3月份从投资计划渠道下达项目资金1000万元。", []),                       # 投资计划 is a noun
    ("力争年底前完成2个集团、3所学校的组建。", [(2, "个", "=", "2023-12"), (3, "所", "=", "2023-12")]),
    # deadlines: a plan's period, a time that is no deadline, a cut-off that is no result
    ("“十四五”期间,拟新建口袋公园80处。", [(80, "处", "=", "2025")]),
    ("在2023年对塔峪镇1.4万亩农田提前实施改造。", []),                             # 在 the letter's own year
    ("计划在2023年对塔峪镇1.4万亩农田实施改造。", [(14000, "亩", "=", "2023")]),      # …but a plan's time
    ("2024年,全市计划排查管网450公里。", [(450, "公里", "=", "2024")]),              # the year of a plan
    ("计划于10月份开通快速公交线路1条。", [(1, "条", "=", "2023-10")]),
    ("拟对2005年12月31日前建成的184个老旧小区进行改造。", [(184, "个", "=", None)]),
]
# fmt: on


@pytest.mark.parametrize("sentence,expected", TARGETS)
def test_target_phenomena(nlp, sentence, expected):
    found = [(float(v.amount), v.unit, v.comparator, v.deadline) for _, v in spans(nlp, sentence + "\n" + LETTER_HEAD, "target")]
    assert found == [(float(a), u, c, d) for a, u, c, d in expected]


def test_past_results_are_not_targets(nlp):
    text = "在2022年培育中小企业457家的基础上,明确今后三年培育1000家的目标。市级已拟定17项清单。\n" + LETTER_HEAD
    found = [(v.amount, v.period) for _, v in spans(nlp, text, "target")]
    assert found == [(1000, "2023/2025")]


def test_law_abbreviation_is_resolved(nlp):
    text = "以《浙江省促进中小微企业发展条例》(以下简称《条例》)实施为抓手,抓好《条例》宣贯。"
    found = spans(nlp, text, "law")
    assert [(t, v.refers_to) for t, v in found] == [
        ("《浙江省促进中小微企业发展条例》", None), ("《条例》", "浙江省促进中小微企业发展条例"),
        ("《条例》", "浙江省促进中小微企业发展条例")]


def test_own_doc_number_is_told_from_cited_ones(nlp):
    text = "解决类别:A\n金经信办建〔2023〕31号\n关于某事的答复\n何**代表:\n根据金中小企业办〔2023〕1号文件办理。\n" + LETTER_HEAD
    found = [(t, v.own) for t, v in spans(nlp, text, "doc_number")]
    assert found == [("金经信办建〔2023〕31号", True), ("金中小企业办〔2023〕1号", False)]


def test_char_segmenter_gives_the_same_money_and_dates():
    from pipeline.nlp import build_nlp

    char = build_nlp("char")
    text = "2023年3月1日起,对评为国家级企业给予200万元奖励,9月底前完成。\n" + LETTER_HEAD
    doc = char(text)
    assert [s.text for s in doc.spans["money"]] == ["200万元"]
    assert [s.text for s in doc.spans["date"]][:2] == ["2023年3月1日起", "9月底前"]


def test_pkuseg_needs_a_model():
    from pipeline.nlp import build_nlp

    with pytest.raises(ValueError, match="pkuseg"):
        build_nlp("pkuseg")


def test_skipping_suffixes_that_end_a_known_name_changes_no_organization(nlp):
    """The suffix rule skips a suffix ending where a known name ends (it would lose to it): the
    organizations found are the same as when every suffix is walked back."""
    from pathlib import Path

    from pipeline.extract import Context
    from pipeline.extract.orgs import Orgs
    from pipeline.nlp import hits_of
    from pipeline.normalize import normalize

    class EverySuffix(Orgs):
        def _by_suffix(self, words, text, settled=frozenset()):
            return super()._by_suffix(words, text, frozenset())

    every = EverySuffix()
    corpus = Path(__file__).resolve().parents[2] / "corpora"
    texts = [normalize(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    texts += ["省市经信局联合市财政局、金华市科技局和浙江大学医学院附属第一医院", "请区发改局会同县住建局办理"]
    for text in texts:
        doc = nlp(text)
        again = every.find(text, Context(doc._.letter, doc._.ref_date, doc._.places, doc._.words))
        assert list(again) == list(hits_of(doc, "org"))


def _outermost_by_pairs(found, text):
    """The rule as first written: every name against every name kept (quadratic)."""
    from pipeline.extract.orgs import _is_prefix_of_name

    rank = {"gazetteer": 0, "suffix": 1}
    kept = []
    for start, end, value in sorted(found, key=lambda f: (f[0], f[0] - f[1], rank[f[2].source])):
        clash = any((k_start <= start and end <= k_end)
                    or (start < k_end and k_start < end and value.source == "suffix") for k_start, k_end, _ in kept)
        if not clash and value.source == "suffix":
            clash = any(g_end == end and start < g_start and g_value.source == "gazetteer"
                        and not _is_prefix_of_name(text[start:g_start]) for g_start, g_end, g_value in found)
        if not clash:
            kept.append((start, end, value))
    return kept


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="市区县局委会院", min_size=30, max_size=30),
       st.lists(st.tuples(st.integers(0, 28), st.integers(1, 12), st.sampled_from(["gazetteer", "suffix"])),
                max_size=10))
def test_outermost_names_are_those_of_comparing_every_pair(text, spans):
    from pipeline.extract.orgs import OrgValue, _outermost

    found = [(s, min(30, s + n), OrgValue(name=text[s:s + n], resolved=True, source=source)) for s, n, source in spans]
    assert _outermost(found, text) == _outermost_by_pairs(found, text)


def test_one_context_serves_every_extractor_of_a_doc_and_the_doc_is_freed_without_the_collector(nlp):
    """The extractors share one Context a Doc keeps; it holds the Doc weakly (no cycle), and an
    entity type read before its extractor ran is read again once it has."""
    import gc
    import weakref

    from pipeline.nlp import _CONTEXT

    text = "关于加强养老服务的答复\n张委员：\n您提出的建议收悉。到2025年，市民政局将投入50万元。\n金华市民政局\n2023年7月11日\n"
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "govreply_letter":
            ctx = doc.user_data[_CONTEXT]
            assert ctx.found("money") == []  # asked too early: none yet
    assert doc.user_data[_CONTEXT] is ctx and [v.amount for _, _, v in ctx.found("money")] == [500000]
    gc.disable()
    try:
        ref = weakref.ref(doc)
        del doc, ctx
        assert ref() is None
    finally:
        gc.enable()
