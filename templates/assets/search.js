/* Search: Pagefind's interface where it can run; the A–Z index where it cannot.
   Pagefind loads its index with fetch and WebAssembly, which browsers refuse to pages opened
   from disk (file://). There the header's search box gives way to a link to the A–Z index;
   the search page keeps its own link to it, which is also what a browser without JavaScript shows. */
(function () {
  "use strict";
  var fromDisk = window.location.protocol === "file:";
  var form = document.querySelector(".site-search");
  var offline = document.querySelector(".site-search-offline");
  if (fromDisk && form && offline) {
    form.hidden = true;
    offline.hidden = false;
  }
  var box = document.getElementById("search");
  if (!box || fromDisk || typeof window.PagefindUI !== "function") {
    return;
  }
  box.replaceChildren();
  // Pagefind's interface picks its texts and its index by <html lang>.
  var search = new window.PagefindUI({
    element: "#search",
    // The folder of pagefind.js, from the site's root: Pagefind finds the pages' addresses from it.
    bundlePath: new URL(".", new URL(box.dataset.pagefind, window.location.href)).pathname,
    showImages: false,
    showSubResults: true,
    autofocus: true
  });
  // Pagefind labels its field by a title only; the page's heading is the visible label.
  var field = box.querySelector("input");
  if (field) {
    field.setAttribute("aria-labelledby", "search-heading");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    search.triggerSearch(query);
  }
  // Keep the query in the address, so that going back to the page shows the same results.
  box.addEventListener("input", function (event) {
    var value = event.target.value || "";
    window.history.replaceState(null, "", value ? "?q=" + encodeURIComponent(value) : window.location.pathname);
  });
})();
