"""The record contract (pydantic v2). JSON Schema in ``schemas/`` is generated from these models.

Every offset (``start``/``end``) indexes the record's ``text``; the validator
checks that each entity's ``text`` is exactly ``text[start:end]``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, create_model, model_validator

from . import SCHEMA_VERSION
from .extract import EXTRACTORS
from .values import Model


class Source(Model):
    path: str = Field(description="Path of the input file, relative to the input folder")
    sha256: str = Field(description="SHA-256 of the input file's bytes")
    format: Literal["txt", "html", "docx", "pdf", "pdf-ocr", "image-ocr"] = Field(
        description="Input format; pdf-ocr and image-ocr are scans read by OCR")
    encoding: str | None = Field(None, description="Text encoding the reader used or detected (txt, html)")
    ocr_confidence: list[float | None] | None = Field(
        None, exclude_if=lambda v: v is None,
        description="A scan read by OCR: the engine's confidence on each page, 0-1 (null where a page held "
                    "no text); written only for scans")


class DocNumber(Model):
    text: str = Field(description="发文字号 as written, e.g. 金经信办建〔2023〕31号")
    issuer_code: str = Field(description="The issuer's code before the year bracket, e.g. 金经信办建")
    year: int = Field(description="The year in the brackets")
    serial: int = Field(description="The serial number before 号")


class Proposal(Model):
    kind: Literal["建议", "提案", "议案", "意见"] | None = Field(description="Kind of the proposal answered")
    number: str | None = Field(description="Number as written, e.g. 义12号 or 第248号")


class Addressee(Model):
    name: str = Field(description="Name(s) as written; masked names stay masked; several joined by 、")
    role: str | None = Field(description="代表, 委员, … or null for an agency")
    names: list[str] = Field(default_factory=list, description="The individual names")
    count: int | None = Field(None, description="Number of people when written (XX等13位代表)")


class Contact(Model):
    person: str | None = Field(description="Contact person, whitespace removed")
    phone: str | None = Field(description="Phone number, dash variants folded to -")


class Metadata(Model):
    index_number: str | None = Field(None, description="信息索引号")
    file_name: str | None = Field(None, description="文件名称")
    publisher: str | None = Field(None, description="发布机构 as written")
    written_date: str | None = Field(None, description="成文日期 as written")
    published_date: str | None = Field(None, description="发布日期 as written")
    disclosure: str | None = Field(None, description="公开方式")
    doc_number: str | None = Field(None, description="文号 in the metadata block")
    topic: str | None = Field(None, description="主题分类")
    validity: str | None = Field(None, description="有效性")
    portal_date: str | None = Field(None, description="The page's 日期 line")
    portal_source: str | None = Field(None, description="The page's 来源 line")


class Part(Model):
    name: Literal["metadata", "header", "addressee", "opening", "body", "closing", "contact",
                  "signature", "date", "cc"] = Field(description="Which part of the letter")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Section(Model):
    id: str = Field(description="Position in the tree: 1, 1.2, 1.2.3")
    level: int = Field(ge=1, description="Depth: 1 for 一、, 2 for （一） under it, …")
    marker: str = Field(description="The enumerator as written, e.g. 一、 or (一)")
    heading: str = Field(description="Heading text without the marker")
    start: int = Field(ge=0, description="Offset of the marker")
    end: int = Field(ge=0, description="Offset where the section (with its children) ends")
    children: list["Section"] = Field(default_factory=list)


class _Entity(Model):
    text: str = Field(description="The mention, exactly text[start:end]")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    section: str = Field(description="Section id (1.2) or part name (header, opening, closing, …)")
    flags: list[str] = Field(default_factory=list, description="Odd values noticed (invalid_day, year_unknown …)")


def _entity_model(extractor) -> type[_Entity]:
    """The record's entity of one extractor: ``type`` is its key, ``value`` its Value model."""
    name = extractor.Value.__name__.removesuffix("Value") + "Entity"
    return create_model(name, __base__=_Entity, __module__=__name__,
                        type=(Literal[extractor.key], ...), value=(extractor.Value, ...))


#: one entity model per extractor, in the registry's order
ENTITIES = tuple(_entity_model(extractor) for extractor in EXTRACTORS)
Entity = Annotated[Union[ENTITIES], Field(discriminator="type")]


class LetterRecord(Model):
    """One reply letter as data."""

    schema_version: str = Field(SCHEMA_VERSION, description="Bumped on a breaking change of this contract")
    id: str = Field(description="Stable id: the first 16 hex digits of SHA-256 of the normalized text")
    source: Source
    text: str = Field(description="The normalized text that all offsets refer to")
    title: str | None = None
    doc_number: DocNumber | None = None
    category: Literal["A", "B", "C", "D"] | None = Field(None, description="办理结果 category")
    category_raw: str | None = Field(None, description="The category as written, e.g. 解决类别:A")
    category_meaning: str | None = Field(
        None, description="What the category letter means, from rules/categories.tsv (configuration)")
    meeting: str | None = Field(None, description="The session the proposal was made at, as written")
    meeting_place: str | None = Field(
        None, description="Whose congress or CPPCC the session is: 市十五届人大三次会议 in a 无锡 letter -> 无锡市")
    proposal: Proposal | None = None
    addressee: Addressee | None = None
    subject: str | None = Field(None, description="The quoted title of the suggestion, without 《》")
    sender: str | None = Field(None, description="The signing organization")
    date: str | None = Field(None, description="The letter's own date, YYYY-MM-DD")
    contact: Contact | None = None
    signer: str | None = Field(None, description="签发人 when written")
    cc: list[str] = Field(default_factory=list, description="抄送/抄报 recipients")
    metadata: Metadata | None = Field(None, description="The portal's metadata block")
    parts: list[Part] = Field(default_factory=list, description="Where each part of the letter stands")
    sections: list[Section] = Field(default_factory=list, description="The body's section tree")
    entities: list[Entity] = Field(default_factory=list, description="Mentions with offsets and values")
    warnings: list[str] = Field(default_factory=list, description="What the pipeline had to guess or repair")
    redacted: bool = Field(False, exclude_if=lambda v: not v,
                           description="Phone numbers and private persons' names masked (--redact); "
                                       "written only when true")

    @model_validator(mode="after")
    def _offsets_are_true(self) -> "LetterRecord":
        n = len(self.text)
        for e in self.entities:
            if not (0 <= e.start < e.end <= n) or self.text[e.start:e.end] != e.text:
                raise ValueError(f"entity {e.type} {e.text!r} does not match text[{e.start}:{e.end}]")
        for p in self.parts:
            if not 0 <= p.start <= p.end <= n:
                raise ValueError(f"part {p.name} [{p.start}, {p.end}) is outside the text")
        return self


class ErrorRecord(Model):
    """An input that could not become a record."""

    path: str = Field(description="Path of the input, relative to the input folder")
    code: str = Field(description="Stable error code: empty, binary, encoding, not_a_letter, too_large, unreadable …")
    message: str = Field(description="What went wrong, for a person")
    sha256: str | None = Field(None, description="SHA-256 of the bytes, when they could be read")
