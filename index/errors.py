"""Every error the product raises on purpose, in one place.

Each message is safe to show a user and says what to do. Edges convert them:
the CLI prints the message and exits 2; the HTTP API renders one JSON error shape;
the Gradio page raises `gr.Error`.

    AssistantError
    ├── InputError            bad input from a person (file, question, option)
    │   ├── UnreadableFileError   empty, binary garbage, undecodable, corrupt
    │   ├── ScannedPdfError       a PDF with no text layer (OCR needed)
    │   ├── NotAReportError       readable, but not a disclosure annual report
    │   ├── FileTooLargeError     over the size limit, or a zip that would inflate too far
    │   └── UnsupportedFormatError
    ├── NotFoundError         a report / agency that is not in the library
    ├── StoreError            the vector store or catalog cannot be used
    ├── ModelError            the embedding model cannot be built or loaded
    └── LLMError              the optional LLM endpoint failed
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base error; `str(error)` is a message a person can act on (Chinese or English)."""

    status = 500  # HTTP status when it reaches the API

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source  # file name or other context, when there is one

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(AssistantError):
    status = 400


class UnreadableFileError(InputError):
    status = 422


class ScannedPdfError(UnreadableFileError):
    pass


class NotAReportError(InputError):
    status = 422


class UnsupportedFormatError(InputError):
    status = 415


class FileTooLargeError(InputError):
    status = 413


class NotFoundError(AssistantError):
    status = 404


class StoreError(AssistantError):
    status = 503


class ModelError(AssistantError):
    status = 503


class LLMError(AssistantError):
    status = 502
