/* heron explorer: what every page shares (API calls, filters, the event drawer, highlighting). Plain JS. */
"use strict";

const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const QUAD_COLOURS = {1: "#74a9cf", 2: "#1f5f99", 3: "#f4a259", 4: "#c0392b"};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;  // CSSOM, which the CSP allows (a style attribute it would not)
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const message = (body && (body.error || body.detail)) || `${response.status} ${response.statusText}`;
    throw new Error(typeof message === "string" ? message : JSON.stringify(message));
  }
  return body;
}

/* Only web links from a stored article become links: a "javascript:" URL in the store must not (the CSP would block it too). */
function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

function fmt(n) { return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"); }

function showError(target, error) {
  target.replaceChildren(el("div", {class: "error", role: "alert", text: String(error.message || error)}));
}

function quadBadge(quad) {
  if (!quad) return el("span", {class: "muted", text: "–"});
  return el("span", {class: `badge q${quad}`, title: QUADS[quad], text: QUADS[quad]});
}

function actorLabel(actor) {
  if (!actor || !actor.code) return "–";
  return actor.code;
}

function actorCell(actor) {
  return el("div", {class: "actor-cell"}, el("span", {class: "code", text: actorLabel(actor)}),
            el("span", {class: "name", text: actor && (actor.name || actor.text) || ""}));
}

/* The sentence with its trigger words in bold. */
function sentenceWithTrigger(sentence, trigger) {
  const text = sentence || "";
  const at = trigger ? text.toLowerCase().indexOf(trigger.toLowerCase()) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), el("b", {text: text.slice(at, at + trigger.length)}), text.slice(at + trigger.length)];
}

/* ---- filters: a form whose fields are the API's query parameters, kept in the page URL ---- */

const FILTER_FIELDS = [
  {name: "q", label: "Text", cls: "long", placeholder: "words in the sentence"},
  {name: "actor", label: "Actor", cls: "mid", placeholder: "RUS, USAGOV"},
  {name: "country", label: "Country", cls: "short", placeholder: "ISO-3"},
  {name: "role", label: "Role", cls: "short", placeholder: "GOV, MIL"},
  {name: "code", label: "CAMEO", cls: "short", placeholder: "19, 042"},
  {name: "place", label: "Place", cls: "mid", placeholder: "Geneva"},
  {name: "since", label: "From", type: "date"},
  {name: "until", label: "To", type: "date"},
];

function filterForm(fields, extra, onApply) {
  const params = new URLSearchParams(location.search);
  const form = el("form", {class: "filters", role: "search"});
  for (const field of fields) {
    if (field === "quad") {
      const set = el("fieldset", {}, el("legend", {text: "Quad class"}));
      for (const q of [1, 2, 3, 4]) {
        set.append(el("label", {class: "check", title: QUADS[q]},
          el("input", {type: "checkbox", name: "quad", value: String(q), checked: params.getAll("quad").includes(String(q))}),
          el("span", {class: "sw", style: `background:${QUAD_COLOURS[q]}`}), QUADS[q].replace(" cooperation", " coop.").replace(" conflict", " confl.")));
      }
      form.append(set);
      continue;
    }
    if (field === "real") {
      form.append(el("label", {class: "check"}, el("input", {type: "checkbox", name: "real", value: "true", checked: params.get("real") === "true"}), "real only"));
      continue;
    }
    const spec = typeof field === "string" ? FILTER_FIELDS.find(f => f.name === field) : field;
    if (spec.options) {
      const select = el("select", {name: spec.name});
      for (const [value, label] of spec.options) select.append(el("option", {value, text: label, selected: (params.get(spec.name) || spec.value) === value}));
      form.append(el("label", {}, spec.label, select));
      continue;
    }
    form.append(el("label", {}, spec.label, el("input", {type: spec.type || "text", name: spec.name, class: spec.cls || "",
      placeholder: spec.placeholder || "", value: params.get(spec.name) || ""})));
  }
  for (const node of extra || []) form.append(node);
  form.append(el("button", {type: "submit", text: "Apply"}));
  form.append(el("button", {type: "button", class: "ghost", text: "Clear", onclick: () => {
    for (const input of form.querySelectorAll("input")) { if (input.type === "checkbox") input.checked = false; else input.value = ""; }
    form.requestSubmit();
  }}));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = formQuery(form);
    history.replaceState(null, "", `${location.pathname}${query.toString() ? "?" + query : ""}`);
    onApply(query);
  });
  return form;
}

function formQuery(form) {
  const query = new URLSearchParams();
  for (const [key, value] of new FormData(form).entries()) if (String(value).trim()) query.append(key, String(value).trim());
  return query;
}

/* ---- the event drawer: everything that explains one coded event ---- */

function ruleSpan(text) { return text ? el("span", {class: "rule", text}) : el("span", {class: "muted", text: "–"}); }

function actorDetail(actor) {
  if (!actor || !actor.code) return [el("span", {class: "muted", text: "none"})];
  return [el("span", {class: "code", text: actor.code}), " ", actor.name ? el("span", {text: `(${actor.name})`}) : "",
          el("div", {class: "muted", text: `“${actor.text || ""}”`}), el("div", {}, "resolved by ", ruleSpan(actor.rule))];
}

function dateDetail(ev) {
  if (!ev.date) return [el("span", {class: "muted", text: "no date"})];
  const parts = [el("b", {text: ev.date}), ` · precision ${ev.date_precision || "?"}`];
  parts.push(el("div", {class: "muted", text: ev.date_phrase ? `from “${ev.date_phrase}”` : "the publication date (no date words)"}));
  return parts;
}

function placeDetail(loc) {
  if (!loc) return [el("span", {class: "muted", text: "not placed"})];
  const where = [loc.name, loc.country].filter(Boolean).join(", ");
  const coords = loc.lat !== null && loc.lat !== undefined ? ` · ${loc.lat.toFixed(2)}, ${loc.lon.toFixed(2)}` : "";
  return [el("b", {text: where}), el("span", {class: "muted", text: `${loc.feature ? " (" + loc.feature + ")" : ""}${coords}`}),
          el("div", {}, "by ", ruleSpan(loc.rule), loc.confidence !== null && loc.confidence !== undefined ? ` · confidence ${loc.confidence}` : "")];
}

function openEvent(ev) {
  const drawer = document.getElementById("drawer");
  const modality = [ev.modality || "asserted", ev.negated ? "negated" : null].filter(Boolean).join(", ");
  drawer.replaceChildren(...[
    el("button", {class: "close", title: "close", "aria-label": "close", text: "×", onclick: closeEvent}),
    el("h2", {}, `${ev.source.code || "?"} → ${ev.target.code || "?"}`),
    el("div", {class: "sub"}, el("span", {class: "code", text: ev.code}), ` ${ev.code_name || ""} `, quadBadge(ev.quad_class)),
    el("dl", {},
      el("dt", {text: "Source"}), el("dd", {}, ...actorDetail(ev.source)),
      el("dt", {text: "Target"}), el("dd", {}, ...actorDetail(ev.target)),
      el("dt", {text: "CAMEO"}), el("dd", {}, el("span", {class: "code", text: ev.code}), ` ${ev.code_name || ""} (root ${ev.root})`),
      el("dt", {text: "PLOVER"}), el("dd", {text: ev.plover ? `${ev.plover}${ev.plover_mode ? " · " + ev.plover_mode : ""}` : "–"}),
      el("dt", {text: "Goldstein"}), el("dd", {text: ev.goldstein === null || ev.goldstein === undefined ? "–" : ev.goldstein.toFixed(1)}),
      el("dt", {text: "Modality"}), el("dd", {class: ev.negated ? "negated" : "", text: modality}),
      el("dt", {text: "Negated"}), el("dd", {text: ev.negated ? "yes" : "no"}),
      el("dt", {text: "Date"}), el("dd", {}, ...dateDetail(ev)),
      el("dt", {text: "Place"}), el("dd", {}, ...placeDetail(ev.location)),
      el("dt", {text: "Pattern"}), el("dd", {}, ruleSpan(ev.rule), ev.trigger ? el("div", {}, "trigger “", el("b", {text: ev.trigger}), "”") : ""),
      ev.article_id ? el("dt", {text: "Article"}) : null,
      ev.article_id ? el("dd", {}, ev.article_id === "pasted" ? el("span", {text: "the pasted text"})
        : el("a", {href: `/articles/${encodeURIComponent(ev.article_id)}#${ev.id}`, text: ev.article_title || ev.article_id})) : null,
    ),
    el("blockquote", {}, ...sentenceWithTrigger(ev.sentence, ev.trigger)),
    ev.evidence && ev.evidence.length ? el("div", {}, el("h3", {text: "Also said in"}), ...ev.evidence.map(s => el("blockquote", {text: s}))) : null,
  ].filter(Boolean));
  drawer.dataset.event = ev.id;
  drawer.hidden = false;
  document.body.classList.add("drawer-open");
}

function closeEvent() {
  const drawer = document.getElementById("drawer");
  drawer.hidden = true;
  document.body.classList.remove("drawer-open");
  for (const node of document.querySelectorAll(".seg-focus")) node.classList.remove("seg-focus");
  for (const node of document.querySelectorAll(".active")) if (node.classList.contains("event-card")) node.classList.remove("active");
}
document.addEventListener("keydown", (event) => { if (event.key === "Escape") closeEvent(); });

/* ---- highlighting: text with actor mentions, event evidence and triggers marked ---- */

function triggerRange(text, ev) {
  const [start, end] = ev.span || [0, 0];
  if (!ev.trigger) return null;
  const inside = text.slice(start, end).toLowerCase();
  let at = inside.indexOf(ev.trigger.toLowerCase());
  let length = ev.trigger.length;
  if (at < 0) { const first = ev.trigger.split(/\s+/)[0].toLowerCase(); at = inside.indexOf(first); length = first.length; }
  return at < 0 ? null : [start + at, start + at + length];
}

function highlighted(text, blocks, mentions, events, onPick) {
  const marks = [];
  for (const m of mentions) if (m.start >= 0 && m.end > m.start) marks.push({start: m.start, end: m.end, kind: "actor", item: m});
  for (const ev of events) {
    const [start, end] = ev.span || [0, 0];
    if (end > start) marks.push({start, end, kind: "ev", item: ev});
    const trig = triggerRange(text, ev);
    if (trig) marks.push({start: trig[0], end: trig[1], kind: "trig", item: ev});
  }
  const ranges = blocks && blocks.length ? blocks.map(b => ({kind: b[0] ?? b.kind, start: b[1] ?? b.start, end: b[2] ?? b.end}))
    : [{kind: "plain", start: 0, end: text.length}];
  const out = el("div", {class: "text"});
  for (const block of ranges) {
    const tag = block.kind === "title" ? "h2" : block.kind === "heading" ? "h3" : "p";
    const node = el(tag, {class: block.kind === "title" ? "title" : block.kind === "plain" ? "plain" : ""});
    const cuts = new Set([block.start, block.end]);
    for (const m of marks) {
      if (m.start > block.start && m.start < block.end) cuts.add(m.start);
      if (m.end > block.start && m.end < block.end) cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = marks.filter(m => m.start <= a && m.end >= b);
      const piece = text.slice(a, b);
      if (!covering.length) { node.append(piece); continue; }
      const kinds = new Set(covering.map(m => m.kind));
      const evs = covering.filter(m => m.kind !== "actor").map(m => m.item);
      const actor = covering.find(m => m.kind === "actor");
      const span = el("span", {class: [...kinds].map(k => `seg-${k}`).join(" "), text: piece,
        "data-events": evs.length ? [...new Set(evs.map(e => e.id))].join(" ") : null,
        title: actor ? `${actor.item.code}${actor.item.name ? " · " + actor.item.name : ""} (${actor.item.rule})` : null});
      if (evs.length) span.addEventListener("click", () => onPick(covering.find(m => m.kind === "trig")?.item || evs[0]));
      node.append(span);
    }
    out.append(node);
  }
  return out;
}

function focusEvent(ev) {
  for (const node of document.querySelectorAll(".seg-focus")) node.classList.remove("seg-focus");
  let first = null;
  for (const node of document.querySelectorAll("[data-events]")) {
    if (node.dataset.events.split(" ").includes(ev.id)) { node.classList.add("seg-focus"); first = first || node; }
  }
  for (const card of document.querySelectorAll(".event-card")) card.classList.toggle("active", card.dataset.id === ev.id);
  if (first) first.scrollIntoView({block: "center", behavior: "smooth"});
}

function eventCard(ev, onPick) {
  return el("div", {class: `event-card q${ev.quad_class || 0}`, "data-id": ev.id, onclick: () => onPick(ev)},
    el("div", {class: "dyad"}, `${ev.source.code || "?"} → ${ev.target.code || "?"}`,
       ev.negated ? el("span", {class: "flag neg", text: "negated"}) : null,
       ev.modality && ev.modality !== "asserted" ? el("span", {class: "flag", text: ev.modality}) : null),
    el("div", {class: "what"}, el("span", {class: "code", text: ev.code}), ` ${ev.code_name || ""}`),
    el("div", {class: "muted"}, `“${ev.trigger || ""}”${ev.date ? " · " + ev.date : ""}${ev.location ? " · " + ev.location.name : ""}`));
}

/* The reader: highlighted text beside its list of events; used by the article page and the paste box. */
function reader(text, blocks, mentions, events) {
  const pick = (ev) => { focusEvent(ev); openEvent(ev); };
  const list = el("div", {class: "event-list"},
    events.length ? events.map(ev => eventCard(ev, pick)) : [el("div", {class: "card muted", text: "No events were coded in this text."})]);
  return el("div", {},
    el("div", {class: "legend"}, el("span", {}, el("span", {class: "sw", style: "background:#fff1b8;border-bottom:2px solid #d9a400"}), "actor mention"),
       el("span", {}, el("span", {class: "sw", style: "background:#e3effa"}), "event evidence"),
       el("span", {}, el("b", {style: "color:#1f5f99;text-decoration:underline", text: "trigger"})), " · click a highlighted passage or an event to see why it was coded"),
    el("div", {class: "reader"}, highlighted(text, blocks, mentions, events, pick), list));
}

/* ---- the events table, used by the events page and by the network and map pages ---- */

function eventsTable(events, options) {
  const opts = options || {};
  const head = el("tr");
  const columns = [["date", "Date"], ["source", "Source"], ["code", "Event"], ["target", "Target"], ["quad", "Quad class"],
                   ["goldstein", "Goldstein"], ["place", "Place"], [null, "Sentence"]];
  for (const [key, label] of columns) {
    const th = el("th", {class: key && opts.onSort ? "sortable" : "", text: label});
    if (key && opts.onSort) {
      if (opts.sort === key) th.append(el("span", {class: "arrow", text: opts.order === "asc" ? "▲" : "▼"}));
      th.addEventListener("click", () => opts.onSort(key));
    }
    head.append(th);
  }
  const body = el("tbody");
  for (const ev of events) {
    const row = el("tr", {class: "row", "data-id": ev.id},
      el("td", {class: "code", text: ev.date || ev.published || "–"}),
      el("td", {}, actorCell(ev.source)),
      el("td", {}, el("span", {class: "code", text: ev.code}), " ", el("span", {text: ev.code_name || ""}),
         ev.negated ? el("span", {class: "flag neg", text: "negated"}) : null,
         ev.modality && ev.modality !== "asserted" ? el("span", {class: "flag", text: ev.modality}) : null),
      el("td", {}, actorCell(ev.target)),
      el("td", {}, quadBadge(ev.quad_class)),
      el("td", {class: "num", text: ev.goldstein === null || ev.goldstein === undefined ? "–" : ev.goldstein.toFixed(1)}),
      el("td", {text: ev.location ? [ev.location.name, ev.location.country].filter(Boolean).join(", ") : "–"}),
      el("td", {class: "sentence"}, ...sentenceWithTrigger(ev.sentence, ev.trigger)));
    row.addEventListener("click", () => {
      for (const other of body.querySelectorAll("tr.selected")) other.classList.remove("selected");
      row.classList.add("selected");
      openEvent(ev);
    });
    body.append(row);
  }
  if (!events.length) body.append(el("tr", {}, el("td", {colspan: "8", class: "empty", text: "No events match these filters."})));
  return el("table", {class: "data events"}, el("thead", {}, head), body);
}

/* ---- page chrome ---- */

function markNav() {
  const page = document.body.dataset.page;
  for (const link of document.querySelectorAll("[data-nav]")) link.classList.toggle("active", link.dataset.nav.split(" ").includes(page));
}

async function footCounts() {
  try {
    const stats = await api("/api/stats");
    document.getElementById("foot-counts").textContent = `${fmt(stats.articles)} articles, ${fmt(stats.events)} events`;
    return stats;
  } catch (error) {
    document.getElementById("foot-counts").textContent = String(error.message || error);
    return null;
  }
}

markNav();
const STATS = footCounts();
