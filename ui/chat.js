// The chat page's behaviour that Gradio does not provide: where the conversation scrolls,
// which sources the panel shows, citation previews and the whole-article reader, the state
// of the Ask button, copy and export, the theme, and the "Add articles" drop zone.
//
// Gradio renders and re-renders the components at any time, so nothing here holds on to
// an element: listeners sit on the document, and one observer re-applies the state after
// every change of the page.
(() => {
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
  const canHover = () => window.matchMedia("(hover: hover) and (pointer: fine)").matches;
  const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const THEME_KEY = "newsrag-theme";

  const state = {
    turns: null, // exchanges in the log when last seen; null before the first look
    shownTurn: null, // the exchange whose sources the panel shows
    hintAttempt: null,
    uploadText: null, // the upload status when last seen
    pending: false,
    pendingTimer: null,
    openedFrom: null, // the element to return focus to from a source card or the reader
    preview: null, // { element, marker }
  };

  // --- Theme -----------------------------------------------------------------------------

  const applyTheme = () => {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved) document.body.classList.toggle("dark", saved === "dark");
    const button = $("#nr-theme");
    if (button) {
      const dark = document.body.classList.contains("dark");
      button.setAttribute("aria-pressed", String(dark));
    }
  };

  // --- The question box and the Ask button -------------------------------------------------

  const box = () => $("#nr-question textarea");
  const askButton = () => $("#nr-ask");
  const askButtons = () => $$("#nr-ask, #nr-examples button, #nr-suggestions button");

  const setHint = (message) => {
    const hint = $("#nr-hint .nr-hint");
    if (!hint) return;
    hint.textContent = message;
    if (message) hint.setAttribute("role", "alert");
  };

  const updateAsk = () => {
    const text = box() ? box().value : "";
    const button = askButton();
    if (button) {
      button.disabled = state.pending || !text.trim();
      button.setAttribute("aria-busy", String(state.pending));
    }
    $$("#nr-examples button, #nr-suggestions button").forEach((b) => {
      b.disabled = state.pending;
    });
    const counter = $("#nr-hint .nr-counter");
    if (counter) {
      const limit = Number(counter.dataset.limit);
      const length = text.length;
      // Shown only near the limit, where it helps.
      counter.textContent =
        length >= limit * 0.8
          ? `${length.toLocaleString("en")} of ${limit.toLocaleString("en")} characters`
          : "";
      counter.classList.toggle("is-full", length >= limit);
    }
  };

  // A reply always updates the hint; should none come (the server went away), the
  // page does not stay busy for ever.
  const PENDING_MS = 120000;
  const setPending = (pending) => {
    clearTimeout(state.pendingTimer);
    if (pending) state.pendingTimer = setTimeout(() => setPending(false), PENDING_MS);
    state.pending = pending;
    document.body.classList.toggle("nr-pending", pending);
    if (pending) setHint("");
    const busy = $("#nr-hint .nr-busy");
    if (busy) busy.textContent = pending ? "Looking through the articles…" : "";
    updateAsk();
  };

  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
      if (event.target !== box()) return;
      if (state.pending || !box().value.trim()) {
        // Refused here, in place: no request, nothing added to the chat.
        event.preventDefault();
        event.stopImmediatePropagation();
        if (!state.pending) setHint("Type a question first.");
        return;
      }
      setTimeout(() => setPending(true), 0);
    },
    true,
  );
  document.addEventListener("input", (event) => {
    if (event.target === box()) {
      setHint("");
      updateAsk();
    }
  });
  // Seen before the button's own handler, which empties the box as it sends the question
  // (and so disables Ask).
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const button = target && target.closest("button");
      if (button && askButtons().includes(button) && !button.disabled) {
        setTimeout(() => setPending(true), 0);
      }
    },
    true,
  );

  // --- Scrolling and the panel -------------------------------------------------------------

  const log = () => $("#nr-log");

  // Brings an exchange's start to the top of the chat, and the chat into the window.
  const scrollToExchange = (exchange, movePage) => {
    const container = log();
    if (!container || !exchange) return;
    container.scrollTop +=
      exchange.getBoundingClientRect().top - container.getBoundingClientRect().top;
    if (!movePage) return;
    const top = exchange.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.5) {
      window.scrollBy({ top: top - 8, behavior: "instant" });
    }
  };

  // The exchange in view: the last one whose start is above the upper third of the chat.
  const turnInView = () => {
    const container = log();
    const exchanges = $$(".nr-exchange", container || document);
    if (!container || !exchanges.length) return null;
    const line = container.getBoundingClientRect().top + container.clientHeight / 3;
    let shown = exchanges[0];
    for (const exchange of exchanges) {
      if (exchange.getBoundingClientRect().top <= line) shown = exchange;
    }
    return shown.dataset.turn;
  };

  const showTurn = (turn) => {
    state.shownTurn = turn;
    $$(".nr-sources .nr-turn").forEach((section) => {
      section.classList.toggle("is-shown", section.dataset.turn === turn);
    });
  };

  document.addEventListener(
    "scroll",
    (event) => {
      // The preview stays beside its marker: it goes when anything scrolls.
      if (state.preview && !(event.target instanceof Element && event.target.closest(".nr-preview"))) {
        hidePreview();
      }
      if (event.target === log()) showTurn(turnInView());
    },
    true,
  );

  // --- Citation previews, source cards and the reader ------------------------------------

  const cardOf = (marker) => {
    const match = /^#(nr-src-\d+-\d+)$/.exec(marker.getAttribute("href") || "");
    return match ? document.getElementById(match[1]) : null;
  };

  const hidePreview = () => {
    if (state.preview) state.preview.element.remove();
    state.preview = null;
  };

  const showPreview = (marker) => {
    const card = cardOf(marker);
    if (!card) return;
    if (state.preview && state.preview.marker === marker) return;
    hidePreview();
    const preview = document.createElement("div");
    preview.className = "nr-preview";
    preview.id = "nr-preview";
    preview.setAttribute("role", "dialog");
    preview.setAttribute("aria-label", marker.getAttribute("aria-label") || "Source");
    const quote = document.createElement("p");
    quote.className = "nr-preview-quote";
    quote.dir = "auto";
    quote.textContent = $("mark.nr-quote", card).textContent;
    const title = $(".nr-title", card).cloneNode(true);
    title.removeAttribute("id");
    const meta = document.createElement("p");
    meta.className = "nr-meta";
    meta.textContent = $(".nr-meta-source", card).textContent; // publisher · date
    const open = document.createElement("button");
    open.type = "button";
    open.className = "nr-open";
    open.textContent = "Read it in the whole article";
    const cardOpen = $(".nr-open", card);
    Object.assign(open.dataset, cardOpen.dataset);
    preview.append(quote, title, meta, open);
    ($(".gradio-container") || document.body).append(preview);
    const spot = marker.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    preview.style.width = `${width}px`;
    preview.style.left = `${Math.max(8, Math.min(spot.left, window.innerWidth - width - 8))}px`;
    const below = spot.bottom + 6;
    const height = preview.offsetHeight;
    const top = below + height > window.innerHeight && spot.top - height - 6 > 0 ? spot.top - height - 6 : below;
    preview.style.top = `${top}px`;
    state.preview = { element: preview, marker };
  };

  // Shows the marker's source card in the panel and moves the focus to it.
  const showSource = (marker) => {
    const card = cardOf(marker);
    if (!card) return;
    hidePreview();
    showTurn(card.closest(".nr-turn").dataset.turn);
    $$(".nr-source.is-active").forEach((el) => el.classList.remove("is-active"));
    card.classList.add("is-active");
    state.openedFrom = marker;
    card.scrollIntoView({ behavior: reducedMotion() ? "instant" : "smooth", block: "nearest" });
    card.focus({ preventScroll: true });
  };

  const backToAnswer = (card) => {
    const marker =
      state.openedFrom && state.openedFrom.isConnected && cardOf(state.openedFrom) === card
        ? state.openedFrom
        : $(`#nr-log a.nr-cite[href="#${card.id}"]`);
    if (!marker) return;
    card.classList.remove("is-active");
    marker.scrollIntoView({ behavior: "instant", block: "center" });
    marker.focus({ preventScroll: true });
  };

  const openReader = async (button) => {
    if (!window.newsragReader) return;
    const from = state.preview ? state.preview.marker : button;
    hidePreview();
    const { doc, start, end } = button.dataset;
    await window.newsragReader.open(doc, Number(start), Number(end));
    const reader = $("#nr-reader");
    // The component re-renders its template after the value changes.
    for (let i = 0; i < 50 && !$(".nr-reader-text", reader); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const dialog = $(".nr-reader-dialog", reader);
    if (!dialog) return;
    state.openedFrom = from;
    document.body.classList.add("nr-reading");
    const quote = $("#nr-reader-quote", reader);
    if (quote) quote.scrollIntoView({ block: "center", behavior: "instant" });
    $(".nr-reader-close", reader).focus({ preventScroll: true });
  };

  const closeReader = () => {
    if (!document.body.classList.contains("nr-reading")) return;
    document.body.classList.remove("nr-reading");
    if (window.newsragReader) window.newsragReader.close();
    const from = state.openedFrom;
    if (from && from.isConnected) from.focus({ preventScroll: false });
  };

  document.addEventListener("pointerover", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !canHover()) return;
    const marker = target.closest("a.nr-cite");
    if (marker) showPreview(marker);
    else if (state.preview && !target.closest(".nr-preview")) hidePreview();
  });
  document.addEventListener("focusin", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.matches("a.nr-cite") && canHover()) showPreview(target);
    else if (target && state.preview && !target.closest(".nr-preview")) hidePreview();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (document.body.classList.contains("nr-reading")) closeReader();
    else if (state.preview) {
      const marker = state.preview.marker;
      hidePreview();
      marker.focus();
    }
  });

  // One listener, in the capture phase: it runs before the page's own link handling
  // would follow a marker's anchor.
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      const marker = target.closest("a.nr-cite");
      if (marker) {
        event.preventDefault();
        event.stopPropagation();
        // On a touch screen the first tap previews (no jump); on a desktop the preview
        // came with the pointer, and the click brings the source beside the answer.
        if (!canHover()) {
          if (state.preview && state.preview.marker === marker) hidePreview();
          else showPreview(marker);
        } else {
          showSource(marker);
        }
        return;
      }
      const button = target.closest("button");
      if (button && button.classList.contains("nr-open")) openReader(button);
      else if (button && button.classList.contains("nr-back")) backToAnswer(button.closest(".nr-source"));
      else if (button && button.classList.contains("nr-reader-close")) closeReader();
      else if (button && button.classList.contains("nr-copy")) copy(button);
      else if (button && button.id === "nr-export") exportConversation();
      else if (button && button.id === "nr-theme") toggleTheme();
      if (state.preview && !target.closest(".nr-preview")) hidePreview();
    },
    true,
  );

  // --- Copy, export, theme ---------------------------------------------------------------

  const copyText = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  };

  const copy = async (button) => {
    const done = await copyText(button.dataset.markdown);
    const label = button.textContent;
    button.textContent = done ? "Copied" : "Copy failed: select the text instead";
    setTimeout(() => {
      button.textContent = label;
    }, 2000);
  };

  const exportConversation = () => {
    const answers = $$("#nr-log .nr-copy").map((b) => b.dataset.markdown);
    const day = new Date().toISOString().slice(0, 10);
    const text = [`# newsrag conversation, ${day}`, ...answers].join("\n\n---\n\n") + "\n";
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
    link.download = `newsrag-conversation-${day}.md`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const toggleTheme = () => {
    const dark = !document.body.classList.contains("dark");
    localStorage.setItem(THEME_KEY, dark ? "dark" : "light");
    applyTheme();
  };

  // --- Adding articles ---------------------------------------------------------------------

  // The drop zone: files picked or dropped go to the server through the upload component's
  // script (app.py), which sends those over the size limit by name only.
  const sendFiles = (files) => {
    const title = $("#nr-add-title");
    if (!files.length || !title || !window.newsragUploads) return;
    // Inside the status's own element: Gradio replaces its content with the server's.
    const status = $("#nr-upload-status .nr-upload-status");
    const line = document.createElement("p");
    line.className = "nr-file nr-file-waiting";
    line.setAttribute("role", "status");
    line.textContent = `Sending ${files.length === 1 ? files[0].name : `${files.length} files`}…`;
    status.replaceChildren(line);
    window.newsragUploads.send(files, Number(title.dataset.maxBytes));
  };

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.id === "nr-upload-input") {
      sendFiles([...input.files]);
      input.value = ""; // the same file can be picked again
    }
  });
  for (const type of ["dragenter", "dragover", "dragleave", "drop"]) {
    document.addEventListener(type, (event) => {
      const zone = event.target instanceof Element && event.target.closest(".nr-drop");
      if (!zone) return;
      event.preventDefault();
      zone.classList.toggle("is-over", type === "dragenter" || type === "dragover");
      if (type === "drop" && event.dataTransfer) sendFiles([...event.dataTransfer.files]);
    });
  }

  // --- Keeping up with the page ------------------------------------------------------------

  const update = () => {
    applyTheme();
    const textarea = box();
    if (textarea && textarea.dir !== "auto") textarea.dir = "auto";
    const container = log();
    const turns = container ? $$(".nr-exchange", container).length : 0;
    if (container && turns !== state.turns) {
      const exchanges = $$(".nr-exchange", container);
      const newest = exchanges[exchanges.length - 1];
      // A new answer: its question at the top of the chat. On load (a restored
      // conversation), the chat only, not the page.
      if (newest) scrollToExchange(newest, state.turns !== null);
      state.turns = turns;
      showTurn(newest ? newest.dataset.turn : null);
    } else if (state.shownTurn !== null) {
      showTurn(state.shownTurn);
    }
    const hint = $("#nr-hint .nr-hint");
    if (hint && hint.dataset.attempt !== state.hintAttempt) {
      if (state.hintAttempt !== null) setPending(false);
      state.hintAttempt = hint.dataset.attempt;
    }
    // The status of an upload stays in view as it grows, file by file.
    const status = $("#nr-upload-status .nr-upload-status");
    if (status && status.textContent !== state.uploadText) {
      if (state.uploadText !== null) $("#nr-upload-status").scrollIntoView({ block: "nearest" });
      state.uploadText = status.textContent;
    }
    updateAsk();
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      update();
    });
  };
  const watch = () => {
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["data-attempt"],
    });
    schedule();
  };
  if (document.body) watch();
  else document.addEventListener("DOMContentLoaded", watch);
})();
