"""Starts the example support bot (examples/support_bot.py) for the tests, as CI would start
the agent under test. SUPPORT_BOT_BROKEN=order starts a version that fails order questions."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "support_bot.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def support_bot():
    port, token = _free_port(), "example-token"
    topics = filter(None, os.environ.get("SUPPORT_BOT_BROKEN", "").split(","))
    broken = [arg for topic in topics for arg in ("--broken", topic)]
    process = subprocess.Popen([sys.executable, str(BOT), "--port", str(port), "--token", token, *broken],
                               stdout=subprocess.PIPE, text=True)  # fmt: skip
    process.stdout.readline()  # "support bot on ..." once it listens
    # What mimic.yaml's agent references: ${SUPPORT_BOT_URL} and ${SUPPORT_BOT_TOKEN}.
    os.environ["SUPPORT_BOT_URL"], os.environ["SUPPORT_BOT_TOKEN"] = f"http://127.0.0.1:{port}", token
    yield process
    process.terminate()
    process.wait(timeout=10)
