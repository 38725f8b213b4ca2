"""--redact: phone numbers and private persons' names masked in every output, offsets kept true."""

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.api import parse_text
from pipeline.cli import main
from pipeline.models import LetterRecord
from pipeline.redact import mask_name, mask_phone, redact

CORPUS = Path(__file__).resolve().parents[1] / "corpora"

LETTER = """关于市十五届人大三次会议第88号建议的答复
李明华、赵志刚代表：
　　您提出的《关于增设公交站点的建议》收悉。李明华代表多次到现场调研，现答复如下：
　　我局已安排专项资金50万元。如有疑问，请拨打13912345678或0571-87052316。
　　联系人：张建国　　手机：13987654321　　传真：0571-87052399
　　服务热线：400-123-4567
杭州市交通运输局
2024年5月20日
"""


@pytest.mark.parametrize("number,masked", [
    ("13812345678", "***********"),
    ("0571-87052316", "0571-********"),
    ("(010)63812947", "(010)********"),
    ("0917—4936343", "0917—*******"),
    ("8172014", "*******"),
    ("400-123-4567", "400-123-4567"),  # an organization's service line
])
def test_mask_phone(number, masked):
    assert mask_phone(number) == masked and len(masked) == len(number)


@pytest.mark.parametrize("name,masked", [("张建国", "张**"), ("何**", "何**"), ("xx", "xx"), ("王某", "王某"),
                                         ("欧阳明", "欧**")])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_a_redacted_record_is_valid_and_holds_no_secret():
    data = parse_text(LETTER).model_dump(mode="json")
    out = redact(data)
    record = LetterRecord.model_validate(out)  # every entity still matches text[start:end]
    dumped = record.model_dump_json()
    for secret in ("13912345678", "13987654321", "87052316", "87052399", "张建国", "明华", "志刚"):
        assert secret not in dumped, secret
    assert record.redacted and '"redacted":true' in dumped
    assert len(out["text"]) == len(data["text"])
    assert "400-123-4567" in out["text"]  # a service line stays
    assert record.addressee.names == ["李**", "赵**"] and record.contact.person == "张**"
    assert record.contact.phone == "***********"
    assert "50万元" in out["text"] and [e["value"] for e in out["entities"] if e["type"] == "money"] == \
        [e["value"] for e in data["entities"] if e["type"] == "money"]  # amounts untouched


@pytest.mark.parametrize("text,names", [
    ("现对邱伏兵代表提出的关于整治河塘的建议提出如下协办意见", ["邱伏兵"]),
    ("李明华委员:您好", ["李明华"]),
    ("感谢市人大代表的关心。各位代表提出的建议,政协委员的提案", []),   # roles, not names
    ("何**代表提出的建议", []),                                          # masked already (kept)
])
def test_persons_named_before_their_role(text, names):
    from pipeline.redact import named_persons

    assert [n for n in named_persons(text) if "*" not in n] == names


def test_an_unredacted_record_says_nothing_of_it():
    assert '"redacted"' not in parse_text(LETTER).model_dump_json()


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    src = tmp_path_factory.mktemp("letters")
    for path in sorted(CORPUS.glob("*.txt"))[:12]:
        shutil.copy(path, src / path.name)
    (src / "zz_named.txt").write_text(LETTER, encoding="utf-8")
    plain, redacted = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("redacted")
    for out, extra in ((plain, []), (redacted, ["--redact"])):
        result = CliRunner().invoke(main, ["-q", "run", str(src), "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
    return src, plain, redacted


def _phone_digits(plain: Path) -> set[str]:
    """The private digits of every phone number the plain run found: a mobile whole, an office
    number after its area code (400/800 lines are public)."""
    found = set()
    for line in open(plain / "letters.jsonl", encoding="utf-8"):
        record = json.loads(line)
        numbers = [e["value"]["number"] for e in record["entities"] if e["type"] == "phone"]
        numbers += [record["contact"]["phone"]] if record.get("contact") and record["contact"]["phone"] else []
        for number in numbers:
            digits = re.sub(r"\D", "", number)
            if re.fullmatch(r"[48]00\d{7}", digits):
                continue
            found.add(digits[-7:])  # the subscriber's part (7 or 8 digits; its last 7 in any case)
    return found


def test_no_phone_digits_survive_in_any_output_file(folders, tmp_path):
    src, plain, redacted = folders
    secrets = _phone_digits(plain)
    assert len(secrets) >= 10
    result = CliRunner().invoke(main, ["export", str(redacted), "--format", "csv", "--to", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    files = [p for p in redacted.rglob("*") if p.is_file()] + list((tmp_path / "csv").glob("*"))
    assert any(p.name == "letters.db" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, (path.name, secret)
        assert "张建国".encode() not in data and "明华".encode() not in data, path.name
    manifest = json.loads((redacted / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["redacted"] is True and manifest["records"] == 13


def test_export_redacts_a_plain_run(folders, tmp_path):
    src, plain, redacted = folders
    secrets = _phone_digits(plain)
    result = CliRunner().invoke(main, ["export", str(plain), "--format", "csv", "--to", str(tmp_path),
                                       "--redact"])
    assert result.exit_code == 0, result.output
    for path in tmp_path.glob("*.csv"):
        data = path.read_bytes()
        assert not [s for s in secrets if s.encode() in data], path.name


def test_a_redacted_run_redacts_the_records_it_carries_over(folders, tmp_path):
    src, plain, _ = folders
    out = tmp_path / "out"
    shutil.copytree(plain, out)  # an earlier plain run; its inputs are gone now
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["-q", "run", str(empty), "--out", str(out), "--redact"])
    assert result.exit_code == 0, result.output
    data = (out / "letters.jsonl").read_bytes()
    assert data.count(b'"redacted":true') == 13
    assert not [s for s in _phone_digits(plain) if s.encode() in data]
