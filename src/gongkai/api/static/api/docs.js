// Starts Swagger UI from the settings the page carries (no inline script: the CSP refuses it).
(function () {
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrf = document.body.dataset.csrfToken;
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis];
  config.requestInterceptor = function (req) {
    if (csrf) { req.headers["X-CSRFToken"] = csrf; }
    return req;
  };
  window.ui = SwaggerUIBundle(config);
})();
