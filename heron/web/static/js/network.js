/* Network: countries or actors as nodes, events as edges coloured from cooperation to conflict. */
"use strict";

(() => {
  const main = document.getElementById("main");
  const chart = el("div", {class: "chart"});
  const detail = el("div");
  const W = 1100, H = 640;

  // Blue (all cooperation) through grey to red (all conflict).
  function edgeColour(edge) {
    const sided = edge.cooperation + edge.conflict;
    const share = sided ? edge.conflict / sided : 0.5;
    const from = [31, 95, 153], mid = [150, 150, 150], to = [192, 57, 43];
    const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
    const rgb = share < 0.5 ? mix(from, mid, share * 2) : mix(mid, to, (share - 0.5) * 2);
    return `rgb(${rgb.join(",")})`;
  }

  // A small force layout (repulsion, springs along edges, a pull to the centre), run to rest before drawing.
  function layout(nodes, edges) {
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    nodes.forEach((n, i) => { const a = 2 * Math.PI * i / nodes.length; n.x = W / 2 + 250 * Math.cos(a); n.y = H / 2 + 220 * Math.sin(a); });
    const k = Math.sqrt((W * H) / Math.max(nodes.length, 1)) * 0.8;
    for (let step = 0; step < 320; step++) {
      const heat = 12 * (1 - step / 320) + 0.5;
      for (const n of nodes) { n.dx = (W / 2 - n.x) * 0.01; n.dy = (H / 2 - n.y) * 0.01; }
      for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y; const d2 = Math.max(dx * dx + dy * dy, 1); const d = Math.sqrt(d2);
        const f = (k * k) / d2; dx /= d; dy /= d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
      for (const e of edges) {
        const a = nodes[index.get(e.a)], b = nodes[index.get(e.b)];
        const dx = b.x - a.x, dy = b.y - a.y; const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const f = (d * d) / k / 60 * Math.log1p(e.n);
        a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
      for (const n of nodes) {
        const len = Math.max(Math.sqrt(n.dx * n.dx + n.dy * n.dy), 1e-6);
        n.x = Math.min(W - 40, Math.max(40, n.x + n.dx / len * Math.min(len, heat)));
        n.y = Math.min(H - 30, Math.max(30, n.y + n.dy / len * Math.min(len, heat)));
      }
    }
    return index;
  }

  async function showEdge(edge, query, line) {
    for (const other of chart.querySelectorAll(".edge.active")) other.classList.remove("active");
    line.classList.add("active");
    const q = new URLSearchParams(query);
    q.delete("level"); q.delete("limit");
    q.set("dyad", `${edge.a},${edge.b}`);
    q.set("limit", "100");
    try {
      const page = await api(`/api/events?${q}`);
      detail.replaceChildren(el("div", {class: "toolbar"},
        el("h2", {text: `${edge.a} – ${edge.b}: ${fmt(edge.n)} events (${fmt(edge.cooperation)} cooperative, ${fmt(edge.conflict)} conflictual, Goldstein sum ${edge.goldstein})`}),
        el("span", {class: "spacer"}), el("a", {class: "button ghost", href: `/events?${q}`.replace(/&?limit=100/, ""), text: "Open in the table"})),
        eventsTable(page.events));
      detail.scrollIntoView({behavior: "smooth", block: "start"});
    } catch (error) { showError(detail, error); }
  }

  async function load(query) {
    detail.replaceChildren();
    try {
      const data = await api(`/api/network?${query}`);
      if (!data.edges.length) { chart.replaceChildren(el("div", {class: "empty", text: "No events between two different actors match these filters."})); return; }
      const index = layout(data.nodes, data.edges);
      const maxN = Math.max(...data.edges.map(e => e.n));
      const maxNode = Math.max(...data.nodes.map(n => n.n));
      const edges = data.edges.slice().sort((a, b) => a.n - b.n).map(e => {
        const a = data.nodes[index.get(e.a)], b = data.nodes[index.get(e.b)];
        const line = svg("line", {class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: edgeColour(e),
          "stroke-width": (1.2 + 9 * Math.sqrt(e.n / maxN)).toFixed(1), "stroke-opacity": 0.75, "data-dyad": `${e.a},${e.b}`},
          svg("title", {text: `${e.a} – ${e.b}: ${e.n} events, ${e.cooperation} cooperation, ${e.conflict} conflict`}));
        line.addEventListener("click", () => showEdge(e, query, line));
        return line;
      });
      const nodes = data.nodes.map(n => svg("g", {class: "node", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`},
        svg("circle", {r: (5 + 16 * Math.sqrt(n.n / maxNode)).toFixed(1), fill: "#1d3557"}, svg("title", {text: `${n.label}: ${n.n} events`})),
        svg("text", {x: 0, y: -(9 + 16 * Math.sqrt(n.n / maxNode)), "text-anchor": "middle", text: n.id.length === 3 ? n.label : n.id})));
      chart.replaceChildren(svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "network of actors"}, ...edges, ...nodes));
    } catch (error) { showError(chart, error); }
  }

  const level = {name: "level", label: "Nodes", options: [["country", "countries"], ["actor", "actors"]], value: "country"};
  const form = filterForm([level, "actor", "code", "since", "until", "quad", "real"], [], load);
  main.replaceChildren(el("h1", {text: "Network"}),
    el("p", {class: "lede", text: "Who deals with whom. Line width is the number of events; colour runs from blue (cooperation) to red (conflict). Click a line to list its events."}),
    form,
    el("div", {class: "legend"}, el("span", {}, el("span", {class: "sw", style: "background:rgb(31,95,153)"}), "cooperation"),
       el("span", {}, el("span", {class: "sw", style: "background:rgb(150,150,150)"}), "mixed"),
       el("span", {}, el("span", {class: "sw", style: "background:rgb(192,57,43)"}), "conflict"),
       el("span", {text: "· set From/To for a time window"})),
    chart, detail);
  load(formQuery(form));
})();
