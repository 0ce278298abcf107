"""The app's own static files (ui/web/static), addressed with a content hash so a new
release is never mixed with a cached old file, and the <head> lines that load them.

Everything is self-hosted: no font, script or stylesheet comes from anywhere else, and no
page needs an inline script (ready for a strict Content-Security-Policy).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

STATIC = Path(__file__).parent / "static"
STATIC_ROUTE = "/ui-static"  # Gradio serves its own files under /static and /assets


@cache
def asset_url(name: str) -> str:
    """/static/<name>?v=<first 10 hex of its sha256>."""
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10]
    return f"{STATIC_ROUTE}/{name}?v={digest}"


def stylesheet(name: str) -> str:
    return f'<link rel="stylesheet" href="{asset_url(name)}">'


def script(name: str) -> str:
    return f'<script src="{asset_url(name)}" defer></script>'


def gradio_head(*styles: str) -> str:
    """What Gradio puts in a page's <head>: our stylesheets and the chat script."""
    return "".join(stylesheet(s) for s in ("app.css", *styles)) + script("chat.js")
