/* The handbook theme's only script: the menu button that opens and closes the navigation
 * on narrow screens. Without JavaScript the navigation is simply shown above the page. */
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
