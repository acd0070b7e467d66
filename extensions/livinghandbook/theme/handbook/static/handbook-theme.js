/* The handbook theme's only script: the menu button that opens and closes the navigation
 * on narrow screens, and the column names a table shows as a card on a phone. Without
 * JavaScript the navigation is simply shown above the page and tables scroll in their box. */
(function () {
  "use strict";
  var button = document.querySelector(".hb-menu-button");
  var drawer = document.getElementById("hb-drawer");
  if (!button || !drawer) return;
  button.hidden = false;
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    drawer.classList.toggle("hb-open", open);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      set(false);
      button.focus();
    }
  });
})();

/* Tables as cards on a phone (handbook-theme.css): each cell gets its column's name, shown
 * above its value, and the table and its parts get their ARIA roles, which keep it a table
 * to screen readers when the cards display its parts as blocks. Done here rather than in
 * every page's HTML: on a large handbook those attributes were a tenth of the pages. */
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.handbook-table:not(.handbook-matrix)");
  Array.prototype.forEach.call(tables, function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      th.setAttribute("role", "columnheader");
      return th.textContent.trim();
    });
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (row) {
      row.setAttribute("role", "row");
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, column) {
        cell.setAttribute("role", "cell");
        cell.setAttribute("data-label", names[column] || "");
      });
    });
    table.classList.add("hb-cards");
  });
})();
