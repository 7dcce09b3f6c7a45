"""Typed errors with stable codes. The library raises them; the CLI turns them into exit codes.

A code never changes meaning once released; batch error records carry it in `error.code`.
"""
from __future__ import annotations


class ExtractorError(Exception):
    """Base class: `code` is stable, the message says what to do."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message

    def __reduce__(self):  # pickles (to and from batch workers) with its message, not "[code] message"
        return type(self), (self.message,)


class InputNotFound(ExtractorError):
    code = "E001"


class InputUnreadable(ExtractorError):
    """The bytes cannot be decoded as text (binary, unknown encoding)."""

    code = "E002"


class EmptyDocument(ExtractorError):
    code = "E003"


class MalformedInput(ExtractorError):
    """A JSONL line that is not JSON, a record without its text field, a broken feed."""

    code = "E004"


class NoTextInHtml(ExtractorError):
    code = "E005"


class ModelsMissing(ExtractorError):
    """A backend's model files are not installed; the message names the download command."""

    code = "E010"


class BackendUnavailable(ExtractorError):
    """A backend's package is not installed."""

    code = "E011"


class ProcessingFailed(ExtractorError):
    """The pipeline raised on a document; the record keeps the document, with this code."""

    code = "E020"


class KnowledgeBaseError(ExtractorError):
    code = "E030"


class WorkerDied(ExtractorError):
    """A batch worker process died (killed, out of memory) while processing this document."""

    code = "E021"


def from_code(code: str, message: str) -> ExtractorError:
    """The typed error of a code and message (as batch results carry them across processes)."""
    for value in globals().values():
        if isinstance(value, type) and issubclass(value, ExtractorError) and value.code == code:
            return value(message)
    return ExtractorError(message)
