"""The web pages of ``dateline serve``: Jinja templates rendered from the API's adapter,
and the static files (page scripts, styles, vendored front-end libraries)."""
