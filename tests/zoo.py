"""The bad-input zoo: every way an input can be wrong, each with the error code it must end as.

``build(folder)`` writes the zoo (and two good letters) and returns ``{relative path: expected
code}``, where the code is ``None`` for an input that must become a record and ``"skipped"`` for
one no reader takes. Used by tests/test_zoo.py and benchmarks/zoo.py (time and memory).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from .render import to_docx, to_html, to_pdf
from pipeline.read import ocr

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "corpora" / "010_yueyang-renshe.txt"


def _zip_bomb(unpacked: int = 300 * 1024 * 1024) -> bytes:
    """A DOCX-looking ZIP whose document.xml unpacks to ``unpacked`` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(unpacked >> 20):
                fh.write(chunk)
    return out.getvalue()


def _xml_bomb_docx(text: str) -> bytes:
    """A real DOCX whose document.xml declares a billion-laughs entity (must not be expanded)."""
    good = zipfile.ZipFile(io.BytesIO(to_docx(text)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in good.infolist():
            data = good.read(item.filename)
            if item.filename == "word/document.xml":
                laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
                data = data.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY l0 "lol">' + laughs.encode() + b"]>", 1)
                data = data.replace(b"<w:t>", b"<w:t>&l9;", 1)  # referenced: expanded it would be 10**9 lols
            z.writestr(item, data)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    """A PDF page with shapes and no text layer, as a scanner makes."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for k in range(40):
        c.rect(50 + k * 3, 700 - k * 15, 400, 10, fill=1)
    c.save()
    return out.getvalue()


def build(folder: Path) -> dict[str, str | None]:
    folder.mkdir(parents=True, exist_ok=True)
    text = LETTER.read_text(encoding="utf-8")
    docx = to_docx(text)
    pdf = to_pdf(text)
    files: dict[str, tuple[bytes, str | None]] = {
        "good.txt": (text.encode("utf-8"), None),
        "good_gbk.txt": (text.encode("gb18030"), None),
        "good.html": (to_html(text), None),
        "good.docx": (docx, None),
        "good.pdf": (pdf, None),
        "pdf_named.txt": (pdf, None),  # the content says PDF: read as one
        "empty.txt": (b"", "empty"),
        "blank.txt": (b" \n\t\r\n   ", "empty"),
        "binary.txt": (bytes(range(256)) * 64, "binary"),
        "garbled.txt": (bytes((i * 7919) % 127 + 128 for i in range(4000)), "encoding"),
        "not_a_letter.txt": ("今天天气很好，我们一起去公园散步，然后回家吃饭。".encode("utf-8"), "not_a_letter"),
        "shopping_list.html": ("<html><body><ul><li>苹果</li><li>香蕉</li></ul></body></html>".encode(), "not_a_letter"),
        "empty.html": (b"<html><body><script>var x=1;</script></body></html>", "empty"),
        "deep.html": (b"<html><body>" + b"<div>" * 100_000 + "深".encode() + b"</div>" * 10 + b"</body></html>",
                      "not_a_letter"),
        "malformed.html": (b"<html><body><p>\xe5\x85\xb3\xe4\xba\x8e<<div<<table><tr><td>" * 500 + b"</b></i>",
                           "not_a_letter"),
        "truncated.docx": (docx[: len(docx) // 2], "corrupt"),
        "random.docx": (os.urandom(0) + bytes((i * 31) % 256 for i in range(5000)), "corrupt"),
        "not_docx.docx": (_plain_zip(), "unsupported_format"),
        "bomb.docx": (_zip_bomb(), "unsafe_archive"),
        "xml_bomb.docx": (_xml_bomb_docx(text), "corrupt"),  # refused by the XML parser, never expanded
        "truncated.pdf": (pdf[: len(pdf) // 3], "corrupt"),
        # a scan of bars and no letter: OCR finds no text (without the OCR extra: no text layer)
        "scanned.pdf": (_scanned_pdf(), "ocr_failed" if ocr.available() else "no_text_layer"),
        "old_word.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "unsupported_format"),
        # letters with a paragraph that once took time growing with its square (a record each)
        "long_run.txt": (_with_paragraph(text, "我" * 50_000 + "研究局。"), None),  # jieba's HMM
        "suffix_storm.txt": (_with_paragraph(text, "局" * 20_000 + "。"), None),  # a suffix at every character
        "many_targets.txt": (_with_paragraph(text, "力争到2025年培育企业2000家以上。" * 3_000), None),
        "many_orgs.txt": (_with_paragraph(text, "我局会同市财政局办理。" * 5_000), None),
        "notes.md": (b"# not an input format", "skipped"),
        "data.json": (b"{}", "skipped"),
    }
    expected: dict[str, str | None] = {}
    for name, (data, code) in files.items():
        (folder / name).write_bytes(data)
        expected[name] = code
    # a 200 MB file (sparse: no disk used) is refused by its size, unread
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    expected["huge.txt"] = "too_large"
    # links that lead nowhere or in a circle
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    expected["dangling.txt"] = "unreadable"
    os.symlink(folder / "loop_b.txt", folder / "loop_a.txt")
    os.symlink(folder / "loop_a.txt", folder / "loop_b.txt")
    expected["loop_a.txt"] = expected["loop_b.txt"] = "unreadable"
    sub = folder / "sub"
    sub.mkdir()
    os.symlink(folder, sub / "back_to_top")  # a folder link loop: not entered (listed as skipped)
    expected["sub/back_to_top"] = "skipped"
    (sub / "nested.txt").write_bytes(text.encode("utf-8"))
    expected["sub/nested.txt"] = None
    # a name that is not UTF-8 (GBK bytes, as ZIP archives made on Windows hold): a record, path escaped
    with open(os.path.join(os.fsencode(folder), "关于".encode("gbk") + b"%.txt"), "wb") as fh:
        fh.write(text.encode("utf-8"))
    expected["%B9%D8%D3%DA%25.txt"] = None
    # a FIFO would block a reader for ever: never opened
    os.mkfifo(folder / "pipe.txt")
    expected["pipe.txt"] = "not_a_file"
    # links: inside the folder followed, out of it refused
    os.symlink(folder / "good.txt", folder / "inside_link.txt")
    expected["inside_link.txt"] = None
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_bytes(text.encode("utf-8"))
    os.symlink(outside / "secret.txt", folder / "outside.txt")
    os.symlink(outside, folder / "outside_dir")
    expected["outside.txt"] = expected["outside_dir"] = "outside_input"
    # a folder nobody may list (root lists it anyway, so its letter then becomes a record)
    closed = folder / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_bytes(text.encode("utf-8"))
    closed.chmod(0)
    if os.geteuid() == 0:
        expected["closed/inside.txt"] = None
    else:
        expected["closed"] = "unreadable"
    # a file nobody may read (root reads it anyway, so it then becomes a record)
    locked = folder / "locked.txt"
    locked.write_bytes(text.encode("utf-8"))
    locked.chmod(0)
    expected["locked.txt"] = None if os.geteuid() == 0 else "unreadable"
    return expected


def _with_paragraph(letter: str, paragraph: str) -> bytes:
    """The letter with ``paragraph`` before its last two lines (the signature and date)."""
    lines = letter.rstrip("\n").split("\n")
    return "\n".join(lines[:-2] + [paragraph] + lines[-2:]).encode("utf-8")


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "not a word document")
    return out.getvalue()
