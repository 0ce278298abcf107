/* The one-line launcher for portal pages:
 *   <script src="https://<assistant>/widget.js" data-agency="…" data-year="2023" async></script>
 * draws a floating 「年报问答」 button; pressing it opens the chat (/widget/) in a panel
 * (full screen on a phone), Esc or × closes it and gives focus back. Everything comes
 * from the assistant's own address (this script, ui-static/launcher.css, the iframe): a
 * portal with a Content-Security-Policy allows that origin for script, style and frame. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || window.__govDisclosureWidget) { return; }
  window.__govDisclosureWidget = true;
  var base = new URL(me.src, document.baseURI);
  var params = new URLSearchParams();
  ["agency", "year"].forEach(function (name) {
    var value = me.getAttribute("data-" + name);
    if (value) { params.set(name, value); }
  });
  var src = base.origin + "/widget/" + (params.toString() ? "?" + params.toString() : "");
  var label = me.getAttribute("data-label") || "年报问答";
  var PREFIX = "gdw-"; // every class of ours: nothing of the portal is touched

  function build() {
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = base.origin + "/ui-static/launcher.css";
    document.head.appendChild(style);
    var panel = document.createElement("div");
    panel.className = PREFIX + "panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", label);
    var bar = document.createElement("div");
    bar.className = PREFIX + "bar";
    bar.appendChild(document.createTextNode(label));
    var close = document.createElement("button");
    close.className = PREFIX + "close";
    close.type = "button";
    close.setAttribute("aria-label", "关闭");
    close.textContent = "×";
    bar.appendChild(close);
    panel.appendChild(bar);
    var button = document.createElement("button");
    button.className = PREFIX + "button";
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.textContent = label;
    var frame = null;

    function open() {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.src = src;
        frame.title = label;
        panel.appendChild(frame);
      }
      panel.classList.add("open");
      button.setAttribute("aria-expanded", "true");
      close.focus();
    }
    function shut() {
      panel.classList.remove("open");
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
    button.addEventListener("click", function () {
      if (panel.classList.contains("open")) { shut(); } else { open(); }
    });
    close.addEventListener("click", shut);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && panel.classList.contains("open")) { shut(); }
    });
    window.addEventListener("message", function (e) { // Esc pressed inside the chat
      if (e.origin === base.origin && e.data === "gov-disclosure-widget:close" &&
          panel.classList.contains("open")) { shut(); }
    });
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }

  if (document.body) { build(); } else { document.addEventListener("DOMContentLoaded", build); }
})();
