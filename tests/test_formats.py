"""The same letters as .txt, GB18030 and Big5 text, UTF-16, a portal HTML page, a Word file with
list-numbered headings, and a PDF: the same core fields and entities from every version."""

import json
import re

import opencc
import pytest
from click.testing import CliRunner

from pipeline.cli import main

from .conftest import CORPUS
from .render import to_docx, to_html, to_pdf

LETTERS = ["001_hangzhou_jiaotong", "005_jinan_jiaoyu", "010_yueyang-renshe", "017_suzhou_shuiwu",
           "028_jinhua-jiaoyu", "036_huhehaote_nongmu"]
_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2tw")  # Taiwan forms: what Big5 can encode
VERSIONS = {  # suffix -> bytes of the letter in that form
    "txt": lambda t: t.encode("utf-8"),
    "gb18030.txt": lambda t: t.encode("gb18030"),
    "utf16.txt": lambda t: t.encode("utf-16-le"),
    "big5.txt": lambda t: _S2T.convert(t).replace("•", "·").encode("cp950"),  # a traditional mirror site
    "html": lambda t: to_html(t, "gb18030"),
    "docx": to_docx,
    "pdf": to_pdf,
}


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    src = tmp_path_factory.mktemp("mixed")
    for name in LETTERS:
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        for suffix, render in VERSIONS.items():
            (src / f"{name}.{suffix}").write_bytes(render(text))
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["run", str(src), "--out", str(out), "--no-db"])
    assert result.exit_code == 0, result.output
    assert (out / "errors.jsonl").read_text() == ""
    found = {}
    for line in (out / "letters.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found[record["source"]["path"]] = record
    return found


def _fold(value):
    return None if value is None else re.sub(r"\s+", "", _T2S.convert(str(value)))


def core(record):
    def headings(nodes):
        return [h for n in nodes for h in [_fold(n["heading"])] + headings(n["children"])]

    fields = {k: _fold(json.dumps(record[k], ensure_ascii=False, sort_keys=True))
              for k in ("title", "doc_number", "category", "meeting", "proposal", "addressee", "subject",
                        "sender", "date", "contact", "cc")}
    fields["sections"] = headings(record["sections"])
    for kind in ("money", "date", "org", "target", "doc_number", "law"):
        fields[kind] = [(_fold(e["text"]), _fold(json.dumps(e["value"], ensure_ascii=False, sort_keys=True)))
                        for e in record["entities"] if e["type"] == kind]
    return fields


@pytest.mark.parametrize("name", LETTERS)
@pytest.mark.parametrize("suffix", [s for s in VERSIONS if s != "txt"])
def test_every_version_gives_the_same_record(records, name, suffix):
    want = core(records[f"{name}.txt"])
    got = core(records[f"{name}.{suffix}"])
    assert {k: v for k, v in got.items() if v != want[k]} == {}


def test_source_says_how_each_version_was_read(records):
    name = LETTERS[0]
    assert records[f"{name}.gb18030.txt"]["source"]["encoding"] == "gb18030"
    assert records[f"{name}.utf16.txt"]["source"]["encoding"] == "utf-16-le"
    assert records[f"{name}.html"]["source"]["format"] == "html"
    assert records[f"{name}.docx"]["source"]["format"] == "docx"
    assert "docx_numbering_rebuilt" in records[f"{name}.docx"]["warnings"]
    assert records[f"{name}.pdf"]["source"]["format"] == "pdf"
