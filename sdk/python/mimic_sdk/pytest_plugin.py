"""The pytest plugin of Mimic (entry point `mimic`; or `pytest -p mimic_sdk.pytest_plugin`).

    def test_order_status(mimic):
        result = mimic.run(agent="Support bot", persona="Dana (direct, impatient)", objective="Order status")
        assert result            # on failure pytest shows the failed criteria and the transcript

    @pytest.mark.mimic(repeats=5, min_pass_rate=0.8)
    def test_order_status_is_stable(mimic):
        assert mimic.run(agent="Support bot", persona="Sam (polite, patient)", objective="Order status")

    def test_smoke_suite(mimic):
        assert mimic.suite("Support smoke")

Names come from mimic.yaml (`--mimic-file`, default: mimic.yaml in the rootdir), pushed once per
test session; a persona, objective or agent may also be a dict defined in the test. Sessions run
on Mimic's own engine in this process, on a throwaway database (Mimic must be importable), or on
the server at --mimic-url / MIMIC_URL (with --mimic-token / MIMIC_TOKEN or MIMIC_API_KEY).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from mimic_sdk.testing import Backend, ConversationResult, RemoteBackend, RepeatedResult, SuiteResult, wait_run


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mimic", "Mimic: simulated users against your agent")
    group.addoption(
        "--mimic-file", default=None, help="mimic.yaml to push before the tests (default: <rootdir>/mimic.yaml)"
    )
    group.addoption("--mimic-url", default=None, help="Run on this Mimic server (default: MIMIC_URL, else in process)")
    group.addoption("--mimic-token", default=None, help="Token or API key for --mimic-url (default: MIMIC_TOKEN)")
    group.addoption("--mimic-repeat", type=int, default=None, help="Repeat every mimic conversation N times")
    group.addoption("--mimic-seed", type=int, default=None, help="Seed of every mimic session (reproducible offline)")
    group.addoption("--mimic-max-concurrency", type=int, default=None, help="Sessions at once (in-process runs)")
    parser.addini("mimic_file", "mimic.yaml to push before the tests", default="mimic.yaml")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "mimic(repeats=1, min_pass_rate=1.0, seed=None): how often each mimic conversation of the test runs, "
        "and the pass rate it must reach",
    )


def _document_path(config: pytest.Config) -> Path | None:
    given = config.getoption("--mimic-file")
    path = Path(given) if given else Path(config.rootpath) / config.getini("mimic_file")
    if given and not path.is_file():
        raise pytest.UsageError(f"--mimic-file {given}: no such file")
    return path if path.is_file() else None


def _backend(config: pytest.Config) -> Backend:
    url = config.getoption("--mimic-url") or os.environ.get("MIMIC_URL")
    if url:
        from mimic_sdk import MimicClient  # noqa: PLC0415 - the plugin loads light; clients on first use

        token = config.getoption("--mimic-token") or os.environ.get("MIMIC_TOKEN") or os.environ.get("MIMIC_API_KEY")
        return RemoteBackend(MimicClient(url, token))
    try:
        from app.local import EmbeddedBackend  # noqa: PLC0415 - Mimic's engine, only when it runs here
    except ImportError as exc:
        raise pytest.UsageError(
            "Mimic's engine is not importable here: set MIMIC_URL (or --mimic-url) to run on a Mimic server, "
            f"or run pytest with the Mimic project on PYTHONPATH ({exc})"
        ) from exc
    return EmbeddedBackend(max_concurrency=config.getoption("--mimic-max-concurrency"))


@pytest.fixture(scope="session")
def mimic_backend(pytestconfig: pytest.Config):
    """The backend of the test session, with mimic.yaml pushed into it."""
    backend = _backend(pytestconfig)
    path = _document_path(pytestconfig)
    if path is not None:
        import yaml  # noqa: PLC0415

        backend.push(yaml.safe_load(path.read_text()), os.environ)
    yield backend
    backend.close()


class Mimic:
    """The `mimic` fixture: runs conversations and suites, returns their results."""

    def __init__(self, backend: Backend, *, repeats: int | None, min_pass_rate: float, seed: int | None) -> None:
        self.results: list[ConversationResult | RepeatedResult | SuiteResult] = []
        self.backend = backend
        self.repeats = repeats
        self.min_pass_rate = min_pass_rate
        self.seed = seed

    def _named(self, kind: str, item: str | dict[str, Any]) -> str:
        """A name, or an item defined in the test (pushed under a name made from its content)."""
        if isinstance(item, str):
            return item
        digest = hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()[:10]
        defined = {"name": f"pytest {kind} {digest}", **item}
        self.backend.push({"version": 1, f"{kind}s": [defined]}, os.environ)
        return defined["name"]

    def run(self, *, agent: str | dict, persona: str | dict, objective: str | dict, repeats: int | None = None,
            min_pass_rate: float | None = None, seed: int | None = None, model: str | None = None,
            judge_model: str | None = None,
            max_messages: int | None = None) -> ConversationResult | RepeatedResult:  # fmt: skip
        """One conversation (or `repeats` of them, seeds seed..seed+repeats-1)."""
        names = {"agent": self._named("agent", agent), "persona": self._named("persona", persona),
                 "objective": self._named("objective", objective)}  # fmt: skip
        count = repeats or self.repeats or 1
        base_seed = seed if seed is not None else self.seed
        llm_config = {k: v for k, v in {"model": model, "judgeModel": judge_model}.items() if v}
        results = []
        for repeat in range(count):
            config = {k: v for k, v in {"maxMessages": max_messages,
                                        "seed": None if base_seed is None else base_seed + repeat}.items()
                      if v is not None}  # fmt: skip
            session = self.backend.run_conversation(**names, config=config, llm_config=llm_config)
            results.append(ConversationResult(session))
        if count == 1 and repeats is None and self.repeats is None:
            self.results.append(results[0])
            return results[0]
        repeated = RepeatedResult(results, min_pass_rate if min_pass_rate is not None else self.min_pass_rate)
        self.results.append(repeated)
        return repeated

    def suite(self, name: str, *, repeats: int | None = None, seed: int | None = None,
              personas: list[str] | None = None, objectives: list[str] | None = None,
              min_pass_rate: float | None = None, timeout: float = 3600) -> SuiteResult:  # fmt: skip
        overrides = {k: v for k, v in {"repeats": repeats or self.repeats, "seed": seed if seed is not None
                                       else self.seed, "personas": personas, "objectives": objectives}.items()
                     if v is not None}  # fmt: skip
        run = wait_run(self.backend, self.backend.start_suite(name, overrides), timeout=timeout)
        result = SuiteResult(run, self.backend.run_report(run["id"]),
                             min_pass_rate if min_pass_rate is not None else self.min_pass_rate)  # fmt: skip
        self.results.append(result)
        return result


@pytest.fixture
def mimic(request: pytest.FixtureRequest, mimic_backend: Backend) -> Mimic:
    marker = request.node.get_closest_marker("mimic")
    options = dict(marker.kwargs) if marker else {}
    repeats = request.config.getoption("--mimic-repeat") or options.get("repeats")
    seed = request.config.getoption("--mimic-seed")
    return Mimic(
        mimic_backend, repeats=repeats, min_pass_rate=float(options.get("min_pass_rate", 1.0)),
        seed=seed if seed is not None else options.get("seed"),
    )  # fmt: skip


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A failed test shows, whole, every Mimic result of it that did not pass: the failed
    criteria with the judge's reasoning, the findings and the transcript."""
    report = yield
    fixture = getattr(item, "funcargs", {}).get("mimic")
    if report.failed and isinstance(fixture, Mimic):
        failing = [r.explain() for r in fixture.results if not r]
        if failing:
            report.sections.append(("Mimic: what did not pass", "\n\n".join(failing)))
    return report
