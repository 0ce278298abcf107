"""The staff login page (served by ui.web.staff_auth): the site's look, our stylesheet,
no script. `LOGIN_TEMPLATE.format(error=…)` puts an (escaped) error paragraph in place."""

from __future__ import annotations

from ui.web.pages import page_html

_BODY = """<div class="login-band"><div class="inner">政府信息公开年度报告问答 · 工作人员区</div></div>
<main class="login"><h1>工作人员登录</h1><p>上传和删除报告、查看读者反馈、获取网站嵌入代码。</p>
@ERROR@<form method="post" action="/staff/login"><label for="token">工作人员口令</label>
<input id="token" name="token" type="password" autocomplete="current-password" autofocus required>
<button type="submit">登录</button></form>
<p class="back"><a href="/">返回问答页</a></p></main>"""


def _template() -> str:
    html = page_html("工作人员登录", _BODY, body_class="login-page")
    return html.replace("{", "{{").replace("}", "}}").replace("@ERROR@", "{error}")


LOGIN_TEMPLATE = _template()
