// Clicking a citation marker [n] in an answer shows that answer's sources in the panel
// and brings source n into view. One listener on the document (capture phase), so it
// works for chat messages rendered at any time and runs before the chat's own link
// handling would follow the anchor.
(() => {
  const showSource = (id) => {
    const card = document.getElementById(id);
    const panel = card && card.closest(".nr-sources");
    if (!panel) return;
    panel.querySelectorAll(".is-picked, .is-active").forEach((el) => {
      el.classList.remove("is-picked", "is-active");
    });
    panel.classList.add("has-pick");
    card.closest(".nr-turn").classList.add("is-picked");
    card.classList.add("is-active");
    card.scrollIntoView({ behavior: "smooth", block: "center" });
  };

  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const cite = target && target.closest("a.nr-cite");
      if (!cite) return;
      event.preventDefault();
      event.stopPropagation();
      // The chat's sanitiser drops data-* attributes, so the target travels in the href.
      const match = /^#(nr-src-\d+-\d+)$/.exec(cite.getAttribute("href") || "");
      if (match) showSource(match[1]);
    },
    true,
  );
})();
