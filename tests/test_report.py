"""govreply report: the offline HTML report, built and then opened in a real headless Chromium
(Debian's package, installed by .ci/run; the browser tests skip without it)."""

import datetime as dt
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpora"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["-q", "run", str(CORPUS), "--out", str(out), "--no-db"])
    assert result.exit_code == 0, result.output
    (out / "errors.jsonl").write_text('{"path":"bad.pdf","code":"no_text_layer","message":"a scan","sha256":null}\n',
                                      encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(out), "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    return out


def test_the_report_has_an_overview_a_list_and_a_page_per_letter(out):
    report = out / "report"
    letters = len(list(CORPUS.glob("*.txt")))
    assert len(list((report / "letter").glob("*.html"))) == letters
    index = (report / "index.html").read_text(encoding="utf-8")
    assert f'data-count="letters">{letters}<' in index and 'data-count="errors">1<' in index
    assert index.count('<svg class="chart"') >= 5
    assert "no_text_layer" in index
    assert not re.search(r'(?:src|href)="(?:https?:)?//', index)  # nothing from the network


def test_targets_due_as_of_a_date(out):
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    due = int(re.search(r'data-count="due">(\d+)<', index).group(1))
    rows = re.findall(r"<tr><td>(\d{4}(?:-\d\d){0,2})</td>", index.split('id="due"')[1])
    assert due > 0 and len(rows) == due and all(r <= "2024-12-31" for r in rows)


def test_a_redacted_report_holds_no_contact_phone(out, tmp_path):
    result = CliRunner().invoke(main, ["report", str(out), "--redact", "--to", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "r").rglob("*.html"))
    assert "0352-2046731" not in text and "0352-*******" in text and "redacted" in text


# -- in a real browser ------------------------------------------------------------------------
def _chromium(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--enable-logging=stderr", "--v=0", "--allow-file-access-from-files",
                           "--virtual-time-budget=5000", *args], capture_output=True, text=True, timeout=timeout)


def _problems(stderr: str) -> list[str]:
    """Console errors and failed requests in Chromium's log."""
    return [line for line in stderr.splitlines()
            if re.search(r"CONSOLE|Failed to load resource|ERR_FILE_NOT_FOUND|Uncaught", line)
            and not re.search(r"dbus|gcm|fontconfig", line, re.I)]


@needs_browser
def test_the_log_check_catches_a_broken_page(tmp_path):
    # the check below must be able to fail: a page with a script error and a missing file
    page = tmp_path / "broken.html"
    page.write_text('<html><body><img src="missing.png"><script>undefinedFunction();</script></body></html>')
    result = _chromium("--dump-dom", page.as_uri())
    assert len(_problems(result.stderr)) >= 1, result.stderr[-2000:]


@needs_browser
def test_the_browser_opens_the_report_without_errors(out):
    index = out / "report" / "index.html"
    result = _chromium("--dump-dom", index.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert _problems(result.stderr) == []
    dom = result.stdout
    letters = len(list(CORPUS.glob("*.txt")))
    assert f'data-count="letters">{letters}<' in dom and "<svg" in dom
    # follow a link from the list to a letter page
    listing = _chromium("--dump-dom", (out / "report" / "letters-1.html").as_uri())
    assert _problems(listing.stderr) == []
    link = re.search(r'href="(letter/[0-9a-f]+\.html)"', listing.stdout).group(1)
    page = _chromium("--dump-dom", (out / "report" / link).as_uri())
    assert _problems(page.stderr) == []
    assert "Fields" in page.stdout and 'class="entities"' in page.stdout and "../index.html" in page.stdout


@needs_browser
def test_the_search_box_finds_letters_in_the_browser(out):
    index = (out / "report" / "index.html").as_uri()
    result = _chromium("--dump-dom", index + "#q=交通运输局")
    assert _problems(result.stderr) == []
    hits = re.findall(r'<li><a href="letter/[0-9a-f]+\.html">', result.stdout)
    assert len(hits) >= 3 and "letters match" in result.stdout


@needs_browser
def test_a_screenshot_of_the_overview_is_not_blank(out, tmp_path):
    shot = tmp_path / "overview.png"
    result = _chromium("--hide-scrollbars", "--window-size=1280,1600", f"--screenshot={shot}",
                       (out / "report" / "index.html").as_uri())
    assert shot.exists(), result.stderr[-2000:]
    width, height, colours = _png_colours(shot.read_bytes())
    assert (width, height) == (1280, 1600)
    assert colours >= 50  # text, bars and background: a blank or failed page has a handful


def _png_colours(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct pixel values of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    seen, prev = set(), bytearray(stride)
    for row in range(height):  # undo the PNG filters to read the pixels
        f, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if row % 8 == 0:
            seen.update(bytes(line[i:i + channels]) for i in range(0, stride, channels * 4))
        prev = line
    return width, height, len(seen)


def test_as_of_defaults_to_today(out, tmp_path):
    result = CliRunner().invoke(main, ["report", str(out), "--to", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert dt.date.today().isoformat() in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
