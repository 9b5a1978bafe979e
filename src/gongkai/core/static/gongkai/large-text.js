/* The reading modes of every public page: large text (大字模式) and high contrast (高对比度), each remembered in
   the browser and applied before the page is drawn (this file is loaded in <head> without defer), and toggled
   by the buttons once the page is there: the header's 大字模式 and the footer's 无障碍 switches. The buttons are
   hidden until this script runs ("js" on <html>), so a browser without scripts shows no button that does nothing.
   No third-party script: everything is in this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  var MODES = [
    {cls: "large-text", key: "gk-large-text", selector: ".large-text-toggle"},
    {cls: "high-contrast", key: "gk-high-contrast", selector: ".high-contrast-toggle"}
  ];
  root.classList.add("js");
  MODES.forEach(function (mode) {
    try {
      if (localStorage.getItem(mode.key) === "1") { root.classList.add(mode.cls); }
    } catch (e) { /* storage refused: the mode is simply not remembered */ }
  });
  document.addEventListener("DOMContentLoaded", function () {
    MODES.forEach(function (mode) {
      var buttons = document.querySelectorAll(mode.selector);
      function show() {
        var on = root.classList.contains(mode.cls) ? "true" : "false";
        for (var i = 0; i < buttons.length; i++) { buttons[i].setAttribute("aria-pressed", on); }
      }
      function toggle() {
        root.classList.toggle(mode.cls);
        try { localStorage.setItem(mode.key, root.classList.contains(mode.cls) ? "1" : "0"); } catch (e) { /* idem */ }
        show();
      }
      show();
      for (var i = 0; i < buttons.length; i++) { buttons[i].addEventListener("click", toggle); }
    });
  });
}());
