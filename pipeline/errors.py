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


class NotAFile(PipelineError):
    """A FIFO, socket or device where a file was expected: never opened."""

    code = "not_a_file"


class OutsideInput(PipelineError):
    """A symbolic link that leads out of the input folder (followed only with --follow-symlinks)."""

    code = "outside_input"


# -- failures of a whole command (not of one input): a message and a documented exit status ------
class Failure(Exception):
    """A command cannot go on; ``exit_code`` is documented in the README (*Exit status*)."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class OutputLocked(Failure):
    """Another run or load holds the output folder's lock."""

    exit_code = 3


class OutputError(Failure):
    """An output could not be written (a full disk, a read-only or unwritable folder); the previous
    outputs are left as they were."""

    exit_code = 4

    @classmethod
    def of(cls, path, exc: BaseException) -> "OutputError":
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return cls(f"cannot write {path}: {reason} (the previous outputs are unchanged)")


class DatabaseError(Failure):
    """The database could not be reached, or the connection was lost."""

    exit_code = 5


class QueryError(Failure):
    """A query was refused or failed (a write, several statements, a syntax error, the time limit)."""

    exit_code = 1

    @classmethod
    def timed_out(cls, seconds: float) -> "QueryError":
        return cls(f"the query was stopped after {seconds:g} s (--timeout)")
