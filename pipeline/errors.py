"""Typed pipeline errors; each becomes one line of ``errors.jsonl`` with its stable code."""


class PipelineError(Exception):
    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmptyInput(PipelineError):
    code = "empty"


class BinaryInput(PipelineError):
    code = "binary"


class EncodingError(PipelineError):
    code = "encoding"


class TooLarge(PipelineError):
    code = "too_large"


class Unreadable(PipelineError):
    code = "unreadable"


class NotALetter(PipelineError):
    code = "not_a_letter"


class UnsupportedFormat(PipelineError):
    code = "unsupported_format"


class InvalidRecord(PipelineError):
    code = "invalid_record"


class Corrupt(PipelineError):
    """A DOCX or PDF that is truncated or damaged."""

    code = "corrupt"


class UnsafeArchive(PipelineError):
    """A ZIP container that would unpack to far more than it holds (a ZIP bomb)."""

    code = "unsafe_archive"


class NoTextLayer(PipelineError):
    """A PDF without text (a scan): it needs OCR, which this pipeline does not do."""

    code = "no_text_layer"
