"""Builds the Reflex app, mounts the REST API on its backend and registers the pages."""

# plotly imports pandas lazily while the event loop serializes a chart; loaded here, once, so a
# worker thread's first import (auth checks run in threads) never races it to a half-made module.
import pandas  # noqa: F401
import reflex as rx

from app.api.main import create_api
from app.runtime import execution
from app.services import calibrations, voice
from app.services.webhooks import dispatcher as webhook_dispatcher
from app.ui.pages import register_pages
from app.ui.theme import theme

app = rx.App(
    api_transformer=create_api(),
    theme=theme,
    head_components=[rx.el.link(rel="icon", href="/favicon.ico")],
    # Global rules the components' props cannot say (phones, long words): assets/mimic.css.
    stylesheets=["/mimic.css"],
)
register_pages(app)
# Sessions the last process left running end as interrupted, transcripts intact (with several
# processes: when their worker's lease runs out); sessions that were waiting run; runs settle.
app.register_lifespan_task(execution.recover_on_start)
# Webhook deliveries left pending by the last process are retried from the start.
app.register_lifespan_task(webhook_dispatcher.start_with_backend)
# Call recordings older than the audio retention are deleted (hourly).
app.register_lifespan_task(voice.purge_forever)
# Calibration reports the last process left running end as interrupted.
app.register_lifespan_task(calibrations.recover_with_backend)
