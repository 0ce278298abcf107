"""Look of every Gradio page: system CJK fonts only (nothing from a CDN), large text, high
contrast. The stylesheets are files in ui/web/static."""

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


# Every rule of our own lives in ui/web/static (app.css, widget.css, page.css), loaded by
# the pages' <head> (ui.web.assets); nothing of ours is inlined.
