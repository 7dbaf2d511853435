/* Map: event places on an offline world map (vendored Natural Earth TopoJSON), clustered and clickable. */
"use strict";

(() => {
  const main = document.getElementById("main");
  const W = 1000, H = 500;
  const chart = el("div", {class: "chart map-wrap"});
  const detail = el("div");
  const note = el("p", {class: "muted"});
  let world = null, places = [], view = {x: 0, y: 0, k: 1}, query = null, root = null;

  // Equirectangular: longitude and latitude straight onto the plane.
  const project = (lon, lat) => [(lon + 180) / 360 * W, (90 - lat) / 180 * H];

  // TopoJSON → SVG path data: arcs are delta-encoded integers under one affine transform.
  function decodeArcs(topology) {
    const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
    return topology.arcs.map(arc => { let x = 0, y = 0; return arc.map(([dx, dy]) => { x += dx; y += dy; return project(x * sx + tx, y * sy + ty); }); });
  }
  function ringPath(ring, arcs) {
    const points = [];
    for (const i of ring) {
      const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return "M" + points.map(p => p[0].toFixed(1) + "," + p[1].toFixed(1)).join("L") + "Z";
  }
  function countryPaths(topology) {
    const arcs = decodeArcs(topology);
    return topology.objects.countries.geometries.map(g => {
      const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      return {name: (g.properties || {}).name || "", d: polygons.map(p => p.map(r => ringPath(r, arcs)).join("")).join("")};
    });
  }

  // Places closer than a cell of the screen grid join one cluster; the cell shrinks as you zoom in.
  function clusters() {
    const cell = 26 / view.k;
    const groups = new Map();
    for (const p of places) {
      const [x, y] = project(p.lon, p.lat);
      const key = `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
      const g = groups.get(key) || {places: [], n: 0, coop: 0, conf: 0, x: 0, y: 0};
      g.places.push(p); g.n += p.n; g.coop += p.cooperation; g.conf += p.conflict; g.x += x * p.n; g.y += y * p.n;
      groups.set(key, g);
    }
    return [...groups.values()].map(g => ({...g, x: g.x / g.n, y: g.y / g.n}));
  }

  function colour(g) { const sided = g.coop + g.conf; const share = sided ? g.conf / sided : 0.5;
    return share > 0.6 ? "#c0392b" : share < 0.4 ? "#1f5f99" : "#8e7cc3"; }

  function draw() {
    const layer = svg("g", {class: "points"});
    const maxN = Math.max(1, ...places.map(p => p.n));
    for (const g of clusters()) {
      const r = (4 + 14 * Math.sqrt(g.n / maxN)) / Math.sqrt(view.k);
      const names = g.places.map(p => p.name).slice(0, 6).join(", ") + (g.places.length > 6 ? "…" : "");
      const dot = svg("circle", {class: "cluster", cx: g.x.toFixed(2), cy: g.y.toFixed(2), r: r.toFixed(2), fill: colour(g),
        "stroke-width": (1 / view.k).toFixed(2), "data-places": String(g.places.length)}, svg("title", {text: `${names}: ${g.n} events`}));
      dot.addEventListener("click", () => showCluster(g));
      layer.append(dot);
      if (g.n > 1 && r * view.k > 9) layer.append(svg("text", {class: "cluster-n", x: g.x.toFixed(2), y: (g.y + 3.5 / view.k).toFixed(2), "text-anchor": "middle",
        "font-size": (10 / view.k).toFixed(2), text: fmt(g.n)}));
    }
    const vw = W / view.k, vh = H / view.k;
    root = svg("svg", {viewBox: `${view.x} ${view.y} ${vw} ${vh}`, role: "img", "aria-label": "map of event places"},
      svg("rect", {class: "sea", x: -W, y: -H, width: 3 * W, height: 3 * H}),
      svg("g", {}, ...world.map(c => svg("path", {class: "land", d: c.d, "stroke-width": (0.5 / view.k).toFixed(2)}, svg("title", {text: c.name})))),
      layer);
    root.addEventListener("wheel", (event) => { event.preventDefault(); const rect = root.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1.5 : 1 / 1.5, (event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height); }, {passive: false});
    let drag = null;
    root.addEventListener("mousedown", (event) => { drag = {x: event.clientX, y: event.clientY, vx: view.x, vy: view.y}; });
    window.addEventListener("mouseup", () => { drag = null; });
    root.addEventListener("mousemove", (event) => { if (!drag) return; const rect = root.getBoundingClientRect();
      view.x = drag.vx - (event.clientX - drag.x) / rect.width * vw; view.y = drag.vy - (event.clientY - drag.y) / rect.height * vh;
      root.setAttribute("viewBox", `${view.x} ${view.y} ${vw} ${vh}`); });
    chart.replaceChildren(root, el("div", {class: "zoom"},
      el("button", {type: "button", class: "ghost", title: "zoom in", text: "+", onclick: () => zoom(2, 0.5, 0.5)}),
      el("button", {type: "button", class: "ghost", title: "zoom out", text: "−", onclick: () => zoom(0.5, 0.5, 0.5)}),
      el("button", {type: "button", class: "ghost", title: "whole world", text: "⟲", onclick: () => { view = {x: 0, y: 0, k: 1}; draw(); }})));
  }

  function zoom(factor, fx, fy) {
    const k = Math.min(64, Math.max(1, view.k * factor));
    const cx = view.x + fx * W / view.k, cy = view.y + fy * H / view.k;
    view = {k, x: cx - fx * W / k, y: cy - fy * H / k};
    draw();
  }

  async function showCluster(g) {
    const lats = g.places.map(p => p.lat), lons = g.places.map(p => p.lon);
    const q = new URLSearchParams(query);
    q.set("lat_min", (Math.min(...lats) - 0.001).toFixed(3)); q.set("lat_max", (Math.max(...lats) + 0.001).toFixed(3));
    q.set("lon_min", (Math.min(...lons) - 0.001).toFixed(3)); q.set("lon_max", (Math.max(...lons) + 0.001).toFixed(3));
    q.set("limit", "100");
    try {
      const page = await api(`/api/events?${q}`);
      const names = g.places.map(p => `${p.name}${p.country ? " (" + p.country + ")" : ""}`).slice(0, 8).join(", ");
      detail.replaceChildren(el("h2", {text: `${names}${g.places.length > 8 ? "…" : ""}: ${fmt(page.total)} events`}), eventsTable(page.events));
      detail.scrollIntoView({behavior: "smooth", block: "start"});
    } catch (error) { showError(detail, error); }
  }

  async function load(newQuery) {
    query = newQuery;
    detail.replaceChildren();
    try {
      if (!world) world = countryPaths(await api("/static/vendor/world-atlas/countries-110m.json"));
      const data = await api(`/api/places?${query}`);
      places = data.places;
      draw();
      note.textContent = `${fmt(places.reduce((s, p) => s + p.n, 0))} events at ${fmt(places.length)} places` +
        (data.unplaced ? `; ${fmt(data.unplaced)} events have no place and are not shown` : "") + ". Scroll or use + and − to zoom, drag to pan.";
    } catch (error) { showError(chart, error); }
  }

  const form = filterForm(["actor", "country", "code", "since", "until", "quad", "real"], [], load);
  main.replaceChildren(el("h1", {text: "Map"}),
    el("p", {class: "lede", text: "Where events happened. Nearby places merge into one circle; its size is the number of events, its colour their balance. Click a circle to list them."}),
    form,
    el("div", {class: "legend"}, el("span", {}, el("span", {class: "sw", style: "background:#1f5f99"}), "mostly cooperation"),
       el("span", {}, el("span", {class: "sw", style: "background:#8e7cc3"}), "mixed"),
       el("span", {}, el("span", {class: "sw", style: "background:#c0392b"}), "mostly conflict")),
    chart, note, detail);
  load(formQuery(form));
})();
