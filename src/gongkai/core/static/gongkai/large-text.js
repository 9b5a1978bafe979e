/* Large-text mode (大字模式): remembered in the browser, applied before the page is drawn (this file is loaded
   in <head> without defer), and toggled by the header button once the page is there. */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    if (localStorage.getItem("gk-large-text") === "1") { root.classList.add("large-text"); }
  } catch (e) { /* storage refused: the mode is simply not remembered */ }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("large-text-toggle");
    if (!button) { return; }
    function show() { button.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false"); }
    show();
    button.addEventListener("click", function () {
      root.classList.toggle("large-text");
      try { localStorage.setItem("gk-large-text", root.classList.contains("large-text") ? "1" : "0"); } catch (e) { /* idem */ }
      show();
    });
  });
}());
