"""Render a plain-text letter into the formats letters reach users in: a portal HTML page, a Word
file whose 一、/（一） headings are Word list numbering, a PDF with a text layer (lines wrapped as
a typesetter wraps them), and legacy encodings. Used to build test fixtures from the corpus."""

from __future__ import annotations

import html
import io
import re

_HEADING_1 = re.compile(r"^\s*[一二三四五六七八九十]{1,3}、")
_HEADING_2 = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]")


def to_html(text: str, encoding: str = "utf-8") -> bytes:
    """A portal page: navigation, a metadata table, the letter in <p> paragraphs, share buttons, a footer."""
    declared = {"gb18030": "gb2312"}.get(encoding, encoding)
    body = "\n".join(f"<p style=\"text-indent:2em\">{html.escape(line.strip())}</p>"
                     for line in text.split("\n") if line.strip())
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}">
<title>建议提案办理答复</title><script>var nav = "首页 答复 建议";</script><style>p {{ margin: 0 }}</style></head>
<body><div class="header"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/jytabl">建议提案办理</a></div>
<nav><ul><li><a href="/a">机构概况</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">互动交流</a></li></ul></nav>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 建议提案办理</div>
<div id="zoom" class="article-content">
{body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a> 【<a>打印本页</a>】 【<a>关闭窗口</a>】</div>
<footer><p>主办单位：某某市人民政府办公室 <a href="/map">网站地图</a> <a href="/contact">联系我们</a></p></footer>
</body></html>"""
    return page.encode(encoding)


def to_docx(text: str) -> bytes:
    """A Word file; 一、 and （一） headings lose their written numbers to Word list numbering."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for line in text.split("\n"):
        if not line.strip():
            continue
        level = 0 if _HEADING_1.match(line) else 1 if _HEADING_2.match(line) else None
        if level is None:
            document.add_paragraph(line.strip())
            continue
        written = (_HEADING_1 if level == 0 else _HEADING_2).sub("", line).strip()
        paragraph = document.add_paragraph(written)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(text: str, per_line: int = 34) -> bytes:
    """A PDF with a text layer; long paragraphs wrap every ``per_line`` characters, pages are numbered."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    y, page = 800, 1
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        pieces = _wrap(paragraph, per_line)
        for piece in pieces:
            if y < 60:
                c.setFont("STSong-Light", 9)
                c.drawString(280, 30, f"- {page} -")
                c.showPage()
                y, page = 800, page + 1
            c.setFont("STSong-Light", 12)
            c.drawString(50, y, piece)
            y -= 18
    c.setFont("STSong-Light", 9)
    c.drawString(280, 30, f"- {page} -")
    c.save()
    return out.getvalue()


_NO_LINE_START = set("，。、；：！？”’）》〕】,.;:!?)%")


def _wrap(paragraph: str, width: int) -> list[str]:
    """Lines of ``width`` characters; punctuation never starts a line (it stays with the one before)."""
    pieces: list[str] = []
    rest = paragraph
    while rest:
        cut = min(width, len(rest))
        while cut < len(rest) and rest[cut] in _NO_LINE_START:
            cut += 1
        if len(rest) - cut <= 2:
            cut = len(rest)  # no orphan of one or two characters on a line of its own
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces
