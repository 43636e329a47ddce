"""Builds the Reflex app, mounts the REST API on its backend and registers the pages."""

# plotly imports pandas lazily while the event loop serializes a chart; loaded here, once, so a
# worker thread's first import (auth checks run in threads) never races it to a half-made module.
import pandas  # noqa: F401
import reflex as rx

from app.api.main import create_api
from app.services import lifecycle
from app.ui.pages import register_pages
from app.ui.theme import theme

app = rx.App(
    api_transformer=create_api(lifespan=False),
    theme=theme,
    head_components=[rx.el.link(rel="icon", href="/favicon.ico")],
    # Global rules the components' props cannot say (phones, long words): assets/mimic.css.
    stylesheets=["/mimic.css"],
)
register_pages(app)
# The backend's chores from start-up to shut-down, as every backend runs them (app/services/lifecycle.py).
app.register_lifespan_task(lifecycle.backend)
