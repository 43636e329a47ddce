"""For webhook tests: an endpoint on 127.0.0.1 that records the deliveries it gets, and the
verifier README.md documents, run as written."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.settings import PROJECT_ROOT
from tests.support.loopback import LoopbackServer


def readme_verifier():
    """The verification snippet of README.md, run as written."""
    readme = Path(PROJECT_ROOT / "README.md").read_text()
    code = re.search(r"```python\n(.*?def verify_mimic_webhook.*?)```", readme, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    return namespace["verify_mimic_webhook"]


verify = readme_verifier()


class Receiver:
    """An endpoint on 127.0.0.1 that records what it gets; `fail_first` answers 500 to the
    first attempt of each delivery, `hold_first` keeps the first attempt of each delivery
    waiting (in flight) until release(), `status` answers every request with that code."""

    def __init__(self, *, fail_first: bool = False, hold_first: bool = False, status: int = 200) -> None:
        self.fail_first, self.hold_first, self.status = fail_first, hold_first, status
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.released = threading.Event()
        app = FastAPI()

        @app.post("/hook")
        async def hook(request: Request):
            body = await request.body()
            entry = {"headers": httpx.Headers(dict(request.headers)), "body": body, "at": time.time()}
            with self.lock:
                first = all(r["headers"]["x-mimic-delivery"] != entry["headers"]["x-mimic-delivery"]
                            for r in self.requests)  # fmt: skip
                self.requests.append(entry)
            if self.hold_first and first:
                deadline = time.monotonic() + 60
                while not self.released.is_set() and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
                return JSONResponse({"detail": "held"}, status_code=503)
            if self.status != 200 or (self.fail_first and first):
                return JSONResponse({"detail": "not now"}, status_code=self.status if self.status != 200 else 500)
            return {"ok": True}

        self.server = LoopbackServer(app)

    @property
    def url(self) -> str:
        return f"{self.server.url}/hook"

    def release(self) -> None:
        """Lets the held requests answer (503)."""
        self.released.set()

    def events(self) -> list[str]:
        with self.lock:
            return [r["headers"]["x-mimic-event"] for r in self.requests]

    def wait_for(self, predicate, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError(f"not received in time: {self.events()}")

    def __enter__(self) -> Receiver:
        self.server.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
        self.server.__exit__(*exc)
