/* Articles: a searchable list, newest first. */
"use strict";

(() => {
  const main = document.getElementById("main");
  const results = el("div", {class: "article-list"});
  const pager = el("div", {class: "pager"});
  let offset = 0;
  const limit = 25;

  async function load(query) {
    const params = new URLSearchParams(query);
    params.set("limit", limit);
    params.set("offset", offset);
    try {
      const page = await api(`/api/articles?${params}`);
      results.replaceChildren(...(page.articles.length ? page.articles.map(card) : [el("div", {class: "card empty", text: "No article matches."})]));
      pager.replaceChildren(
        el("span", {text: page.total ? `${fmt(offset + 1)}–${fmt(Math.min(offset + limit, page.total))} of ${fmt(page.total)}` : "0 articles"}),
        el("button", {class: "ghost", text: "‹ Previous", disabled: offset === 0, onclick: () => { offset -= limit; load(query); }}),
        el("button", {class: "ghost", text: "Next ›", disabled: offset + limit >= page.total, onclick: () => { offset += limit; load(query); }}));
    } catch (error) { showError(results, error); }
  }

  function card(a) {
    return el("div", {class: "card article-card"},
      el("h3", {}, el("a", {href: `/articles/${encodeURIComponent(a.id)}`, text: a.title || a.id})),
      el("div", {class: "meta"}, `${a.published || "undated"} · ${fmt(a.n_events)} event${a.n_events === 1 ? "" : "s"} · `,
         el("span", {class: "code", text: a.id}), safeUrl(a.url) ? [" · ", el("a", {href: safeUrl(a.url), rel: "noreferrer noopener", target: "_blank", text: "source"})] : null),
      el("p", {text: (a.lead || "").replace(/\s+/g, " ") + (a.chars > 240 ? "…" : "")}));
  }

  const form = filterForm([{name: "q", label: "Search titles and text", cls: "long", placeholder: "e.g. ceasefire"}], [],
                          (query) => { offset = 0; load(query); });
  main.replaceChildren(el("h1", {text: "Articles"}), el("p", {class: "lede", text: "Every coded article; open one to see its text with the actors and events heron found."}),
                       form, results, pager);
  load(formQuery(form));
})();
