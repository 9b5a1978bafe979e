/* A <select data-autosubmit> sends its form as soon as it changes (the form keeps a submit button for
   keyboards and for browsers without JavaScript). No inline handlers: the Content-Security-Policy forbids them. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) { field.form.submit(); }
  });
}());
