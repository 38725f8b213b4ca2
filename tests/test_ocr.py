"""OCR of scanned letters: layout (reading order, margins, paragraphs), repair, the seal, and the
reader end to end on letters rendered to page images (skipped when the OCR extra is absent)."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest

from pipeline.read import ocr, read_bytes
from pipeline.read.ocr_layout import OcrLine, Page, document_text
from pipeline.read.ocr_repair import repair
from pipeline.errors import NoTextLayer

ROOT = Path(__file__).resolve().parents[1]
W, H, C = 1400.0, 2000.0, 40.0  # a page, and a character's width and height in pixels
LEFT, RIGHT = 180.0, 180.0 + 26 * C  # the text block: 26 characters a line


def line(text: str, y: float, x0: float = LEFT, score: float = 0.99) -> OcrLine:
    return OcrLine(x0, y, x0 + len(text) * C, y + C, text, score)


def rows(*specs, start: float = 200.0, step: float = 70.0) -> tuple[OcrLine, ...]:
    """Lines one under the other: each spec is ``text`` (at the left margin) or ``(text, x0)``."""
    out = []
    for k, spec in enumerate(specs):
        text, x0 = (spec, LEFT) if isinstance(spec, str) else spec
        out.append(line(text, start + k * step, x0))
    return tuple(out)


FULL = "我" * 26  # a line that runs to the right margin


def test_wrapped_lines_are_rejoined_and_paragraphs_kept_apart():
    page = Page(W, H, rows(("经研究，现答复如下" + "我" * 15, LEFT + 2 * C), FULL, "这一段到此为止。",
                           ("下一段缩进两个字符开始" + "我" * 13, LEFT + 2 * C), "它也换行了。"))
    assert document_text([page]).split("\n") == [
        "经研究，现答复如下" + "我" * 15 + FULL + "这一段到此为止。",
        "下一段缩进两个字符开始" + "我" * 13 + "它也换行了。"]


def test_headings_title_signature_and_date_stay_on_their_own_lines():
    page = Page(W, H, rows(("关于市十五届人大二次会议", LEFT + 5 * C), ("第12号建议的答复", LEFT + 8 * C),
                           "张某某代表：",
                           ("一、基本情况" + "我" * 18, LEFT + 2 * C), "基本情况写到这里。",
                           ("（一）第一项", LEFT + 2 * C),
                           ("二、下一步打算" + "我" * 17, LEFT + 2 * C), "打算写完。",
                           ("某某市财政局", RIGHT - 6 * C), ("2023年7月11日", RIGHT - 11 * C)))
    assert document_text([page]).split("\n") == [
        "关于市十五届人大二次会议", "第12号建议的答复", "张某某代表：",
        "一、基本情况" + "我" * 18 + "基本情况写到这里。", "（一）第一项",
        "二、下一步打算" + "我" * 17 + "打算写完。", "某某市财政局", "2023年7月11日"]


def test_a_heading_that_fills_its_line_does_not_swallow_the_next():
    page = Page(W, H, rows("1.加快推进重点项目建设，确保年内全部开工建设完成。", "2.第二项"))
    assert document_text([page]).split("\n")[1] == "2.第二项"


def test_a_title_wrapped_in_its_larger_type_is_one_line_again():
    big = 1.4 * C
    title = (OcrLine(LEFT, 200, RIGHT, 200 + big, "关于区人大四届二次会议第41号建议的答"),
             OcrLine(650, 200 + 1.9 * big, 650 + big, 200 + 2.9 * big, "复"))
    body = rows("张某代表：", ("您提出的建议收悉。" + "我" * 15, LEFT + 2 * C), "现答复如下。", start=500)
    assert document_text([Page(W, H, title + body)]).split("\n") == [
        "关于区人大四届二次会议第41号建议的答复", "张某代表：", "您提出的建议收悉。" + "我" * 15 + "现答复如下。"]


def test_a_number_moved_whole_to_the_next_line_is_joined_back():
    # 19 characters, then no room for the 12 digits of the number: 7 characters short of the margin
    lines = rows(FULL, "联系单位及电话：某区城市管理局市容管理") + (OcrLine(LEFT, 340, LEFT + 6 * C, 340 + C, "0536-8230417"),)
    assert document_text([Page(W, H, lines)]).split("\n") == [FULL + "联系单位及电话：某区城市管理局市容管理0536-8230417"]
    short = rows(FULL, "联系单位：某区城市管理局") + (OcrLine(LEFT, 340, LEFT + 6 * C, 340 + C, "0536-8230417"),)
    assert len(document_text([Page(W, H, short)]).split("\n")) == 2  # far short of the margin: a line of its own


def test_a_blank_line_ends_a_paragraph():
    lines = rows(FULL, "短行") + (line(FULL, 200 + 2 * 70 + 120),)
    assert document_text([Page(W, H, lines)]).split("\n") == [FULL + "短行", FULL]


def test_page_numbers_and_repeated_headers_are_dropped_and_paragraphs_run_over_pages():
    first = Page(W, H, (line("某某市人民政府办公室", 60),) + rows(("第一页的段落" + "我" * 18, LEFT + 2 * C), FULL)
                 + (line("- 1 -", 1850, 650),))
    second = Page(W, H, (line("某某市人民政府办公室", 60),) + rows("接着上一页写完。", ("新的一段。", LEFT + 2 * C))
                  + (line("2-", 1850, 660),))
    assert document_text([first, second]).split("\n") == [
        "第一页的段落" + "我" * 18 + FULL + "接着上一页写完。", "新的一段。"]


def test_a_single_page_keeps_a_heading_line_at_its_top():
    page = Page(W, H, (line("某某市财政局文件", 60, 500),) + rows("正文。"))
    assert document_text([page]).split("\n")[0] == "某某市财政局文件"


def test_a_label_and_its_value_on_one_row_are_read_across():
    lines = (line("索引号：", 200), line("11330700/2023-00123", 200, LEFT + 8 * C),
             line("发布机构：", 270), line("市财政局", 270, LEFT + 8 * C))
    assert document_text([Page(W, H, lines)]).split("\n") == ["索引号： 11330700/2023-00123", "发布机构： 市财政局"]


def test_two_columns_are_read_one_after_the_other():
    left = [line("左栏第" + str(k) + "行", 200 + 70 * k, 100) for k in range(4)]
    right = [line("右栏第" + str(k) + "行", 200 + 70 * k, 800) for k in range(4)]
    text = document_text([Page(W, H, tuple(left + right))])
    assert text.index("左栏第3行") < text.index("右栏第0行")


@pytest.mark.parametrize("raw, fixed", [
    ("金经信办建〔2023】31号", "金经信办建〔2023〕31号"),
    ("杭交建【2024〕47号", "杭交建〔2024〕47号"),
    ("锡财提[2023〕23号", "锡财提〔2023〕23号"),
    ("锡财提[2023]23号", "锡财提[2023]23号"),  # the letter's own brackets
    ("三府办函【2022】76号", "三府办函【2022】76号"),
    ("武卫提(2021)58号", "武卫提〔2021〕58号"),  # 〔〕 read as round brackets
    ("惠市文广旅体函（2023）87号", "惠市文广旅体函〔2023〕87号"),
    ("经办人及联系电话：李某：0371一65938217", "经办人及联系电话：李某：0371-65938217"),
    ("关于加快县城老I日供热管网改造", "关于加快县城老旧供热管网改造"),
    ("关于推动老|旧小区物业服务", "关于推动老旧小区物业服务"),
    ('打通“最后一公里"的建议', "打通“最后一公里”的建议"),
    ('城市"菜篮子”稳定供应', "城市“菜篮子”稳定供应"),
    ("第一阶段一二三", "第一阶段一二三"),
    ("日期：2024-05-2109:32:15", "日期：2024-05-21 09:32:15"),
    ("日期：2024-05-21 09:32:15", "日期：2024-05-21 09:32:15"),
    ("2O23年7月11口", "2023年7月11日"),
    ("联系电话：0571-8705l316", "联系电话：0571-87051316"),
    ("共1O0万元", "共100万元"),
    ("-、基本情况", "一、基本情况"),
    # what is no confusion stays
    ("二〇二三年七月十一日", "二〇二三年七月十一日"),
    ("Office 2019", "Office 2019"),
    ("P+R停车场", "P+R停车场"),
    ("索引号： 11330700", "索引号： 11330700"),
    ("- 3 -", "- 3 -"),
    ("联系人：张某 电话：12345", "联系人：张某 电话：12345"),
])
def test_repair(raw, fixed):
    assert repair(raw) == fixed


def test_the_seal_fades_to_paper_and_black_strokes_and_a_red_header_stay():
    np = pytest.importorskip("numpy")
    page = np.full((100, 50, 3), (245, 240, 225), dtype=np.uint8)  # yellowish paper
    page[5, :] = (200, 30, 30)  # a red header's rule, in the top band
    page[60, :] = (215, 40, 40)  # the seal's ring
    page[61, :] = (20, 10, 10)  # the black signature under it
    clean = ocr.without_seal(page, keep_top=0.2)
    assert (clean[60] >= 210).all()  # as light as the paper
    assert (clean[61] <= 20).all() and (clean[5] == page[5]).all()
    assert (clean[50] >= 240).all()


# -- end to end: a letter rendered to page images and read back ---------------------------------

def _renderer():
    spec = importlib.util.spec_from_file_location("ocr_render", ROOT / "benchmarks" / "ocr_render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LETTER = """某市财政局关于市政协十五届二次会议第0087号提案的答复
锡财提〔2023〕23号
尊敬的顾某某委员：
您提出的《关于支持科技型中小企业发展的提案》收悉。现将办理情况答复如下：
一、已开展的工作
2022年，市政府设立总规模50亿元的科技创新产业引导基金，截至5月底已完成投资项目38个。
二、下一步打算
力争到2025年底，服务科技型中小企业3000家以上。
感谢您对财政工作的关心和支持。
联系人：沈某，联系电话：0510-81827536
无锡市财政局
2023年6月12日
"""

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed (pip install 'govreply[ocr]')")


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """The letter as an image-only PDF, as a PNG, degraded (seal, skew, blur, JPEG), and a blank page."""
    pytest.importorskip("PIL")
    render = _renderer()
    folder = tmp_path_factory.mktemp("scans")
    pages = render.render_pages(LETTER, 200)
    render.write_pdf(pages, folder / "clean.pdf")
    pages[0].save(folder / "page.png")
    render.write_pdf([render.degrade_jpeg(p, render.seed_for("degraded", k), 150) for k, p in enumerate(pages, 1)],
                     folder / "degraded.pdf")
    from PIL import Image

    Image.new("RGB", (800, 1100), "white").save(folder / "blank.png")
    return folder


@needs_ocr
def test_scans_become_records_with_their_facts(scans, tmp_path):
    from pipeline.run import run

    summary = run(scans, tmp_path / "out", write_db=False)
    records = {json.loads(l)["source"]["path"]: json.loads(l) for l in (tmp_path / "out" / "letters.jsonl").open()}
    errors = [json.loads(l) for l in (tmp_path / "out" / "errors.jsonl").open()]
    assert summary.inputs == summary.records + summary.errors + len(summary.skipped) == 4
    assert [e["code"] for e in errors] == ["ocr_failed"] and errors[0]["path"] == "blank.png"
    assert records["clean.pdf"]["source"]["format"] == "pdf-ocr"
    assert records["page.png"]["source"]["format"] == "image-ocr"
    for name in ("clean.pdf", "page.png", "degraded.pdf"):
        record = records[name]
        assert record["doc_number"]["text"] == "锡财提〔2023〕23号", name
        assert record["date"] == "2023-06-12", name
        if name != "degraded.pdf":  # (under the degraded copy's seal a character may be lost)
            assert record["sender"] == "无锡市财政局", name
        assert all(0 < c <= 1 for c in record["source"]["ocr_confidence"]), name
        money = {e["value"]["amount"] for e in record["entities"] if e["type"] == "money"}
        assert "5000000000" in {str(int(float(a))) for a in money}, name
        assert [s["heading"] for s in record["sections"]][:2] == ["已开展的工作", "下一步打算"], name
    # the wrapped target sentence is whole again: its amount, unit and deadline
    targets = [e for e in records["clean.pdf"]["entities"] if e["type"] == "target"]
    assert any(t["value"]["amount"] == 3000 and t["value"]["deadline"].startswith("2025") for t in targets)


def test_without_the_extra_a_scan_is_an_error_that_says_how_to_get_it(monkeypatch):
    pytest.importorskip("PIL")
    from PIL import Image

    monkeypatch.setattr(ocr, "available", lambda: False)
    data = io.BytesIO()
    Image.new("RGB", (100, 100), "white").save(data, "PNG")
    with pytest.raises(NoTextLayer, match=r"govreply\[ocr\]"):
        read_bytes(data.getvalue(), "page.png", "image")


def test_an_image_bomb_is_refused_before_decoding():
    pytest.importorskip("PIL")
    from PIL import Image

    data = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(data, "PNG")  # 400 million pixels in a few kB
    from pipeline.errors import TooLarge

    with pytest.raises(TooLarge):
        list(ocr.image_pages(data.getvalue(), 10))


@needs_ocr
def test_a_scan_refused_without_ocr_is_read_once_ocr_is_installed(scans, tmp_path, monkeypatch):
    from pipeline.run import run

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter.pdf").write_bytes((scans / "clean.pdf").read_bytes())
    with monkeypatch.context() as m:  # the extra not installed
        m.setattr(ocr, "available", lambda: False)
        m.setattr("pipeline.run.ocr_engine_version", lambda: None)
        first = run(folder, tmp_path / "out", write_db=False)
    assert (first.records, first.errors) == (0, 1)
    assert "govreply[ocr]" in (tmp_path / "out" / "errors.jsonl").read_text()
    second = run(folder, tmp_path / "out", write_db=False)  # installed: the cached error is not reused
    assert (second.records, second.errors) == (1, 0)


def test_a_page_read_with_little_confidence_is_a_warning_and_a_page_of_nothing_an_error(monkeypatch):
    pages = iter([Page(W, H, rows("某某市财政局关于政协提案的答复", "张某委员：您提出的提案收悉，现答复如下。")),
                  Page(W, H, tuple(line(t, 200 + 70 * k, score=0.6) for k, t in enumerate(["模糊的一页", "看不清"])))])
    monkeypatch.setattr(ocr, "read_page", lambda image, keep_top=0.0: next(pages))

    class Image:
        def close(self):
            pass

    result = ocr.read_pages([Image(), Image()])
    assert result.confidences == [0.99, 0.6] and result.warnings == ["ocr_low_confidence:page=2:0.60"]
    monkeypatch.setattr(ocr, "read_page", lambda image, keep_top=0.0: Page(W, H, ()))
    with pytest.raises(ocr.OcrFailed):
        ocr.read_pages([Image()])
