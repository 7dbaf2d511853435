/* Code a text: paste it, see its events with the same highlighting; nothing is stored unless asked. */
"use strict";

(async () => {
  const main = document.getElementById("main");
  const stats = await STATS;
  const limit = stats ? stats.limits.paste_chars : 20000;
  const box = el("textarea", {class: "paste", name: "text", maxlength: String(limit), "aria-label": "text to code",
    placeholder: "Paste a news article here, e.g.: The foreign ministers of Chile and Peru met in Lima on Monday and signed a trade agreement."});
  const counter = el("span", {class: "counter"});
  const day = el("input", {type: "date", name: "date", "aria-label": "publication date"});
  const store = el("input", {type: "checkbox", name: "store"});
  // Upload reads a text file into the box, in the browser: the server sees only the text, as pasted.
  const upload = el("input", {type: "file", accept: ".txt,text/plain", "aria-label": "upload a text file"});
  upload.addEventListener("change", async () => {
    const file = upload.files && upload.files[0];
    if (!file) return;
    if (file.size > limit * 4) { showError(out, new Error(`${file.name} is ${fmt(file.size)} bytes; the box takes ${fmt(limit)} characters`)); return; }
    box.value = await file.text();
    update();
  });
  const go = el("button", {type: "submit", text: "Code it"});
  const out = el("div");
  const update = () => { counter.textContent = `${fmt(box.value.length)} / ${fmt(limit)} characters`; counter.classList.toggle("over", box.value.length > limit); };
  box.addEventListener("input", update);
  update();
  const form = el("form", {class: "card"}, box,
    el("div", {class: "toolbar"}, el("label", {}, "Published ", day), el("label", {}, "or upload ", upload), stats && stats.writable ? el("label", {}, store, " store it in ", el("span", {class: "code", text: stats.store})) : null,
       el("span", {class: "spacer"}), counter, go));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!box.value.trim()) { showError(out, new Error("Paste some text first.")); return; }
    go.disabled = true;
    out.replaceChildren(el("p", {class: "muted", text: "Coding…"}));
    try {
      const result = await api("/api/code", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({text: box.value, date: day.value || null, store: store.checked})});
      out.replaceChildren(el("h2", {text: `${fmt(result.events.length)} event${result.events.length === 1 ? "" : "s"}, ${fmt(result.mentions.length)} actor mentions`}),
        el("p", {class: "muted", text: `coded in ${result.seconds.toFixed(2)} s · ${result.stored ? "stored as " + result.stored : "not stored"}`}),
        reader(result.text, [], result.mentions, result.events));
    } catch (error) { showError(out, error); }
    go.disabled = false;
  });
  main.replaceChildren(el("h1", {text: "Code a text"}),
    el("p", {class: "lede", text: `Paste up to ${fmt(limit)} characters and see the events heron finds, with the same highlighting as an article. ` +
      "The text is coded in memory and not stored" + (stats && stats.writable ? " unless you tick “store it”." : " (this explorer is read-only).")}),
    form, out);
})();
