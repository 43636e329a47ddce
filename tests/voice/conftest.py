"""The engine tests' session row to write into (the voice runner's store needs one)."""

from tests.engine.conftest import stored_session  # noqa: F401
