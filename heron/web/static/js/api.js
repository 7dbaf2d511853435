/* The API page: every route and its parameters, read from the OpenAPI description this server serves. */
"use strict";

(async () => {
  const main = document.getElementById("main");
  try {
    const spec = await api("/openapi.json");
    const rows = [];
    for (const [path, methods] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters || []).map(p => p.name).join(", ");
      rows.push(el("tr", {}, el("td", {class: "code", text: method.toUpperCase()}), el("td", {class: "code", text: path}),
        el("td", {text: op.summary || ""}), el("td", {class: "muted", text: params || (op.requestBody ? "JSON body" : "")})));
    }
    main.replaceChildren(el("h1", {text: "API"}),
      el("p", {class: "lede"}, "Every page reads this JSON API; the full description is ", el("a", {href: "/openapi.json", text: "/openapi.json"}), " (OpenAPI ", spec.openapi, ")."),
      el("table", {class: "data"}, el("thead", {}, el("tr", {}, ["Method", "Path", "What", "Parameters"].map(h => el("th", {text: h})))), el("tbody", {}, rows)));
  } catch (error) { showError(main, error); }
})();
