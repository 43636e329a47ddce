"""Business logic: one module per resource. Knows nothing of Reflex or FastAPI."""
