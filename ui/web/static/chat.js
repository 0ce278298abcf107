/* The chat page and the widget, in the browser (loaded as a file of ours by Gradio's
 * `head`; no inline script, no event-handler attributes):
 *   - a marker [n] (or a range [3–8]) in an answer opens its citation(s) and highlights
 *     them, on click or Enter; focus goes to the citation for keyboard users;
 *   - the question box shows a live counter 「12 / 500 字」 and clears a stale error;
 *   - a marker's popover is kept inside its panel and the window, at any width;
 *   - the chat framework's few English labels (and untranslated message keys read to screen
 *     readers), and the upload box's text when the browser is not set to Chinese, are put
 *     in Chinese — by changing the framework's own text nodes, never replacing them, so
 *     that its later updates (a status it clears once loaded) still land;
 *   - in a frame, Esc asks the portal's launcher (static/widget.js) to close the panel.
 * Nothing here is needed to read an answer: without script a marker still jumps to its
 * citation (fragment navigation) and the server still checks every limit.
 */
(function () {
  "use strict";

  var MARKER = /^#(a[0-9a-f]+)-(\d+)(?:-(\d+))?$/;

  function openAncestors(el) {
    for (var e = el.parentElement; e; e = e.parentElement) {
      if (e.tagName === "DETAILS") { e.open = true; }
    }
  }

  function openCitations(href) {
    var m = MARKER.exec(href || "");
    if (!m) { return false; }
    var first = parseInt(m[2], 10), last = parseInt(m[3] || m[2], 10), found = [];
    for (var n = first; n <= last && n - first < 200; n++) {
      var el = document.getElementById(m[1] + "-" + n);
      if (el) { found.push(el); }
    }
    if (!found.length) { return false; }
    Array.prototype.forEach.call(document.querySelectorAll(".cite-hl"), function (el) {
      el.classList.remove("cite-hl");
    });
    found.forEach(function (el) {
      openAncestors(el);
      if (el.tagName === "DETAILS") { el.open = true; }
      el.classList.add("cite-hl");
    });
    var target = found[0];
    var focusable = target.tagName === "DETAILS" ? target.querySelector("summary") : target;
    var bring = function () { (focusable || target).scrollIntoView({ block: "nearest" }); };
    bring();
    if (focusable) { focusable.focus({ preventScroll: true }); }
    /* opening several citations grows the chat panel, and the chat framework then scrolls
     * the panel to its end: bring the first one back once the layout has settled */
    if (window.requestAnimationFrame) { window.requestAnimationFrame(bring); }
    window.setTimeout(bring, 120);
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.cite-ref");
    if (link && openCitations(link.getAttribute("href"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  /* ---- a marker's popover stays inside its panel and the window --------------------- */
  var MARGIN = 6;

  function clipRect(el) {
    /* the visible part of the page around `el`: the window, cut by every scrolling or
     * clipping ancestor (the chat panel) */
    var box = { left: 0, top: 0, right: document.documentElement.clientWidth,
                bottom: window.innerHeight };
    for (var e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      var style = window.getComputedStyle(e);
      if (/(auto|scroll|hidden|clip)/.test(style.overflowX + style.overflowY)) {
        var r = e.getBoundingClientRect();
        box = { left: Math.max(box.left, r.left), top: Math.max(box.top, r.top),
                right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom) };
      }
    }
    return box;
  }

  function placePopover(link) {
    var pop = link.querySelector(".cite-pop");
    if (!pop) { return; }
    pop.classList.remove("pop-up");
    pop.style.left = "";
    pop.style.maxWidth = "";
    var box = clipRect(link), room = box.right - box.left - 2 * MARGIN;
    if (room > 0) { pop.style.maxWidth = "min(26em, " + room + "px)"; }
    var r = pop.getBoundingClientRect();
    if (!r.width) { return; } /* not shown */
    var shift = 0;
    if (r.right > box.right - MARGIN) { shift = box.right - MARGIN - r.right; }
    if (r.left + shift < box.left + MARGIN) { shift = box.left + MARGIN - r.left; }
    if (shift) { pop.style.left = shift + "px"; }
    var anchor = link.getBoundingClientRect();
    if (r.bottom > box.bottom && anchor.top - box.top > r.height + MARGIN) {
      pop.classList.add("pop-up"); /* no room below: open above the marker */
    }
  }

  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest && event.target.closest("a.cite-ref");
      if (link && !(event.relatedTarget && link.contains(event.relatedTarget))) {
        placePopover(link);
        if (window.requestAnimationFrame) {
          window.requestAnimationFrame(function () { placePopover(link); });
        }
      }
    });
  });

  /* ---- Esc inside the widget closes the launcher's panel (static/widget.js) ------------ */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && window.parent !== window) {
      window.parent.postMessage("gov-disclosure-widget:close", "*");
    }
  });

  /* ---- the counter under the question box ----------------------------------------- */
  var lastLength = -1;

  function updateCounter() {
    var box = document.querySelector("#question textarea, #question input");
    var out = document.getElementById("q-count");
    if (!box || !out) { return; }
    var max = parseInt((out.getAttribute("title") || "").replace(/\D+/g, ""), 10) || 0;
    var length = box.value.trim().length;
    if (length === lastLength && out.textContent) { return; }
    if (lastLength >= 0 && length !== lastLength) {
      var error = document.getElementById("q-error");
      if (error) { error.textContent = ""; }
    }
    lastLength = length;
    var over = max && length > max;
    out.textContent = over ? length + " / " + max + " 字，超出 " + (length - max) + " 字"
                           : length + " / " + max + " 字";
    out.classList.toggle("over", !!over);
  }

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#question")) { updateCounter(); }
  });
  window.setInterval(updateCounter, 500); // the server empties the box after a question

  /* ---- English labels of the chat framework, in Chinese ------------------------------ */
  var LABELS = [
    [/^Copy message$/, "复制"],
    [/^Copied message$/, "已复制"],
    [/^Copy conversation$/, "复制全部对话"],
    [/^Copied conversation$/, "已复制"],
    [/^chatbot conversation$/, "对话记录"],
    [/^More tabs$/, "更多"],
    [/^user's message: ([\s\S]*)$/, "您的问题：$1"],
    [/^bot's message: [\s\S]*$/, "回答"],
    [/^Clear$/, "清空"],
    [/^Error$/, "出错了"],
    [/^Warning$/, "提示"],
    [/^Info$/, "提示"],
    [/^Connection errored out\.?$/, "连接中断，请刷新页面后重试。"],
    [/^Loading\.*$/, "加载中……"],
    [/^Code input container$/, "代码"],
    [/^Scroll down$/, "回到最新的回答"],
    [/^common\.complete$/, "已完成"],
    [/^common\.loading$/, "加载中……"],
    [/^common\.error$/, "出错了"],
    [/^Click to upload or drop files$/, "点击上传，或把文件拖到这里"],
    [/^File upload$/, "上传文件"],
    [/^Upload a file$/, "上传文件"],
    [/^Uploading\.*$/, "正在上传"],
    [/^Remove file$/, "移除文件"],
    [/^Copy table data$/, "复制表格内容"],
    [/^Fullscreen$/, "全屏"],
    [/^Exit fullscreen( mode)?$/, "退出全屏"],
    [/^Download$/, "下载"],
    [/^Copy$/, "复制"],
    [/^Copied!?$/, "已复制"],
    [/^Unfold line$/, "展开"],
    [/^Fold line$/, "折叠"]
  ];
  /* words the upload box writes as text when the browser is not set to Chinese */
  var TEXTS = [
    [/^Drop Files? Here$/, "将文件拖放到此处"],
    [/^- or -$/, "- 或 -"],
    [/^Click to Upload$/, "点击上传"]
  ];
  var TEXT_HOSTS = "[data-testid='upload-text'], .upload-container";

  function chinese(text, table) {
    table = table || LABELS;
    for (var i = 0; i < table.length; i++) {
      if (table[i][0].test(text)) { return text.replace(table[i][0], table[i][1]); }
    }
    return null;
  }

  function retext(el, table) {
    /* translate the text nodes of `el` in place: the framework keeps a reference to them
     * and updates (or empties) them later — replacing them would freeze the old text */
    for (var node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType !== 3) { continue; }
      var text = node.nodeValue.trim(), changed = text && chinese(text, table);
      if (changed && changed !== text) { node.nodeValue = node.nodeValue.replace(text, changed); }
    }
  }

  function relabel(root) {
    if (!root || !root.querySelectorAll) { return; }
    var nodes = root.querySelectorAll("[title], [aria-label], .toast-title, .toast-text, .sr-only");
    Array.prototype.forEach.call(nodes, function (el) {
      ["title", "aria-label"].forEach(function (name) {
        var value = el.getAttribute(name);
        var changed = value && chinese(value);
        if (changed !== null && changed !== undefined && changed !== value) { el.setAttribute(name, changed); }
      });
      if (el.classList.contains("toast-title") || el.classList.contains("toast-text") ||
          el.classList.contains("sr-only")) {
        retext(el, LABELS);
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll(TEXT_HOSTS), function (host) {
      retext(host, TEXTS);
      Array.prototype.forEach.call(host.querySelectorAll("span"), function (el) { retext(el, TEXTS); });
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; relabel(document.body); });
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true,
                                          attributes: true, attributeFilter: ["title", "aria-label"] });
})();
