"""The web shell: HTTP API, Gradio chat page, embeddable widget and staff area on one FastAPI app.

    from ui.web import create_app
    app = create_app(assistant, settings)     # uvicorn.run(app)

Everything here only calls the `Assistant`; no parsing or index code is imported.
"""

from ui.web.app import create_app

__all__ = ["create_app"]
