"""Plain-text reader: BOM handling (UTF-8, UTF-16, UTF-32), strict UTF-8, clear errors otherwise."""

from __future__ import annotations

import codecs

from ..errors import BinaryInput, EmptyInput, EncodingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_text_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a text file's bytes; returns ``(text, encoding, warnings)``."""
    if not data.strip():
        raise EmptyInput("the file is empty" if not data else "the file holds only white space")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding + "-sig" if encoding == "utf-8" else encoding, []
            except UnicodeDecodeError as exc:
                raise EncodingError(f"the file starts with a {encoding} byte-order mark but is not "
                                    f"valid {encoding} at byte {exc.start}") from exc
    if b"\x00" in data[:4096]:
        raise BinaryInput("the file holds NUL bytes: it is binary, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not valid UTF-8 at byte {exc.start} (legacy encodings such as GB18030 "
                            "are not read yet)") from exc
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f\v")
    if controls > 0.05 * min(len(text), 4096):
        raise BinaryInput("the file is mostly control characters: it is binary, not text")
    return text, "utf-8", []
