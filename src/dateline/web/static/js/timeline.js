// The zoomable timeline: events of /api/v1/timeline on a date axis that zooms from
// years to months to days (buttons, mouse wheel, a click on a tick label) and pans by
// dragging. A click on an event opens its citations. Everything is built as DOM nodes.
"use strict";
(function () {
  const root = document.getElementById("tl-viz");
  if (!root) return;
  const canvas = root.querySelector(".tl-canvas");
  const detail = root.querySelector(".tl-detail");
  const scaleLabel = root.querySelector(".tl-scale");
  const DAY = 86400000;
  const { el, docLink, getJSON } = window.DL;
  let events = [];
  let v0 = 0, v1 = 1, full = [0, 1];

  const day = (s) => Date.parse(s + "T00:00:00Z");
  const iso = (t) => new Date(t).toISOString().slice(0, 10);

  function unitFor(spanDays) {
    if (spanDays > 3 * 365) return "year";
    if (spanDays > 90) return "month";
    return "day";
  }

  function ticks(unit) {
    const out = [];
    const spanDays = (v1 - v0) / DAY;
    const start = new Date(v0);
    if (unit === "year") {
      const years = spanDays / 365;
      const step = [1, 2, 5, 10, 20, 50, 100].find((s) => years / s <= 12) || 200;
      let y = Math.ceil(start.getUTCFullYear() / step) * step;
      for (; Date.UTC(y, 0, 1) <= v1; y += step) out.push([Date.UTC(y, 0, 1), String(y), "year"]);
    } else if (unit === "month") {
      const months = spanDays / 30;
      const step = [1, 2, 3, 6].find((s) => months / s <= 12) || 12;
      let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1;
      m = Math.ceil(m / step) * step;
      for (;;) {
        if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
        const t = Date.UTC(y, m, 1);
        if (t > v1) break;
        out.push([t, iso(t).slice(0, 7), "month"]);
        m += step;
      }
    } else {
      const step = [1, 2, 7, 14].find((s) => spanDays / s <= 14) || 30;
      for (let t = Math.ceil(v0 / DAY) * DAY; t <= v1; t += step * DAY) out.push([t, iso(t), "day"]);
    }
    return out;
  }

  function x(t, width) { return ((t - v0) / (v1 - v0)) * width; }

  function zoomTo(a, b) {
    const minSpan = 10 * DAY;
    if (b - a < minSpan) { const c = (a + b) / 2; a = c - minSpan / 2; b = c + minSpan / 2; }
    v0 = a; v1 = b; draw();
  }

  function zoomBy(factor, center) {
    const c = center === undefined ? (v0 + v1) / 2 : center;
    zoomTo(c - (c - v0) * factor, c + (v1 - c) * factor);
  }

  function tickNode(t, label, unit, width) {
    const node = el("button", { type: "button", className: "tl-tick tl-tick-" + unit, text: label, title: "zoom to " + label });
    node.style.left = x(t, width) + "px";
    node.addEventListener("click", () => {
      const d = new Date(t);
      if (unit === "year") zoomTo(t, Date.UTC(d.getUTCFullYear() + 1, 0, 1));
      else if (unit === "month") zoomTo(t, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      else zoomTo(t - 3 * DAY, t + 4 * DAY);
    });
    return node;
  }

  function eventNode(e, left, width, lane) {
    const node = el("button", { type: "button", className: "tl-ev status-" + e.status, title: e.earliest + " " + e.what }, [
      el("span", { className: "tl-bar" }),
      el("span", { className: "tl-label", text: e.type + " · " + e.what }),
    ]);
    node.style.left = left + "px";
    node.style.top = 34 + lane * 24 + "px";
    node.querySelector(".tl-bar").style.width = width + "px";
    node.addEventListener("click", () => show(e));
    return node;
  }

  function draw() {
    const width = Math.max(300, canvas.clientWidth || 800);
    const unit = unitFor((v1 - v0) / DAY);
    scaleLabel.textContent = "scale: " + unit + "s, " + iso(v0) + " to " + iso(v1);
    canvas.replaceChildren();
    const axis = el("div", { className: "tl-axis" });
    for (const [t, label, u] of ticks(unit)) axis.appendChild(tickNode(t, label, u, width));
    canvas.appendChild(axis);
    const laneEnds = [];
    let shown = 0;
    for (const e of events) {
      if (e._b < v0 || e._a > v1) continue;
      const left = x(e._a, width);
      const bar = Math.max(8, x(e._b + DAY, width) - left);
      const box = bar + Math.min(266, 12 + 6.5 * (e.type.length + e.what.length));
      const flip = left + box > width && left + bar - box >= 0; // near the right edge: label on the left
      const [s, end] = flip ? [left + bar - box, left + bar] : [left, left + box];
      let lane = laneEnds.findIndex((last) => last + 6 <= s);
      if (lane < 0) { lane = laneEnds.length; laneEnds.push(0); }
      laneEnds[lane] = end;
      const node = eventNode(e, left, bar, lane);
      if (flip) { node.classList.add("tl-flip"); node.style.left = "auto"; node.style.right = width - end + "px"; }
      canvas.appendChild(node);
      shown += 1;
    }
    canvas.style.height = 50 + laneEnds.length * 24 + "px";
    root.dataset.shown = String(shown);
  }

  function show(e) {
    const who = (e.participants || []).map((p) => p.name).join(", ");
    const where = e.place ? e.place.name : "";
    detail.replaceChildren(
      el("h3", { text: (e.earliest === e.latest ? e.earliest : e.earliest + " to " + e.latest) + " · " + e.status + " · " + e.type }),
      el("p", { text: e.what }),
      el("p", { className: "muted", text: [who && "who: " + who, where && "where: " + where,
        e.n_sources + " report(s) in " + e.documents + " document(s)"].filter(Boolean).join(" · ") }),
      el("ul", { className: "sources" }, (e.sources || []).map((s) =>
        el("li", null, [docLink(s), " ", el("span", { className: "muted", text: (s.published || "?") + " " }), s.text])))
    );
    detail.hidden = false;
  }

  function wire() {
    root.querySelector('[data-zoom="in"]').addEventListener("click", () => zoomBy(0.5));
    root.querySelector('[data-zoom="out"]').addEventListener("click", () => zoomBy(2));
    root.querySelector('[data-zoom="fit"]').addEventListener("click", () => zoomTo(full[0], full[1]));
    canvas.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = canvas.getBoundingClientRect();
      const c = v0 + ((ev.clientX - r.left) / r.width) * (v1 - v0);
      zoomBy(ev.deltaY < 0 ? 0.8 : 1.25, c);
    }, { passive: false });
    let drag = null;
    canvas.addEventListener("pointerdown", (ev) => { if (ev.target === canvas) drag = { x: ev.clientX, a: v0, b: v1 }; });
    window.addEventListener("pointerup", () => { drag = null; });
    window.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const dt = ((drag.x - ev.clientX) / canvas.clientWidth) * (drag.b - drag.a);
      v0 = drag.a + dt; v1 = drag.b + dt; draw();
    });
    window.addEventListener("resize", draw);
  }

  async function load() {
    const data = await getJSON(root.dataset.src);
    events = data.events.filter((e) => e.earliest && e.latest).map((e) => ({ ...e, _a: day(e.earliest), _b: day(e.latest) }));
    if (!events.length) { canvas.replaceChildren(el("p", { className: "muted", text: "No dated events." })); return; }
    const a = Math.min(...events.map((e) => e._a)), b = Math.max(...events.map((e) => e._b));
    const pad = Math.max(30 * DAY, (b - a) * 0.04);
    full = [a - pad, b + pad];
    wire();
    zoomTo(full[0], full[1]);
    root.dataset.ready = "1";
  }
  load().catch((err) => { canvas.replaceChildren(el("p", { className: "error-message", text: "Could not load the timeline: " + err.message })); });
})();
