// The partnership register's tables, sortable by any column. Only an enhancement: without script the
// rows come in the order the build chose, which the line above each table names. Each cell's
// data-sort value (a name, or a date as YYYY-MM-DD) sorts; a second click on a heading reverses.
"use strict";
(function () {
  function sortBy(table, column, heading) {
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var lang = document.documentElement.lang;
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent;
      var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent;
      var order = x.localeCompare(y, lang);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (heading.firstChild) { button.appendChild(heading.firstChild); }
      heading.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, heading); });
    });
  });
})();
