"""Work handed from worker threads (where the REST routes run) to the backend's event loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.runtime import event_loop


@pytest.fixture
def backend_loop(monkeypatch):
    """A running loop in a thread of its own, bound as the backend's (until the test ends)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(event_loop, "_loop", loop)
    yield loop
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


def test_call_runs_on_the_loop_and_returns_its_result(backend_loop) -> None:
    def on_which_loop() -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    assert event_loop.call(on_which_loop) is backend_loop


def test_call_raises_what_the_function_raised(backend_loop) -> None:
    def fails() -> None:
        raise LookupError("nothing here")

    with pytest.raises(LookupError, match="nothing here"):
        event_loop.call(fails)


def test_posts_run_in_the_order_posted_before_a_later_call(backend_loop) -> None:
    seen: list[int] = []
    for n in range(50):
        event_loop.post(seen.append, n)
    # A call posted afterwards runs after them all.
    assert event_loop.call(lambda: list(seen)) == list(range(50))


def test_on_a_running_loop_it_runs_at_once() -> None:
    async def main() -> list[str]:
        seen: list[str] = []
        event_loop.post(seen.append, "posted")
        seen.append(event_loop.call(lambda: "called"))
        return seen

    assert asyncio.run(main()) == ["posted", "called"]


def test_without_a_running_loop_nothing_is_handed_over(monkeypatch) -> None:
    closed = asyncio.new_event_loop()
    closed.close()
    for bound in (None, closed):
        monkeypatch.setattr(event_loop, "_loop", bound)
        with pytest.raises(event_loop.NoLoop):
            event_loop.call(lambda: None)
        with pytest.raises(event_loop.NoLoop):
            event_loop.post(lambda: None)
