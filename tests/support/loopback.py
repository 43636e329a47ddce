"""Real servers on 127.0.0.1 for the tests: any ASGI app served by uvicorn in a thread."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

GRACE_S = 1.0


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class LoopbackServer:
    """`with LoopbackServer(app) as server: server.url` — started on a free port, stopped on exit.
    `host` may be any address of 127.0.0.0/8 (Linux answers them all on the loopback device)."""

    def __init__(self, app, *, ws: str = "websockets-sansio", host: str = "127.0.0.1") -> None:
        self.port = free_port(host)
        self.url = f"http://{host}:{self.port}"
        self.ws_url = f"ws://{host}:{self.port}"
        config = uvicorn.Config(app, host=host, port=self.port, log_level="warning", ws=ws, lifespan="auto")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the loopback server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        # Answers under way get a second to finish; then the server stops without waiting for
        # the rest (a bot holding a request open for minutes, as the tests of slow agents make
        # them, would otherwise hold the test for uvicorn's whole graceful shutdown).
        self.server.should_exit = True
        self.thread.join(timeout=GRACE_S)
        self.server.force_exit = True
        self.thread.join(timeout=10)


class DroppingServer:
    """A TCP server on 127.0.0.1 that accepts each connection and closes it at once,
    answering nothing: a target that drops the connection."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.accepted = 0
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self.sock.settimeout(0.1)
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def __enter__(self) -> DroppingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop = True
        self.thread.join(timeout=5)
        self.sock.close()
