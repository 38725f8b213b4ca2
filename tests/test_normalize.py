from pipeline.normalize import normalize


def test_width_folding_keeps_cjk_punctuation():
    assert normalize("（一）５０万元，“专精特新”、《条例》〔2023〕①") == "(一)50万元,“专精特新”、《条例》〔2023〕①"


def test_lines_are_stripped_and_empty_lines_dropped():
    assert normalize("  第一行  \r\n\r\n\t第二行\u3000\u3000有空格\n") == "第一行\n第二行 有空格"


def test_marks_bullets_and_blank_lines_go():
    assert normalize("\ufeff  • 关于对某事的函\n\n    何**代表：\n") == "关于对某事的函\n何**代表:"


def test_portal_chrome_is_dropped():
    source = "日期:2023-07-13 18:01:41 来源:市经信局 浏览量:\n分享:\n朗读\n【字体:大 中 小】\n打印本页 关闭窗口\n正文"
    assert normalize(source) == "日期:2023-07-13 18:01:41 来源:市经信局\n正文"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["浏览量", "浏览次数", "阅读数", ":", "：", " ", "\t", "12", "次", "【", "】", "[", "]",
                                 "字体", "字号", "大", "中", "小", "打印", "关闭", "关闭窗口", "打印本页", "答复", "。"]),
                max_size=20))
def test_a_line_with_a_chrome_token_passes_the_quick_check(pieces):
    """The check before the token scan (the tokens without their leading blanks) never turns away a
    line the scan would find a token in."""
    from pipeline.normalize import _chrome

    _, tokens, cores = _chrome()
    line = "".join(pieces)
    if tokens.search(line):
        assert cores.search(line)
