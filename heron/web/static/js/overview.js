/* The overview: what the store holds, with ways in. */
"use strict";

(async () => {
  const main = document.getElementById("main");
  const stats = await STATS;
  if (!stats) { showError(main, new Error("cannot read the store")); return; }
  const total = stats.events || 1;
  const quadRows = [1, 2, 3, 4].map(q => {
    const n = (stats.quads.find(r => r.quad === q) || {n: 0}).n;
    return el("div", {class: "bar-row"},
      el("a", {href: `/events?quad=${q}`, class: "bar-label"}, quadBadge(q)),
      el("div", {class: "bar"}, el("div", {class: `fill q${q}`, style: `width:${(100 * n / total).toFixed(1)}%`})),
      el("span", {class: "bar-n", text: fmt(n)}));
  });
  const list = (rows, href, label) => el("ol", {class: "ranked"}, rows.map(r =>
    el("li", {}, el("a", {href: href(r), text: label(r)}), el("span", {class: "muted", text: ` ${fmt(r.n)}`}))));
  main.replaceChildren(
    el("h1", {text: "What this store holds"}),
    el("p", {class: "lede", text: `Events coded from news articles by heron, ${stats.first_day || "?"} to ${stats.last_day || "?"}. ` +
      "Browse the articles, filter the events, or see who cooperates and who fights."}),
    el("div", {class: "grid four"},
      el("a", {class: "card stat", href: "/articles"}, el("div", {class: "n", text: fmt(stats.articles)}), el("div", {class: "l", text: "articles"})),
      el("a", {class: "card stat", href: "/events"}, el("div", {class: "n", text: fmt(stats.events)}), el("div", {class: "l", text: "events"})),
      el("a", {class: "card stat", href: "/map"}, el("div", {class: "n", text: fmt(stats.placed)}), el("div", {class: "l", text: "events with a place"})),
      el("a", {class: "card stat", href: "/timeline"}, el("div", {class: "n small", text: stats.first_day ? `${stats.first_day.slice(0, 7)} – ${stats.last_day.slice(0, 7)}` : "–"}),
         el("div", {class: "l", text: "time span"}))),
    el("div", {class: "grid two"},
      el("div", {}, el("h2", {text: "Cooperation and conflict"}), el("div", {class: "card bars"}, quadRows),
         el("h2", {text: "Most frequent event types"}),
         el("div", {class: "card"}, list(stats.roots, r => `/events?code=${r.root}`, r => `${r.root} ${r.name || ""}`))),
      el("div", {}, el("h2", {text: "Most active actors"}),
         el("div", {class: "card"}, list(stats.actors, r => `/events?actor=${encodeURIComponent(r.code)}`, r => r.label.startsWith(r.code) ? r.label : `${r.code} · ${r.label}`)))));
})();
