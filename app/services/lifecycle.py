"""What each kind of process runs from its start to its stop, in one place.

- the backend (the Reflex app, and the bare API app `create_api` that the scaled topology and
  the tests serve with uvicorn): `backend()`, its FastAPI lifespan and Reflex lifespan task alike;
- a queue worker (`make worker`, app/worker.py): WORKER_CHORES, started and stopped by taskiq's
  worker events.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from app.runtime import execution, lifecycle
from app.runtime.lifecycle import Chore
from app.services import calibrations, runs, sessions, voice, webhooks  # noqa: F401 - runs/sessions serve the runtime

BACKEND_CHORES = (
    # Sessions the last process left running end as interrupted, transcripts intact (with several
    # processes: when their worker's lease runs out); sessions that were waiting run; runs settle.
    Chore("recover-sessions", execution.recover_on_start),
    # Webhook deliveries: recorded from the bus, sent, retried (pending ones after a restart too).
    Chore("webhook-dispatcher", webhooks.dispatcher.run),
    # Call recordings older than the audio retention are deleted (hourly).
    Chore("audio-retention", voice.purge_forever),
    # Calibration reports the last process left running end as interrupted.
    Chore("recover-calibrations", calibrations.recover_with_backend),
)

WORKER_CHORES = (
    Chore("announce-worker", execution.announce_forever),
    Chore("reap-expired", execution.reap_forever),
)


@asynccontextmanager
async def backend(*_: Any, **__: Any) -> AsyncIterator[None]:
    """The backend's lifespan (FastAPI passes the app; Reflex passes nothing)."""
    async with lifecycle.running(BACKEND_CHORES):
        yield
