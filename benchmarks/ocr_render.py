"""Render corpus letters as image-only PDFs and page images, and degrade copies the way scans are.

Test material for OCR (issue 17).  For each letter text file this writes, into OUT_DIR:

    clean300/<stem>.pdf        image-only PDF (no text layer), A4, 300 dpi, grey pages, lossless
    clean300png/<stem>-N.png   the same pages as lossless PNG, one file per page (N from 1)
    degraded/<stem>.pdf        the pages scanned badly, 150 dpi: yellowish grey paper with noise,
                               a red seal over the signature, skew within +-2 degrees, blur,
                               JPEG quality 40 (the JPEG bytes are embedded as they are)
    degraded300/<stem>.pdf     the same degradation at 300 dpi

The layout follows GB/T 9704 loosely: A4, text area 156 x 225 mm, body 16 pt (3 hao) with
28 characters and 22 lines a page, title 22 pt centred, paragraphs indented two characters,
headings (一、 （一） 1.) on their own lines, the signing organization and the date right-aligned
at the end, a `- N -` page number under the text area.  The only font is Debian's WenQuanYi Zen
Hei (fonts-wqy-zenhei).  Everything is deterministic: the random choices are seeded from the
file name and the page number.

Usage:

    python benchmarks/ocr_render.py                      # corpora/*.txt -> out-ocr/
    python benchmarks/ocr_render.py a.txt b.txt --out /tmp/x --variants clean300 degraded
    python benchmarks/ocr_render.py --jobs 2 --quiet

Importable: `render_pages(text, dpi)` gives the pages as PIL images, `degrade(image, seed, dpi)`
one degraded page, `seed_for(name, page)` the seed this script uses.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import os
import re
import sys
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
REPO = Path(__file__).resolve().parent.parent
VARIANTS = ("clean300", "clean300png", "degraded", "degraded300")

MM_PER_INCH = 25.4
PAGE_MM = (210.0, 297.0)
MARGIN_MM = {"top": 37.0, "left": 28.0, "right": 26.0}
TEXT_MM = (156.0, 225.0)
BODY_PT = 16.0  # 3 hao
TITLE_PT = 22.0  # 2 hao
FOOTER_PT = 14.0  # 4 hao
LINES_PER_PAGE = 22
TITLE_PITCH = 1.5  # title line pitch, in body line pitches
FOOTER_BELOW_MM = 7.0  # page number baseline below the text area

# characters WenQuanYi Zen Hei has no glyph for, drawn as the nearest one it has
SUBSTITUTES = str.maketrans({"\u2022": "\u00b7", "\u2219": "\u00b7", "\u22c5": "\u00b7"})
# punctuation that must not start a line (hangs into the right margin instead)
NO_LINE_START = set("，。、；：？！）》」』”’〕】］﹞〉,.;:?!)]%")

HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d)|[①-⑳]"
    r"|第[一二三四五六七八九十]+[，、])"
)
DATE_RE = re.compile(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零0一二三四五六七八九十]{4}年[〇○一二三四五六七八九十]{1,3}月"
    r"[〇○一二三四五六七八九十]{1,3}日|\d{4}[-./]\d{1,2}[-./]\d{1,2})$"
)
CHROME_RE = re.compile(r"打印本页|关闭窗口|【字体|字体[:：]\s*大|分享[:：]|浏览量|^朗读$")
CC_RE = re.compile(r"^(?:抄送|抄报|抄　送|主送|附件)[:：]"
                   r"|^[（(].*(?:联系|經辦|经办|聯繫).*[）)]$")  # (联系人：…) after the date
ADDRESSEE_RE = re.compile(r"^(?:尊敬的.{1,40}(?:代表|委员|委員)[:：]?|.{1,60}(?:[:：]|您好[:：]?))$")
TITLE_HINT_RE = re.compile(r"答复|答覆|复函|復函|的函|意见的|关于|關於")
META_RE = re.compile(r"索引|名称|名稱|机构|機構|日期|方式|文号|字号|类别|類別|结果|結果|来源|來源|时间|時間|位置|首页|首頁|分享|浏览")
DOCNO_RE = re.compile(r"[〔\[［﹝【(（]\s*(?:19|20)\d\d\s*[〕\]］﹞】)）]\s*\d+\s*号")
ORG_END_RE = re.compile(r"(?:局|委员会|委|办公室|办|厅|部|府|政府|中心|院|所|署|会|处|站|公司|街道|镇|乡|集团)$")


# ----------------------------------------------------------------------------- geometry


def px(mm: float, dpi: int) -> int:
    """Millimetres to pixels at `dpi`."""
    return int(round(mm / MM_PER_INCH * dpi))


def pt(points: float, dpi: int) -> int:
    """Typographic points to pixels at `dpi`."""
    return int(round(points / 72.0 * dpi))


def page_size(dpi: int) -> tuple[int, int]:
    """A4 in pixels at `dpi` (2480 x 3508 at 300)."""
    return px(PAGE_MM[0], dpi), px(PAGE_MM[1], dpi)


@lru_cache(maxsize=16)
def font(size_px: int) -> ImageFont.FreeTypeFont:
    """WenQuanYi Zen Hei at `size_px` pixels (cached)."""
    return ImageFont.truetype(FONT_PATH, size_px, index=0)


def seed_for(name: str, page: int = 0) -> int:
    """A stable 32-bit seed from a file name (stem) and a page number."""
    digest = hashlib.sha256(f"{name}\0{page}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


# ----------------------------------------------------------------------------- layout


def classify(lines: list[str]) -> list[tuple[str, str]]:
    """Give each non-blank line of a letter a role for typesetting.

    Roles: `title` (centred, larger); `front` (flush left: metadata, category and doc number
    around the title, the addressee; a bare doc number is `centre`d); `heading` (own line,
    indented); `para` (wrapped, first line indented two characters); `sign` (organization and
    date at the end, right-aligned); `tail` (抄送 and portal chrome after the signature, flush left).
    """
    n = len(lines)
    roles = ["para"] * n
    if not n:
        return []

    # the title: the line nearest above the addressee line that reads like one (关于…答复),
    # with a short second half below it and an organization-only line above it
    addressee = next(
        (i for i, s in enumerate(lines[:60])
         if len(s) <= 60 and ADDRESSEE_RE.match(s) and not HEADING_RE.match(s) and not META_RE.search(s)
         and not s.startswith("•")),
        None,
    )
    title: list[int] = []
    if addressee is not None:
        t = next((j for j in range(addressee - 1, max(-1, addressee - 7), -1)
                  if TITLE_HINT_RE.search(lines[j]) and len(lines[j]) <= 80 and not DOCNO_RE.search(lines[j])
                  and not META_RE.search(lines[j]) and not lines[j].startswith("•")), None)
        if t is not None:
            title = [t]
            prev = lines[t - 1] if t >= 1 else ""
            if prev and (TITLE_HINT_RE.search(prev) or re.search(r"(?:会议|會議|的)$", prev)) \
                    and len(prev) + len(lines[t]) <= 80 and not DOCNO_RE.search(prev) and not META_RE.search(prev) \
                    and not prev.startswith("•"):
                title.insert(0, t - 1)  # a title broken over two lines, this was its first half
                t -= 1
            elif t + 1 < addressee and len(lines[t + 1]) < 30 and not re.search(r"[:：、，,]", lines[t + 1]) \
                    and not DOCNO_RE.search(lines[t + 1]) and not META_RE.search(lines[t + 1]):
                title.append(t + 1)
            if t >= 1 and len(lines[t - 1]) <= 30 and ORG_END_RE.search(lines[t - 1]) \
                    and not re.search(r"[:：，。]", lines[t - 1]):
                title.insert(0, t - 1)
    if not title:
        first = next((i for i, s in enumerate(lines[:60])
                      if len(s) <= 80 and re.search(r"关于|關於", s) and re.search(r"答复|答覆|复函|復函", s)), None)
        if first is not None:
            title = [first]
    for i in title:
        roles[i] = "title"
    if addressee is not None and title and addressee > max(title):
        # the addressee starts at the margin (a list of names may run over two lines)
        roles[addressee] = "front"
        if addressee > max(title) + 1 and lines[addressee - 1].endswith(("、", "，", ",")):
            roles[addressee - 1] = "front"
    start = (max(title) + 1) if title else 0
    if addressee is not None and addressee >= start:
        start = addressee + 1
    front = list(range(0, min(title) if title else 0))
    if addressee is not None and title:
        front += range(max(title) + 1, addressee)  # doc number or category under the title
    for i in front:
        roles[i] = "centre" if DOCNO_RE.search(lines[i]) and len(lines[i]) <= 24 \
            and not re.search(r"[:：]", lines[i]) else "front"

    # the end: chrome and 抄送 lines, then the date, then one to three organization lines
    end = n
    while end > start and (CHROME_RE.search(lines[end - 1]) or CC_RE.match(lines[end - 1])):
        roles[end - 1] = "tail"
        end -= 1
    if end > start and DATE_RE.match(lines[end - 1].replace(" ", "")):
        roles[end - 1] = "sign"
        k = end - 2
        taken = 0
        while k >= start and taken < 3 and len(lines[k]) <= 30 and not re.search(r"[。，,；;：:！!？?]", lines[k]) \
                and (ORG_END_RE.search(lines[k]) or len(lines[k]) <= 20) and not HEADING_RE.match(lines[k]):
            roles[k] = "sign"
            taken += 1
            k -= 1
    for i in range(start, n):
        if roles[i] == "para" and HEADING_RE.match(lines[i]) and len(lines[i]) <= 40 and not lines[i].endswith("。"):
            roles[i] = "heading"
    return [(roles[i], lines[i]) for i in range(n)]


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: int, indent: int = 0) -> list[tuple[int, str]]:
    """Break `text` into lines no wider than `width` px, the first one indented by `indent` px.

    Returns (x offset, line text) pairs.  A punctuation mark that may not start a line hangs
    into the margin; a run of ASCII letters or digits is kept together when it fits on a line.
    """
    out: list[tuple[int, str]] = []
    line, x, off = "", indent, indent
    i = 0
    while i < len(text):
        # take one unit: a run of ASCII word characters, or one character
        m = re.match(r"[A-Za-z0-9.%,-]+", text[i:])
        unit = m.group(0) if m and len(m.group(0)) <= 12 else text[i]
        if not line and out and unit in (" ", "\u3000"):  # no gap at the start of a wrapped line
            i += 1
            continue
        w = fnt.getlength(unit)
        if line and x + w > width and not (len(unit) == 1 and unit in NO_LINE_START):
            if len(unit) > 1 and w > width - off:  # a very long run: split it
                unit = text[i]
                w = fnt.getlength(unit)
            out.append((off, line))
            line, x, off = "", 0, 0
        line += unit
        x += w
        i += len(unit)
    if line:
        out.append((off, line))
    return out


def render_pages(text: str, dpi: int = 300) -> list[Image.Image]:
    """Typeset a letter's text on A4 pages at `dpi`, as 8-bit grey images (white paper).

    Each page's `info` holds `dpi`; the page that carries the signature holds `seal_at`
    (x, y, organization name), where `degrade` stamps the seal.
    """
    W, H = page_size(dpi)
    left, top = px(MARGIN_MM["left"], dpi), px(MARGIN_MM["top"], dpi)
    text_w, text_h = px(TEXT_MM[0], dpi), px(TEXT_MM[1], dpi)
    body, ttl = font(pt(BODY_PT, dpi)), font(pt(TITLE_PT, dpi))
    em = pt(BODY_PT, dpi)
    pitch = text_h / LINES_PER_PAGE
    # gaps inside a line (联系人：某某　　电话：…) are kept as wide as they are; the ends are trimmed
    lines = [s.replace("\t", "    ").replace("\u00a0", " ").strip(" \u3000")
             for s in text.translate(SUBSTITUTES).splitlines()]
    lines = [s for s in lines if s]

    # 1. a flat list of placed rows: (x, text, font, height in line pitches, role)
    rows: list[tuple[int, str, ImageFont.FreeTypeFont, float, str]] = []
    for role, s in classify(lines):
        if role == "title":
            for x, seg in wrap(s, ttl, text_w - 2 * em):
                rows.append((left + (text_w - int(ttl.getlength(seg))) // 2, seg, ttl, TITLE_PITCH, role))
        elif role == "centre":
            rows.append((left + (text_w - int(body.getlength(s))) // 2, s, body, 1.0, role))
        elif role in ("front", "tail"):
            for x, seg in wrap(s, body, text_w):
                rows.append((left + x, seg, body, 1.0, role))
        elif role == "sign":
            for x, seg in wrap(s, body, text_w - 2 * em):
                rows.append((left + text_w - 2 * em - int(body.getlength(seg)), seg, body, 1.0, role))
        else:  # para, heading
            for x, seg in wrap(s, body, text_w, indent=2 * em):
                rows.append((left + x, seg, body, 1.0, role))

    # 2. pages
    pages: list[Image.Image] = []
    sign_rows: list[tuple[int, int, int, str]] = []  # page index, x, y, text
    y = 0.0
    page = None
    draw = None

    def new_page() -> None:
        nonlocal page, draw, y
        page = Image.new("L", (W, H), 255)
        page.info["dpi"] = (dpi, dpi)
        draw = ImageDraw.Draw(page)
        pages.append(page)
        y = 0.0

    new_page()
    prev_role = None
    n_sign = sum(1 for r in rows if r[4] == "sign")
    for x, seg, fnt, h, role in rows:
        gap = 0.5 if (prev_role == "title") != (role == "title") and prev_role is not None else 0.0
        gap += 0.5 if role == "sign" and prev_role not in ("sign", None) else 0.0
        # the signature block is kept together on one page
        need = n_sign if role == "sign" and prev_role != "sign" else h
        if y + gap + need > LINES_PER_PAGE + 1e-6:
            new_page()
            gap = 0.0
        y += gap
        baseline_top = top + y * pitch + (h * pitch - fnt.size) / 2
        draw.text((x, baseline_top), seg, font=fnt, fill=0)
        if role == "sign":
            sign_rows.append((len(pages) - 1, x, int(baseline_top), seg))
        y += h
        prev_role = role

    # 3. page numbers, and where the seal goes
    foot = font(pt(FOOTER_PT, dpi))
    for i, p in enumerate(pages, 1):
        label = f"- {i} -"
        ImageDraw.Draw(p).text(
            ((W - foot.getlength(label)) / 2, top + text_h + px(FOOTER_BELOW_MM, dpi) - foot.size),
            label, font=foot, fill=0)
    if sign_rows:
        last = sign_rows[-1][0]
        block = [r for r in sign_rows if r[0] == last]
        org = next((r[3] for r in block if not DATE_RE.match(r[3].replace(" ", ""))), "")
        xs = [r[1] for r in block]
        x_right = left + text_w - 2 * em
        cx = (min(xs) + x_right) // 2
        ys = [r[2] for r in block]
        cy = (min(ys) + max(ys) + em) // 2 - px(6, dpi)  # name and date a little below the centre
        pages[last].info["seal_at"] = (cx, cy, org)
    return pages


# ----------------------------------------------------------------------------- degradation


def _star(cx: float, cy: float, r: float, rot: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star of outer radius `r`."""
    pts = []
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.382
        a = rot + k * math.pi / 5
        pts.append((cx + rr * math.sin(a), cy - rr * math.cos(a)))
    return pts


def seal_mask(name: str, dpi: int, rng: np.random.Generator) -> Image.Image:
    """A round official seal as an 8-bit coverage mask: ring, star, and `name` along the top arc.

    42 mm across (the size for a government body), ink uneven like a real stamp.
    """
    d = px(42, dpi)
    R = d / 2
    m = Image.new("L", (d, d), 0)
    dr = ImageDraw.Draw(m)
    ring = max(2, px(1.2, dpi))
    dr.ellipse((1, 1, d - 2, d - 2), outline=255, width=ring)
    dr.polygon(_star(R, R, px(7, dpi), 0.0), fill=255)
    name = (name or "专用章")[:16]
    if name:
        size = px(6.0 if len(name) <= 10 else 5.0, dpi)
        f = font(size)
        r_text = R - ring - px(1.2, dpi) - size / 2
        span = min(250.0, 22.0 * len(name) + 20.0)  # degrees of arc the name spans
        for i, ch in enumerate(name):
            ang = -span / 2 + span * (i + 0.5) / len(name)
            tile = Image.new("L", (size * 2, size * 2), 0)
            ImageDraw.Draw(tile).text((size * 0.5, size * 0.5), ch, font=f, fill=255)
            tile = tile.rotate(-ang, resample=Image.BICUBIC)
            a = math.radians(ang)
            cx, cy = R + r_text * math.sin(a), R - r_text * math.cos(a)
            m.paste(255, (int(cx - size), int(cy - size)), tile)
    # uneven ink: a smooth field times speckle, a few dry patches
    cov = np.asarray(m, dtype=np.float32) / 255.0
    coarse = rng.uniform(0.55, 1.0, size=(6, 6)).astype(np.float32)
    field = np.asarray(Image.fromarray((coarse * 255).astype(np.uint8)).resize((d, d), Image.BICUBIC),
                       dtype=np.float32) / 255.0
    speckle = rng.uniform(0.75, 1.0, size=(d, d)).astype(np.float32)
    cov *= np.clip(field, 0, 1) * speckle
    return Image.fromarray((np.clip(cov, 0, 1) * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def degrade_jpeg(image: Image.Image, seed: int, dpi: int = 150, quality: int = 40) -> bytes:
    """Degrade a rendered page like a poor scan and return the JPEG bytes (quality 40).

    Steps: resampled to `dpi`; the sheet skewed by a random angle within +-2 degrees; Gaussian
    blur of radius about 1 px; sensor noise; yellowish grey paper with uneven tone, the text as ink
    on it; the red seal (where the page's `info["seal_at"]` says, semi-transparent, multiplied over the
    text, turned with the sheet); JPEG.  Deterministic for a given seed.
    """
    rng = np.random.default_rng(seed)
    src_dpi = int(round(image.info.get("dpi", (300, 300))[0]))
    scale = dpi / src_dpi
    grey = image.convert("L")
    if dpi != src_dpi:
        grey = grey.resize(page_size(dpi), Image.LANCZOS)
    W, H = grey.size
    # the heavy steps (skew, blur) on the one grey channel; paper and seal are smooth or
    # transformed on their own, so the result is the same as skewing the coloured sheet
    angle = rng.uniform(-2.0, 2.0)
    blur = rng.uniform(0.8, 1.2)
    grey = grey.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255)
    grey = grey.filter(ImageFilter.GaussianBlur(blur))

    # paper: a base tone and a slow uneven shading; the text as ink, not quite black
    base = (rng.uniform(222, 238), rng.uniform(216, 230), rng.uniform(196, 214))
    shade = Image.fromarray(rng.normal(0, 3.5, size=(8, 6)).astype(np.float32), "F").resize((W, H), Image.BICUBIC)
    paper = Image.merge("RGB", [shade.point(lambda v, c=c: v + c).convert("L") for c in base])
    ink_level = rng.uniform(0.10, 0.22)
    cover = grey.point([int(round(255 * ink_level + (1 - ink_level) * v)) for v in range(256)])
    # sensor noise, the same on the three channels (on the grey layer: a third of the work)
    noise = rng.standard_normal(size=(H, W), dtype=np.float32) * 4.0
    cover = Image.fromarray(np.clip(np.asarray(cover, dtype=np.float32) + noise, 0, 255).astype(np.uint8), "L")
    page = ImageChops.multiply(paper, Image.merge("RGB", (cover, cover, cover)))

    # the seal, multiplied over whatever is below it, turned with the sheet
    seal_at = image.info.get("seal_at")
    if seal_at:
        sx, sy, name = seal_at
        mask = seal_mask(name, dpi, rng)
        mask = mask.rotate(angle + rng.uniform(-12, 12), resample=Image.BICUBIC).filter(ImageFilter.GaussianBlur(blur))
        dx = sx * scale + rng.normal(0, px(2, dpi)) - W / 2
        dy = sy * scale + rng.normal(0, px(2, dpi)) - H / 2
        t = math.radians(angle)
        cx = W / 2 + dx * math.cos(t) + dy * math.sin(t)
        cy = H / 2 - dx * math.sin(t) + dy * math.cos(t)
        mw, mh = mask.size
        x0, y0 = int(cx - mw / 2), int(cy - mh / 2)
        x0, y0 = min(max(0, x0), W - mw), min(max(0, y0), H - mh)
        alpha = rng.uniform(0.75, 0.9)
        red = (205, 32, 38)
        tint = Image.merge("RGB", [mask.point(lambda v, c=c: 255 - v * alpha * (1 - c / 255)) for c in red])
        box = (x0, y0, x0 + mw, y0 + mh)
        page.paste(ImageChops.multiply(page.crop(box), tint), box)

    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


def degrade(image: Image.Image, seed: int, dpi: int = 150) -> Image.Image:
    """One rendered page degraded like a scan (see `degrade_jpeg`), decoded back into an image."""
    out = Image.open(io.BytesIO(degrade_jpeg(image, seed, dpi)))
    out.load()
    out.info["dpi"] = (dpi, dpi)
    return out


# ----------------------------------------------------------------------------- writing


def write_pdf(pages: list[Image.Image | bytes], path: Path) -> None:
    """Write an image-only A4 PDF with one picture a page and no text layer.

    A page given as JPEG bytes is embedded as it is (DCTDecode, no second compression); a page
    given as a grey or RGB image is stored losslessly (FlateDecode).  Written to a temporary
    file and renamed.
    """
    objs: list[bytes] = []  # object n is objs[n - 1]

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    def stream(d: str, data: bytes) -> bytes:
        return f"<< {d} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"

    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"")  # the page tree, filled in below
    kids = []
    for pg in pages:
        if isinstance(pg, bytes):
            with Image.open(io.BytesIO(pg)) as im:
                (w, h), mode, dpi = im.size, im.mode, im.info.get("dpi", (300, 300))[0]
            space = "/DeviceGray" if mode == "L" else "/DeviceRGB"
            img = add(stream(f"/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} "
                             f"/BitsPerComponent 8 /Filter /DCTDecode", pg))
        else:
            im = pg if pg.mode in ("L", "RGB") else pg.convert("RGB")
            (w, h), dpi = im.size, pg.info.get("dpi", (300, 300))[0]
            space = "/DeviceGray" if im.mode == "L" else "/DeviceRGB"
            img = add(stream(f"/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space} "
                             f"/BitsPerComponent 8 /Filter /FlateDecode", zlib.compress(im.tobytes(), 6)))
        # the page is the picture's size at its resolution: rendering at dpi/72 gives it back pixel for pixel
        w_pt, h_pt = w / float(dpi) * 72 - 0.001, h / float(dpi) * 72 - 0.001  # (a hair less: renderers round up)
        content = add(stream("", f"q {w_pt:.3f} 0 0 {h_pt:.3f} 0 0 cm /Im0 Do Q".encode()))
        kids.append(add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.3f} {h_pt:.3f}] "
                        f"/Resources << /XObject << /Im0 {img} 0 R >> >> /Contents {content} 0 R >>".encode()))
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(out)
    os.replace(tmp, path)


def process(path: Path, out: Path, variants: tuple[str, ...]) -> tuple[str, int, float]:
    """Render one letter file into every requested variant; returns (stem, pages, seconds)."""
    t0 = time.perf_counter()
    stem = path.stem
    pages = render_pages(path.read_text(encoding="utf-8"), 300)
    if "clean300" in variants:
        write_pdf(pages, out / "clean300" / f"{stem}.pdf")
    if "clean300png" in variants:
        d = out / "clean300png"
        d.mkdir(parents=True, exist_ok=True)
        for old in d.glob(f"{glob_escape(stem)}-*.png"):
            old.unlink()
        for i, p in enumerate(pages, 1):
            p.save(d / f"{stem}-{i}.png", dpi=(300, 300), optimize=False)
    for variant, dpi in (("degraded", 150), ("degraded300", 300)):
        if variant in variants:
            jpegs = [degrade_jpeg(p, seed_for(stem, i), dpi) for i, p in enumerate(pages, 1)]
            write_pdf(jpegs, out / variant / f"{stem}.pdf")
    return stem, len(pages), time.perf_counter() - t0


def glob_escape(s: str) -> str:
    """Escape glob metacharacters in a file stem."""
    return re.sub(r"([*?\[])", r"[\1]", s)


def main(argv: list[str] | None = None) -> int:
    """Command line: render the given letter files (default corpora/*.txt) into OUT_DIR."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, help="letter text files (default: corpora/*.txt)")
    ap.add_argument("--out", type=Path, default=Path("out-ocr"), help="output folder (default: out-ocr)")
    ap.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS),
                    help="what to write (default: all)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    ap.add_argument("--quiet", action="store_true", help="print only the total")
    args = ap.parse_args(argv)
    files = args.files or sorted((REPO / "corpora").glob("*.txt"))
    if not files:
        ap.error("no input files")
    if not Path(FONT_PATH).exists():
        print(f"font missing: {FONT_PATH} (apt-get install fonts-wqy-zenhei)", file=sys.stderr)
        return 1
    variants = tuple(args.variants)
    t0 = time.perf_counter()
    total = 0
    if args.jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(args.jobs) as ex:
            results = ex.map(process, files, [args.out] * len(files), [variants] * len(files))
            for stem, n, secs in results:
                total += n
                if not args.quiet:
                    print(f"{stem}: {n} page(s), {secs:.1f} s")
    else:
        for f in files:
            stem, n, secs = process(f, args.out, variants)
            total += n
            if not args.quiet:
                print(f"{stem}: {n} page(s), {secs:.1f} s")
    print(f"{len(files)} letter(s), {total} page(s) -> {args.out} in {time.perf_counter() - t0:.1f} s "
          f"({args.jobs} job(s); {', '.join(variants)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
