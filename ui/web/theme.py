"""Look of every page: system CJK fonts only (nothing from a CDN), large text, high contrast."""

from __future__ import annotations

import gradio as gr
from gradio.themes.utils.sizes import Size

# Fonts already on the reader's machine; no web font is downloaded from anywhere.
SYSTEM_FONTS = (
    "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "WenQuanYi Micro Hei", "system-ui", "sans-serif",
)
MONO_FONTS = ("Noto Sans Mono CJK SC", "DejaVu Sans Mono", "Consolas", "monospace")

# Base text 18px (older readers), everything else scaled from it.
TEXT_LARGE = Size(name="text_elder", xxs="13px", xs="15px", sm="16px", md="18px",
                  lg="20px", xl="24px", xxl="28px")


def make_theme() -> gr.themes.Base:
    return gr.themes.Default(
        primary_hue="red", secondary_hue="slate", neutral_hue="slate",
        text_size=TEXT_LARGE, font=list(SYSTEM_FONTS), font_mono=list(MONO_FONTS),
    ).set(body_text_size="18px", block_title_text_size="18px", block_label_text_size="16px")


CSS = """
.gradio-container { font-size: 18px; width: 100%; max-width: 1100px !important; margin: 0 auto; }
.gradio-container p, .gradio-container li, .gradio-container td,
.gradio-container th, .gradio-container summary { font-size: 18px; line-height: 1.7; }
.q-text p, .a-text p { margin: 0.2em 0; }
details.cites { margin-top: 0.6em; border-top: 1px solid #d0d7de; padding-top: 0.3em; }
.gradio-container details.cites > summary.cites-title { font-size: 16px; color: #57606a;
    cursor: pointer; font-weight: 600; padding: 0.2em 0; }
details.cites > summary.cites-title:hover { color: #0b4f9c; }
.cites-hint { font-size: 15px; color: #57606a; margin: 0.1em 0 0.3em; }
.cite-group { margin: 0.3em 0 0.5em; }
.cite-group-head { font-size: 15px; color: #57606a; font-weight: 600; line-height: 1.5;
                   border-bottom: 1px dashed #d0d7de; margin-bottom: 0.15em; }
.cite-group > .cite { margin: 0.1em 0 0.1em 0.6em; }
details.cite summary { cursor: pointer; color: #0b4f9c; }
details.cite[open] { margin-bottom: 0.4em; }
.cites summary:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.cite-n { font-variant-numeric: tabular-nums; color: #57606a; }
.cite-prose .cite-head { color: #0b4f9c; }
.gradio-container blockquote.cite-quote { white-space: pre-wrap; border-left: 4px solid #c9d1d9;
    margin: 0.2em 0; padding: 0.2em 0.8em; background: #f6f8fa; color: #1f2328;
    font-size: 17px; line-height: 1.6; }
.cite-source { font-size: 15px; color: #57606a; overflow-wrap: anywhere; }
a.cite-link { margin-left: 0.5em; font-size: 16px; color: #0b4f9c; text-decoration: underline;
              white-space: nowrap; }
.a-warn { background: #fff8c5; border-radius: 6px; padding: 0.3em 0.8em; margin-top: 0.5em; }
.report-grid { overflow-x: auto; }
.report-grid table { border-collapse: collapse; font-size: 16px; }
.report-grid th, .report-grid td { border: 1px solid #c9d1d9; padding: 4px 8px; }
.report-grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
.report-grid td.failed, .report-grid li.failed { background: #ffd7d5; color: #82071e; font-weight: 600; }
.report-grid td.derived { color: #57606a; font-style: italic; }
.report-grid .raw { white-space: pre-wrap; font-size: 15px; color: #57606a; }
button:focus-visible, a:focus-visible, textarea:focus-visible, input:focus-visible {
    outline: 3px solid #f59e0b !important; outline-offset: 2px; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
  .report-grid table { font-size: 14px; }
  .cite-group > .cite { margin-left: 0.2em; }
  .gradio-container blockquote.cite-quote { padding: 0.2em 0.5em; }
}
"""

WIDGET_CSS = CSS + """
.gradio-container { max-width: 100% !important; padding: 4px !important; }
footer { display: none !important; }
"""
