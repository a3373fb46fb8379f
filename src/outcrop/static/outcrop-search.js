/* outcrop: the search page with Pagefind (outcrop_search = "pagefind").
 *
 * Pagefind's UI (served from the site's own _pagefind/ folder, never a CDN) takes the
 * place of Sphinx's search results: full text of the articles, with a filter panel
 * (category, tag, author, year; counts beside each box). Where Pagefind cannot load
 * (a page opened from file://, which cannot fetch WebAssembly; a site not indexed
 * yet) the page stays Sphinx's own search, which works there. */
(() => {
  "use strict";
  if (window.location.protocol === "file:") return;

  // The name of the filter shown open (in the site's language), from outcrop's script tag.
  const script = document.currentScript;
  const openFilter = (script && script.dataset.openFilter) || "Category";
  const root = document.documentElement.dataset.content_root || "./";
  const base = new URL(root, window.location.href);
  const bundle = new URL("_pagefind/", base);

  function load(url, kind) {
    return new Promise((resolve, reject) => {
      const element = document.createElement(kind === "css" ? "link" : "script");
      if (kind === "css") {
        element.rel = "stylesheet";
        element.href = url;
      } else {
        element.src = url;
      }
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function mount() {
    const results = document.getElementById("search-results");
    if (!results || typeof window.PagefindUI !== "function") return false;
    const box = document.createElement("div");
    box.id = "outcrop-search";
    box.className = "outcrop-search";
    results.parentNode.insertBefore(box, results);
    // Sphinx's form, help text and results: the fallback, out of the way now.
    for (const sibling of Array.from(results.parentNode.children)) {
      if (sibling === box || /^(H1|H2|NOSCRIPT)$/.test(sibling.tagName)) continue;
      sibling.hidden = true; // and against a theme's "display: flex !important" (pydata's d-flex):
      sibling.style.setProperty("display", "none", "important");
    }
    const params = new URLSearchParams(window.location.search);
    const ui = new window.PagefindUI({
      element: "#outcrop-search",
      bundlePath: bundle.pathname,
      baseUrl: base.pathname,
      showSubResults: true,
      showImages: true,
      autofocus: !params.get("q"),
      openFilters: [openFilter],
      showEmptyFilters: false,
      processTerm: (term) => {
        const url = new URL(window.location.href);
        if (term) url.searchParams.set("q", term);
        else url.searchParams.delete("q");
        window.history.replaceState(null, "", url);
        return term;
      },
      processResult: (result) => {
        // Banners are recorded relative to the site's root, as Sphinx writes them; an
        // image on another host (a remote banner Pagefind found in the page) is not
        // shown: the search page never sends readers' browsers elsewhere.
        const image = result.meta && result.meta.image;
        if (image) {
          const url = new URL(image, /^\//.test(image) ? window.location.href : base);
          if (url.origin === window.location.origin) result.meta.image = url.pathname;
          else delete result.meta.image;
        }
        return result;
      },
    });
    // Pagefind's box has a placeholder and a title but no label (axe: label-title-only).
    const input = box.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", input.getAttribute("placeholder") || "Search");
    if (params.get("q")) ui.triggerSearch(params.get("q"));
    return true;
  }

  // Sphinx's search would run too, hidden, fetching every result page for its
  // summary: its query waits until it is known whether Pagefind loads.
  const sphinx = typeof Search !== "undefined" ? Search : null; // searchtools.js
  let release = () => {};
  if (sphinx && typeof sphinx.performSearch === "function") {
    const original = sphinx.performSearch;
    let pending = null;
    let fallback = false;
    sphinx.performSearch = (...args) => (fallback ? original(...args) : (pending = args));
    release = () => {
      fallback = true;
      if (pending) original(...pending);
    };
  }

  const ready = Promise.all([
    load(new URL("pagefind-ui.css", bundle).href, "css"),
    load(new URL("pagefind-ui.js", bundle).href, "js"),
  ]);
  const start = () => mount() || release();
  ready.then(
    () => (document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", start) : start()),
    () => release(), // no index: Sphinx's search stays
  );
})();
