"""The API's documentation at /docs: Swagger UI served by Relais itself, never from a CDN.

The Swagger UI files come from the `swagger-ui-bundle-v2` package (Apache-2.0, Swagger UI's own
dist files) and are mounted under ASSETS; the page runs no inline script (its initializer is
web/static/api-docs.js), so its Content-Security-Policy (web.security.DOCS_POLICY) allows
scripts, styles and requests from the site only. Swagger UI's own labels are made French by
the plugin of web/static/swagger-ui-fr.js (Swagger UI has no translations). "Se connecter"
(Swagger UI's "Authorize") uses the OpenAPI `oauth2` client-credentials scheme or a pasted
`bearer` token (web.deps).
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

DOCS_URL = "/docs"
ASSETS = "/docs/swagger-ui"

PAGE = """<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} · Documentation de l'API</title>
  <link rel="stylesheet" href="{assets}/swagger-ui.css">
  <link rel="icon" type="image/png" href="{assets}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <main id="swagger-ui" data-openapi-url="{openapi_url}"></main>
  <script src="{assets}/swagger-ui-bundle.js"></script>
  <script src="/static/swagger-ui-fr.js"></script>
  <script src="/static/api-docs.js"></script>
</body>
</html>
"""


def docs_page(title: str, openapi_url: str) -> str:
    """The /docs HTML: Swagger UI's stylesheet and bundle from ASSETS, started by api-docs.js
    on the OpenAPI description at `openapi_url`."""
    return PAGE.format(title=escape(title), assets=ASSETS, openapi_url=escape(openapi_url))


def install(app: FastAPI) -> None:
    """Serves /docs and Swagger UI's files on `app` (created with docs_url=None)."""
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="swagger-ui")

    @app.get(DOCS_URL, response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.title, app.openapi_url or "/openapi.json"))
