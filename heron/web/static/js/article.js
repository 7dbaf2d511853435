/* One article: its clean text with actor mentions and event evidence highlighted. */
"use strict";

(async () => {
  const main = document.getElementById("main");
  const id = decodeURIComponent(location.pathname.replace(/^\/articles\//, ""));
  try {
    const a = await api(`/api/articles/${encodeURIComponent(id)}`);
    const real = a.events.filter(e => !e.negated && e.modality !== "hypothetical").length;
    main.replaceChildren(
      el("div", {class: "toolbar"}, el("a", {href: "/articles", text: "‹ All articles"}), el("span", {class: "spacer"}),
         el("a", {class: "button ghost", href: `/events?article=${encodeURIComponent(a.id)}`, text: "These events in the table"})),
      el("h1", {text: a.title || a.id}),
      el("p", {class: "lede"}, `${a.published || "undated"}${a.published_source ? " (" + a.published_source + ")" : ""} · ${fmt(a.events.length)} events (${fmt(real)} real) · ${fmt(a.mentions.length)} actor mentions · `,
         el("span", {class: "code", text: a.id}), safeUrl(a.url) ? [" · ", el("a", {href: safeUrl(a.url), rel: "noreferrer noopener", target: "_blank", text: "original"})] : null),
      reader(a.text, a.blocks, a.mentions, a.events));
    const wanted = location.hash.slice(1);
    const ev = a.events.find(e => e.id === wanted);
    if (ev) { focusEvent(ev); openEvent(ev); }
  } catch (error) { showError(main, error); }
})();
