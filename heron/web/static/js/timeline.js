/* Timeline: events per day, week or month by quad class, for an actor or a dyad. */
"use strict";

(() => {
  const main = document.getElementById("main");
  const chart = el("div", {class: "chart"});
  const note = el("p", {class: "muted"});

  function draw(data) {
    const buckets = data.buckets;
    if (!buckets.length) { chart.replaceChildren(el("div", {class: "empty", text: "No dated events match these filters."})); return; }
    const W = 1100, H = 420, left = 50, right = 16, top = 16, bottom = 56;
    const maxN = Math.max(...buckets.map(b => b.n));
    const step = (W - left - right) / buckets.length;
    const bar = Math.min(64, Math.max(2, step * 0.78));
    const y = (v) => top + (H - top - bottom) * (1 - v / maxN);
    const parts = [];
    const ticks = 5;
    for (let i = 0; i <= ticks; i++) {
      const v = Math.round(maxN * i / ticks);
      parts.push(svg("line", {x1: left, x2: W - right, y1: y(v), y2: y(v), stroke: "#e6eaef"}),
                 svg("text", {x: left - 6, y: y(v) + 4, "text-anchor": "end", text: fmt(v)}));
    }
    const every = Math.ceil(buckets.length / 14);
    buckets.forEach((b, i) => {
      const x = left + i * step + (step - bar) / 2;
      let base = 0;
      for (const q of [2, 1, 3, 4]) {
        const v = b[`q${q}`];
        if (!v) continue;
        parts.push(svg("rect", {x: x.toFixed(1), y: y(base + v).toFixed(1), width: bar.toFixed(1), height: (y(base) - y(base + v)).toFixed(1),
          fill: QUAD_COLOURS[q], class: `bar q${q}`}, svg("title", {text: `${b.period}: ${v} ${QUADS[q]}`})));
        base += v;
      }
      parts.push(svg("rect", {x: x.toFixed(1), y: y(b.n).toFixed(1), width: bar.toFixed(1), height: (y(0) - y(b.n)).toFixed(1), fill: "transparent"},
        svg("title", {text: `${b.period}: ${b.n} events, mean Goldstein ${b.goldstein ?? "–"}`})));
      if (i % every === 0) parts.push(svg("text", {x: (x + bar / 2).toFixed(1), y: H - bottom + 16, "text-anchor": "middle", text: data.interval === "month" ? b.period.slice(0, 7) : b.period}));
    });
    parts.push(svg("line", {x1: left, x2: W - right, y1: y(0), y2: y(0), stroke: "#9aa5b1"}));
    chart.replaceChildren(svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events over time"}, ...parts));
  }

  async function load(query) {
    const q = new URLSearchParams(query);
    const a = (q.get("a") || "").trim().toUpperCase(), b = (q.get("b") || "").trim().toUpperCase();
    q.delete("a"); q.delete("b");
    if (a && b) q.set("dyad", `${a},${b}`); else if (a || b) q.set("actor", a || b);
    try {
      const data = await api(`/api/timeline?${q}`);
      draw(data);
      const total = data.buckets.reduce((s, x) => s + x.n, 0);
      note.textContent = `${fmt(total)} dated events${a && b ? ` between ${a} and ${b}` : a || b ? ` involving ${a || b}` : ""}` +
        (data.undated ? `; ${fmt(data.undated)} without a date are not shown` : "") + ". Undated events count on their article's publication day.";
    } catch (error) { showError(chart, error); note.textContent = ""; }
  }

  const interval = {name: "interval", label: "Per", options: [["day", "day"], ["week", "week"], ["month", "month"]], value: "month"};
  const form = filterForm([{name: "a", label: "Actor", cls: "mid", placeholder: "USA"}, {name: "b", label: "and actor (dyad)", cls: "mid", placeholder: "optional"},
                           interval, "code", "since", "until", "real"], [], load);
  main.replaceChildren(el("h1", {text: "Timeline"}),
    el("p", {class: "lede", text: "How relations change: events per period, stacked by quad class. Give one actor, or two for a dyad."}),
    form,
    el("div", {class: "legend"}, [2, 1, 3, 4].map(q => el("span", {}, el("span", {class: "sw", style: `background:${QUAD_COLOURS[q]}`}), QUADS[q]))),
    chart, note);
  load(formQuery(form));
})();
