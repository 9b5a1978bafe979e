/* Large-text mode (大字模式): remembered in the browser, applied before the page is drawn (this file is loaded
   in <head> without defer), and toggled by the header button once the page is there. */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    if (localStorage.getItem("gk-large-text") === "1") { root.classList.add("large-text"); }
  } catch (e) { /* storage refused: the mode is simply not remembered */ }
  document.addEventListener("DOMContentLoaded", function () {
    // The header button and the footer's 无障碍/大字 switch: every .large-text-toggle on the page.
    var buttons = document.querySelectorAll(".large-text-toggle");
    function show() {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false");
      }
    }
    function toggle() {
      root.classList.toggle("large-text");
      try { localStorage.setItem("gk-large-text", root.classList.contains("large-text") ? "1" : "0"); } catch (e) { /* idem */ }
      show();
    }
    show();
    for (var i = 0; i < buttons.length; i++) { buttons[i].addEventListener("click", toggle); }
  });
}());
