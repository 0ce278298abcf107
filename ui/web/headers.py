"""Security headers on every response: who may frame which page, no MIME sniffing.

/widget may be framed by `settings.frame_ancestors`; every other page only by itself.
An /api/ route that sets its own policy (the original files: default-src 'none') keeps it,
with frame-ancestors added.
"""

from __future__ import annotations

from typing import Any

WIDGET_PREFIX = "/widget"
API_PREFIX = "/api/"
OWN_POLICY_PREFIXES = (API_PREFIX, "/reports/")  # routes that set their own policy (ui.web.views)


class SecurityHeaders:
    def __init__(self, app: Any, frame_ancestors: str) -> None:
        self.app = app
        origins = frame_ancestors.strip() or "'self'"
        self.widget_policy = f"frame-ancestors {origins}".encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        widget = path == WIDGET_PREFIX or path.startswith(WIDGET_PREFIX + "/")
        policy = self.widget_policy if widget else b"frame-ancestors 'self'"

        own_allowed = path.startswith(OWN_POLICY_PREFIXES)

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                raw = message.get("headers", [])
                own = [v for k, v in raw if k.lower() == b"content-security-policy"]
                headers = [(k, v) for k, v in raw
                           if k.lower() not in (b"content-security-policy", b"x-frame-options",
                                                b"x-content-type-options")]
                csp = own[0] + b"; " + policy if own_allowed and own else policy
                headers += [(b"content-security-policy", csp),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin")]
                if not widget:
                    headers.append((b"x-frame-options", b"SAMEORIGIN"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
