"""Redaction for publishing (PIPL): phone numbers and the names of private persons masked in a
record, with same-length masks so every offset stays true.

What is masked, everywhere in the record (its text, fields, entities, sections, metadata, cc):

* mobile numbers, every digit (``13812345678`` -> ``***********``);
* office numbers down to their area code (``0571-87052316`` -> ``0571-********``), and numbers
  without one (``8172014``) whole; service lines (400/800) are an organization's and stay;
* the contact person, the deputies or members the letter answers (``addressee.names``) and those
  it names before their role (``邱伏兵代表提出的…``, ``rules/redact_names.tsv``), wherever their
  names are written: all but the first character (``杨建国`` -> ``杨**``). Names the letter
  already masks (``何**``, ``xx代表``, ``王某``) stay as they are.

The record says it was redacted (``"redacted": true``). Its ``id`` and ``source.sha256`` are
hashes of the original and are kept (they identify, they do not show, the text).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .parsers.phone import DASH_CHARS, normalize_phone
from .rules import load_table

MASK = "*"
#: a name the letter already masks or leaves unnamed
_ALREADY_MASKED = re.compile(r"[*＊×xX某ⅹ]")
_MOBILE = re.compile(r"(?<![\d.])1[3-9]\d(?:\s?\d{4}){2}(?![\d.])")
_LANDLINE = re.compile(rf"(?<![\d.])(?P<area>\(?0\d{{2,3}}\)?)(?P<rest>\s*[{DASH_CHARS}]{{0,2}}\s*\d{{7,8}}"
                       rf"(?:\s*(?:[{DASH_CHARS}]|转)\s*\d{{1,5}})?)(?![\d.])")
#: fields that identify the record or its source and are not text to mask
_KEPT = frozenset({"id", "schema_version", "source"})


def redact(data: dict) -> dict:
    """A redacted copy of a record's JSON data (``record.model_dump(mode="json")`` or a parsed
    JSONL line); a record already redacted is returned as it is."""
    if data.get("redacted"):
        return data
    masks = _masks(data)
    text = mask_text(data["text"], masks)
    out = {key: (value if key in _KEPT else _walk(value, masks)) for key, value in data.items()}
    out["text"] = text
    for entity in out.get("entities", []):  # the span's own text, as the masked text has it
        entity["text"] = text[entity["start"]:entity["end"]]
    out["redacted"] = True
    return out


def mask_text(text: str, masks: dict[str, str]) -> str:
    """``text`` with the known secrets and every mobile or office number masked (same length)."""
    if masks:
        pattern = re.compile("|".join(map(re.escape, sorted(masks, key=len, reverse=True))))
        text = pattern.sub(lambda m: masks[m.group(0)], text)
    text = _MOBILE.sub(lambda m: _digits_masked(m.group(0)), text)
    return _LANDLINE.sub(lambda m: m["area"] + _digits_masked(m["rest"]), text)


def mask_phone(number: str) -> str:
    """A phone number masked: a mobile whole, an office number to its area code, 400/800 lines kept."""
    digits = re.sub(r"\D", "", number)
    if re.fullmatch(r"[48]00\d{7}", digits):
        return number
    landline = _LANDLINE.fullmatch(number.strip())
    if landline and not _MOBILE.fullmatch(number.strip()):
        return number[:landline.start("rest")] + _digits_masked(number[landline.start("rest"):])
    return _digits_masked(number)


def mask_name(name: str) -> str:
    """All but the first character masked: 杨建国 -> 杨**; names already masked unchanged."""
    if len(name) < 2 or _ALREADY_MASKED.search(name):
        return name
    return name[0] + MASK * (len(name) - 1)


def _digits_masked(text: str) -> str:
    return re.sub(r"\d", MASK, text)


def _masks(data: dict) -> dict[str, str]:
    """The record's own secrets, as written -> masked: its phone numbers (as found and as
    normalized), the contact person and the persons addressed."""
    masks: dict[str, str] = {}
    phones = [e["text"] for e in data.get("entities", []) if e["type"] == "phone"]
    phones += [e["value"]["number"] for e in data.get("entities", []) if e["type"] == "phone"]
    contact = data.get("contact") or {}
    phones += [contact["phone"]] if contact.get("phone") else []
    for phone in phones:
        for form in {phone, normalize_phone(phone)}:
            masked = mask_phone(form)
            if masked != form:
                masks[form] = masked
    names = [contact["person"]] if contact.get("person") else []
    addressee = data.get("addressee") or {}
    if addressee.get("role"):  # persons (代表, 委员), not an agency addressed
        names += addressee.get("names") or []
    names += named_persons(data["text"])
    for name in names:
        name = name.strip()
        masked = mask_name(name)
        if masked != name:
            masks[name] = masked
    return masks


def named_persons(text: str) -> list[str]:
    """Deputies and members named in the text (邱伏兵代表提出的…): ``rules/redact_names.tsv``."""
    pattern, not_in_name = _person_pattern()
    found = []
    for m in pattern.finditer(text):
        name = m.group(1)
        if len(name) == 3 and name[0] in not_in_name:
            name = name[1:]  # 对李明代表: a two-character name after a word
        if not not_in_name.intersection(name) and not _common_word(name):
            found.append(name)
    return found


def _common_word(name: str) -> bool:
    """Whether the candidate ends in (or is) a verb, adverb, pronoun … of jieba's dictionary
    (深入了解代表的… gives 入了解: 了解 is a verb); a given name is not tagged so."""
    from .words import jieba_tags

    tags = jieba_tags()
    return any(tags.get(word, "n").startswith(("v", "d", "p", "c", "u", "r")) for word in {name, name[1:]}
               if len(word) >= 2 and word in tags)


@lru_cache(maxsize=1)
def _person_pattern() -> tuple[re.Pattern, frozenset]:
    rows = load_table("redact_names.tsv")
    roles = "|".join(re.escape(v) for k, v in rows if k == "role")
    after = "|".join(re.escape(v) for k, v in rows if k == "continuation")
    pattern = re.compile(rf"([\u4e00-\u9fff]{{2,3}})(?=(?:等\d*[位名]?)?(?:{roles})(?:{after}))")
    return pattern, frozenset("".join(v for k, v in rows if k == "not_in_name"))


def _walk(value, masks: dict[str, str]):
    if isinstance(value, str):
        return mask_text(value, masks)
    if isinstance(value, list):
        return [_walk(v, masks) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v, masks) for k, v in value.items()}
    return value
