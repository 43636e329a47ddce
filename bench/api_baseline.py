"""Baseline latency of the mounted API's cheapest routes, in process (no network).

Prints p50 / p99 per route over N requests, so later changes to middleware
(auth, rate limits, security headers) show what they cost.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="mimic-bench-"))
os.environ.setdefault("MIMIC_DATABASE_URL", f"sqlite:///{_TMP / 'bench.db'}")

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from app.api.main import create_api  # noqa: E402
from app.settings import PROJECT_ROOT, settings  # noqa: E402

N = 2000


def main() -> None:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", settings.database_url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    client = TestClient(create_api())
    print(f"{'route':<24}{'p50 ms':>10}{'p99 ms':>10}{'req/s':>10}")
    for path in ("/api", "/health", "/api/unknown"):
        for _ in range(50):
            client.get(path)
        samples = []
        start = time.perf_counter()
        for _ in range(N):
            t0 = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - start
        samples.sort()
        p99 = samples[int(len(samples) * 0.99) - 1]
        print(f"{path:<24}{statistics.median(samples):>10.3f}{p99:>10.3f}{N / elapsed:>10.0f}")


if __name__ == "__main__":
    main()
