"""The HTTP API of ``dateline serve`` (FastAPI): ``dateline.api.app.create_app``.

Kept free of imports so that ``dateline.web`` can use the adapter without a cycle."""
