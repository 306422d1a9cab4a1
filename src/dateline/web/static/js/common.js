// Helpers shared by the page scripts. Data from the API only ever becomes text
// (textContent) or a checked same-origin link: never HTML.
"use strict";
window.DL = (function () {
  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === null || v === undefined) continue;
        if (k === "text") node.textContent = String(v);
        else if (k === "className") node.className = v;
        else if (k === "href") node.setAttribute("href", localHref(v));
        else node.setAttribute(k, String(v));
      }
    }
    for (const c of children || []) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }
  // Links built from data point into this site only.
  function localHref(v) {
    const s = String(v);
    return s.startsWith("/") && !s.startsWith("//") ? s : "#";
  }
  function docLink(src) {
    return el("a", { href: "/documents/" + encodeURIComponent(src.doc_id) + "#s" + Number(src.sentence_index),
      text: String(src.doc_id).slice(0, 8) + "#" + Number(src.sentence_index) });
  }
  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!r.ok) {
      let msg = r.status + "";
      try { const e = await r.json(); msg = e.error.code + " " + e.error.message; } catch (_) { /* not JSON */ }
      throw new Error(msg);
    }
    return r.json();
  }
  return { el: el, docLink: docLink, getJSON: getJSON };
})();
