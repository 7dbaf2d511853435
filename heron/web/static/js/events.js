/* Events: the filterable, sortable, paged table, with downloads of the current filter. */
"use strict";

(() => {
  const main = document.getElementById("main");
  const params = new URLSearchParams(location.search);
  const state = {sort: params.get("sort") || "date", order: params.get("order") || "desc", offset: 0, limit: 50, query: null};
  const table = el("div");
  const pager = el("div", {class: "pager"});
  const summary = el("span", {class: "muted"});
  const csv = el("a", {class: "button ghost", text: "Download CSV", download: "heron-events.csv"});
  const jsonl = el("a", {class: "button ghost", text: "Download JSONL", download: "heron-events.jsonl"});

  async function load() {
    const query = new URLSearchParams(state.query);
    for (const key of ["article", "source", "target", "dyad"]) if (params.get(key) && !query.has(key)) query.set(key, params.get(key));
    query.set("sort", state.sort);
    query.set("order", state.order);
    csv.href = `/api/events.csv?${query}`;
    jsonl.href = `/api/events.jsonl?${query}`;
    query.set("limit", state.limit);
    query.set("offset", state.offset);
    try {
      const page = await api(`/api/events?${query}`);
      summary.textContent = `${fmt(page.total)} event${page.total === 1 ? "" : "s"} match`;
      table.replaceChildren(eventsTable(page.events, {sort: state.sort, order: state.order, onSort: (key) => {
        state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
        state.sort = key; state.offset = 0; load();
      }}));
      pager.replaceChildren(
        el("span", {text: page.total ? `${fmt(state.offset + 1)}–${fmt(Math.min(state.offset + state.limit, page.total))} of ${fmt(page.total)}` : ""}),
        el("button", {class: "ghost", text: "‹ Previous", disabled: state.offset === 0, onclick: () => { state.offset -= state.limit; load(); }}),
        el("button", {class: "ghost", text: "Next ›", disabled: state.offset + state.limit >= page.total, onclick: () => { state.offset += state.limit; load(); }}));
    } catch (error) { showError(table, error); summary.textContent = ""; }
  }

  const form = filterForm(["q", "actor", "country", "role", "code", "place", "since", "until", "quad", "real"], [],
                          (query) => { state.query = query; state.offset = 0; load(); });
  state.query = formQuery(form);
  const scope = ["article", "source", "target", "dyad"].filter(k => params.get(k)).map(k => `${k} ${params.get(k)}`);
  main.replaceChildren(el("h1", {text: "Events"}),
    el("p", {class: "lede", text: "Who did what to whom, when and where. Click a row to see the evidence and the rules behind it." +
      (scope.length ? ` Showing only ${scope.join(", ")}.` : "")}),
    form, el("div", {class: "toolbar"}, summary, el("span", {class: "spacer"}), csv, jsonl), table, pager);
  load();
})();
