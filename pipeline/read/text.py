"""Plain-text reader: byte-order marks, UTF-8, and legacy Chinese encodings detected by content.

Order of trust: a BOM (UTF-8/16/32); UTF-16 without a BOM, recognised by its NUL pattern;
strict UTF-8; then charset-normalizer choosing among the encodings Chinese letters come in
(GB18030 ⊃ GBK ⊃ GB2312, Big5). Whatever had to be guessed is said in the warnings
(``encoding_detected:gb18030``). Binary input and undecodable text raise clear errors.
"""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInput, EmptyInput, EncodingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: the legacy encodings a Chinese letter may be in; GB18030 reads GBK and GB2312 too
LEGACY = ("gb18030", "big5", "cp950", "big5hkscs")
_SAMPLE = 64 * 1024


def read_text_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a text file's bytes; returns ``(text, encoding, warnings)``."""
    if not data.strip():
        raise EmptyInput("the file is empty" if not data else "the file holds only white space")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"the file starts with a {encoding} byte-order mark but is not "
                                    f"valid {encoding} at byte {exc.start}") from exc
            return _checked(text), encoding + "-sig" if encoding == "utf-8" else encoding, []
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16[0]), utf16[1], [f"encoding_detected:{utf16[1]}"]
    if b"\x00" in data[:_SAMPLE]:
        raise BinaryInput("the file holds NUL bytes: it is binary, not text")
    try:
        return _checked(data.decode("utf-8")), "utf-8", []
    except UnicodeDecodeError:
        pass
    text, encoding, warnings = _legacy(data)
    return _checked(text), encoding, warnings


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: it holds NUL bytes (the high byte of ASCII) and decodes to plausible text."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    best = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample[: len(sample) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausible_share(text)
        if score >= 0.9 and (best is None or score > best[0]):
            best = (score, encoding)
    if best is None:
        return None
    try:
        return data.decode(best[1]), best[1]
    except UnicodeDecodeError:
        return data.decode(best[1], errors="replace"), best[1]


def _plausible_share(text: str) -> float:
    """Share of characters a Chinese letter is made of: CJK, printable ASCII, CJK punctuation, space."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\r\n\t"
               or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u2027")
    return good / len(text)


def _legacy(data: bytes) -> tuple[str, str, list[str]]:
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE]
    best = from_bytes(sample, cp_isolation=list(LEGACY)).best()
    for cut in (1, 2, 3):  # a file cut in the middle of its last character
        if best is not None or len(data) > _SAMPLE:
            break
        best = from_bytes(sample[:-cut], cp_isolation=list(LEGACY)).best()
        if best is not None:
            text = data[:-cut].decode(best.encoding, errors="replace")
            return text, best.encoding, [f"encoding_detected:{best.encoding}", "truncated"]
    if best is None:
        raise EncodingError("not UTF-8, UTF-16, GB18030/GBK or Big5 text (the encoding could not be "
                            "recognised)")
    encoding = best.encoding
    if encoding in ("big5", "big5hkscs"):
        try:  # the Big5 that Windows writes (cp950) reads ① and the like as Big5-HKSCS does not
            return data.decode("cp950"), "cp950", ["encoding_detected:cp950"]
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(encoding), encoding, [f"encoding_detected:{encoding}"]
    except (UnicodeDecodeError, LookupError):
        pass
    # a file cut in the middle of a character, or with a few stray bytes: repaired when the damage is tiny
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(2, len(text) // 1000):
        return text, encoding, [f"encoding_detected:{encoding}", f"encoding_repaired:{bad}"]
    raise EncodingError(f"the text looks like {encoding} but {bad} byte sequences are not valid in it")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below space, except \t \n \v \f \r


def _checked(text: str) -> str:
    controls = len(_CONTROL.findall(text, 0, 4096))
    if controls > 0.05 * min(len(text), 4096):
        raise BinaryInput("the file is mostly control characters: it is binary, not text")
    if not text.strip():
        raise EmptyInput("the file holds only white space")
    return text
