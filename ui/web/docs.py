"""/docs: the OpenAPI description as a plain HTML page rendered here, with no script.

FastAPI's Swagger UI loads its JavaScript and CSS from a CDN, which portal intranets block,
so it is switched off; the machine-readable schema stays at /openapi.json.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from ui.web.render import esc

_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · 接口文档</title><style>
body {{ font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       font-size: 18px; max-width: 980px; margin: 1em auto; padding: 0 1em; line-height: 1.6; }}
.op {{ border: 1px solid #c9d1d9; border-radius: 6px; padding: .5em 1em; margin: 1em 0; }}
.method {{ font-weight: 700; color: #fff; background: #0b4f9c; padding: 0 .5em; border-radius: 4px; }}
pre {{ background: #f6f8fa; padding: .6em; overflow-x: auto; font-size: 15px; }}
</style></head><body><h1>{title} · HTTP 接口</h1>
<p>机器可读的 OpenAPI 描述：<a href="/openapi.json">/openapi.json</a>。
所有错误的格式都是 <code>{{"error": {{"code": "…", "message": "…"}}}}</code>。</p>
{ops}</body></html>"""


def _schema_ref(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    return components.get(ref.rsplit("/", 1)[-1], schema) if ref else schema


def _operation(path: str, method: str, op: dict[str, Any], components: dict[str, Any]) -> str:
    parts = [f'<div class="op"><h2><span class="method">{esc(method.upper())}</span> '
             f"<code>{esc(path)}</code> {esc(op.get('summary', ''))}</h2>"]
    if op.get("description"):
        parts.append(f"<p>{esc(op['description'])}</p>")
    params = op.get("parameters", [])
    if params:
        items = "".join(f"<li><code>{esc(p['name'])}</code>（{esc(p.get('in', ''))}）</li>" for p in params)
        parts.append(f"<p>参数：</p><ul>{items}</ul>")
    body = op.get("requestBody", {}).get("content", {})
    for media, spec in body.items():
        schema = _schema_ref(spec.get("schema", {}), components)
        shown = json.dumps(schema.get("properties", schema), ensure_ascii=False, indent=2)
        parts.append(f"<p>请求体（{esc(media)}）：</p><pre>{esc(shown)}</pre>")
    parts.append("</div>")
    return "".join(parts)


def install_docs(app: FastAPI, title: str) -> None:
    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        spec = app.openapi()
        components = spec.get("components", {}).get("schemas", {})
        ops = "".join(
            _operation(path, method, op, components)
            for path, methods in spec.get("paths", {}).items()
            for method, op in methods.items()
        )
        return HTMLResponse(_PAGE.format(title=esc(title), ops=ops))
