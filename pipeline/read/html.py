"""HTML reader: a saved portal page -> the letter's text, with its line structure and metadata.

selectolax (the Lexbor engine) parses the page, tolerant of broken markup. Page furniture
(script, style, nav, header, footer, aside, forms) is dropped; the letter is the deepest
element that still holds most of the page's Chinese text outside links (navigation menus
are mostly links); block elements and ``<br>`` become line breaks. The portal's metadata
table (索引号 / 发布机构 / 成文日期 / 文号 …) is kept as ``label:value`` lines at the top,
wherever on the page it stands. All work is linear in the number of nodes, and the node
count is capped, so a deeply nested or huge page cannot take unbounded time.
"""

from __future__ import annotations

import re

from ..errors import EmptyInput, TooLarge
from .text import read_text_bytes

_DROP = ("script", "style", "noscript", "iframe", "svg", "nav", "header", "footer", "aside", "form", "button",
         "select", "input", "textarea", "template", "head", "object", "canvas")
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section",
          "article", "main", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "body", "html", "tbody"}
_CELL = {"td", "th"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_METADATA_LABEL = re.compile(r"^\s*(索\s*引\s*号|信息索引号|发布机构|发文机关|发布单位|成文日期|成文时间|发布日期|公开日期|"
                             r"文\s*号|发文字号|主题分类|主\s*题\s*词|公开方式|公开范围|有效性|标\s*题|文件名称|名\s*称)\s*[:：]?\s*$")
#: more nodes than this and the page is refused (a real portal page has a few thousand)
MAX_NODES = 200_000
#: a child that holds this share of its parent's text is where the letter is
_DESCEND = 0.8


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """The page's declared charset when it has one (gb2312 is read as its superset gb18030), else detected."""
    m = _CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        encoding = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}.get(
            declared, declared)
        try:
            return data.decode(encoding), encoding, []
        except (LookupError, UnicodeDecodeError):
            pass
    return read_text_bytes(data)


def read_html(data: bytes) -> tuple[str, str, list[str]]:
    """``(text, encoding, warnings)`` of the letter on an HTML page."""
    from selectolax.lexbor import LexborHTMLParser

    markup, encoding, warnings = decode_html(data)
    tree = LexborHTMLParser(markup)
    root = tree.body or tree.root
    if root is None:
        raise EmptyInput("the HTML page has no body")
    nodes = list(root.traverse(include_text=True))
    if len(nodes) > MAX_NODES:
        raise TooLarge(f"the HTML page has {len(nodes)} elements, over the {MAX_NODES} limit")
    metadata = _metadata_lines(root)
    for tag in _DROP:
        for node in root.css(tag):
            node.decompose()
    main = _main_content(root)
    text = _text(main)
    if metadata and not all(line in text for line in metadata):
        text = "\n".join(metadata) + "\n" + text
    if not text.strip():
        raise EmptyInput("the HTML page holds no text")
    if main is not root:
        warnings.append("html_main_content")
    return text, encoding, warnings


def _metadata_lines(root) -> list[str]:
    """``label:value`` from a metadata table or list: a cell holding only a label, the next its value."""
    lines: list[str] = []
    for row in root.css("tr"):
        cells = [c.text(separator=" ", strip=True) for c in row.iter() if c.tag in _CELL]
        pairs = []
        k = 0
        while k + 1 < len(cells):
            if _METADATA_LABEL.match(cells[k]) and not _METADATA_LABEL.match(cells[k + 1]):
                label = re.sub(r"[:：\s]", "", cells[k])
                pairs.append(f"{label}:{cells[k + 1]}")
                k += 2
            else:
                k += 1
        if pairs:
            lines.append("  ".join(pairs))
    return lines


def _main_content(root):
    """The deepest element holding most of the page's non-link Chinese text."""
    weight: dict[int, int] = {}
    order = list(root.traverse(include_text=True))
    for node in reversed(order):  # post-order sums: children before parents
        own = _han(node.text_content or "") if node.tag == "-text" else 0
        total = weight.get(node.mem_id, 0) + own
        if node.tag == "a":
            total = 0  # link text is navigation, not letter
        weight[node.mem_id] = total
        parent = node.parent
        if parent is not None and node is not root:
            weight[parent.mem_id] = weight.get(parent.mem_id, 0) + total
    node = root
    while True:
        here = weight.get(node.mem_id, 0)
        best = None
        for child in node.iter(include_text=False):
            w = weight.get(child.mem_id, 0)
            if best is None or w > best[0]:
                best = (w, child)
        if best is None or here == 0 or best[0] < _DESCEND * here:
            return node
        node = best[1]


def _text(node) -> str:
    """Text with line breaks at block elements and ``<br>``, cells of a row separated by two spaces."""
    parts: list[str] = []
    for child in node.traverse(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag in _BLOCK:
            parts.append("\n")
        elif tag in _CELL:
            parts.append("  ")
    text = "".join(parts)
    return re.sub(r"\n\s*\n+", "\n", text).strip()
