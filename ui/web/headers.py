"""Security headers on every response: a Content-Security-Policy as strict as Gradio allows,
who may frame which page, Permissions-Policy, Cross-Origin-Opener-Policy, no MIME sniffing.

Pages: scripts only from this origin plus the page's own inline scripts, which carry a
per-response nonce added here (Gradio writes its config into inline <script> tags, so a
fixed hash cannot work). No other inline script and no event-handler attribute runs, which
is what stops injected markup. 'unsafe-eval' stays: Gradio 6 renders every gr.HTML through
`Function(...)` from its (our, fixed) template — the value is passed as a variable, never
compiled — and without it those components stay empty (tested in chromium). Styles from
this origin and inline (Gradio sets style attributes); images, fonts and media from this
origin and data:/blob:; fetches only to this origin; no plugins; forms and <base> only to
this origin. To add the nonce the HTML is read uncompressed: page requests reach Gradio
without Accept-Encoding.

/widget may be framed by `settings.frame_ancestors`; every other page only by itself.
A route that sets its own policy (the original files: default-src 'none'; pages rendered by
the app itself) keeps it, with frame-ancestors added; other /api/ answers get
default-src 'none'.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

WIDGET_PREFIX = "/widget"
API_PREFIX = "/api/"
MAX_REWRITE = 8 * 1024 * 1024  # larger HTML passes unchanged (its inline scripts then blocked)
PAGE_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data: blob:; "
    "connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
API_POLICY = "default-src 'none'"
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), xr-spatial-tracking=()"
)
_SCRIPT_TAG = re.compile(rb"<script\b(?![^>]*\bnonce=)", re.I)


def _is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    values = {k.lower(): v for k, v in headers}
    return values.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in values


class SecurityHeaders:
    def __init__(self, app: Any, frame_ancestors: str) -> None:
        self.app = app
        origins = frame_ancestors.strip() or "'self'"
        self.widget_ancestors = f"frame-ancestors {origins}".encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        widget = path == WIDGET_PREFIX or path.startswith(WIDGET_PREFIX + "/")
        ancestors = self.widget_ancestors if widget else b"frame-ancestors 'self'"
        api = path.startswith(API_PREFIX)
        nonce = secrets.token_urlsafe(18)
        page_policy = PAGE_POLICY.format(nonce=nonce).encode()
        if not api and _accepts_html(scope):
            scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", [])
                                          if k.lower() != b"accept-encoding"]}
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []

        def with_headers(message: dict[str, Any], rewritten: bool) -> dict[str, Any]:
            raw = message.get("headers", [])
            own = [v for k, v in raw if k.lower() == b"content-security-policy"]
            own = [v for v in own if b"frame-ancestors" not in v] or [
                v.split(b"; frame-ancestors")[0] for v in own]
            headers = [(k, v) for k, v in raw
                       if k.lower() not in (b"content-security-policy", b"x-frame-options",
                                            b"x-content-type-options", b"content-length" if rewritten else b"")]
            if own:
                csp = own[0] + b"; " + ancestors
            elif api:
                csp = API_POLICY.encode() + b"; " + ancestors
            else:
                csp = page_policy + b"; " + ancestors
            headers += [(b"content-security-policy", csp),
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin"),
                        (b"permissions-policy", PERMISSIONS_POLICY.encode())]
            if not api:
                headers.append((b"cross-origin-opener-policy", b"same-origin"))
            if not widget:
                headers.append((b"x-frame-options", b"SAMEORIGIN"))
            return {**message, "headers": headers}

        async def send_with_headers(message: dict[str, Any]) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if not api and _is_html(message.get("headers", [])) and not _has_policy(message):
                    start = message  # hold it: the body gets nonces, so its length changes
                    return
                await send(with_headers(message, rewritten=False))
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            size = sum(len(c) for c in chunks)
            if message.get("more_body", False) and size <= MAX_REWRITE:
                return
            body = b"".join(chunks)
            if size <= MAX_REWRITE:
                body = _SCRIPT_TAG.sub(b'<script nonce="' + nonce.encode() + b'"', body)
            headers = with_headers(start, rewritten=True)
            headers["headers"].append((b"content-length", str(len(body)).encode()))
            if message.get("more_body", False):  # too large to rewrite: stream the rest as is
                headers["headers"] = [(k, v) for k, v in headers["headers"] if k != b"content-length"]
            await send(headers)
            await send({"type": "http.response.body", "body": body,
                        "more_body": message.get("more_body", False)})
            start = None
            chunks.clear()

        await self.app(scope, receive, send_with_headers)


def _has_policy(message: dict[str, Any]) -> bool:
    return any(k.lower() == b"content-security-policy" for k, _ in message.get("headers", []))


def _accepts_html(scope: dict[str, Any]) -> bool:
    for key, value in scope.get("headers", []):
        if key.lower() == b"accept":
            return b"text/html" in value
    return False
