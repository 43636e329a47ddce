"""The REST API (FastAPI), mounted on Reflex's backend. Routes are thin: they call app/services."""
