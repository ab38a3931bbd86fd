// Starts Swagger UI on /docs (web/api_docs.py): a file of the site, since the page's
// Content-Security-Policy runs no inline script. Its labels are French through the
// plugin of web/static/swagger-ui-fr.js.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    domNode: root,
    deepLinking: true,
    layout: "BaseLayout",
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [window.relaisFrenchLabels(root)],
    showExtensions: true,
    showCommonExtensions: true,
    // No badge from the public validator: the page talks to this site only.
    validatorUrl: null,
  });
});
