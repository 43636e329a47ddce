"""The pytest plugin (entry point `mimic` of mimic-sdk) on the examples in examples/pytest/, run
by pytest as a user would (a pytest session of its own, in this process: a process start costs
seconds): all pass against the example bot on Mimic's engine in the process; against a broken
version, run on the shared Mimic server (--mimic-url), the order test fails with a message that
names the failed criterion and whose it is and shows the transcript. The results' messages for
sessions the judge could not decide or the simulator spoiled say they do not count against the
agent."""

from __future__ import annotations

import pytest
from mimic_sdk import MimicClient
from mimic_sdk.pytest_plugin import Mimic
from mimic_sdk.testing import RemoteBackend, RepeatedResult

# Imported before the inner sessions: pytester drops the modules a session imported when it ends,
# and the models' tables cannot be defined twice in one process.
import app.local  # noqa: F401
from app.settings import PROJECT_ROOT, settings
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub
from tests.support.suites import OBJECTIVES, PERSONAS, UNDECIDABLE_OBJECTIVE, topic_bot, wandering_persona

pytest_plugins = ["pytester"]


def _pytest(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, *args: str, **env: str):
    """`pytest -p mimic examples/pytest ARGS` with `env`: its own session, in this process."""
    # The examples' conftest sets the bot's variables: set here first, so they are put back after.
    for name in ("MIMIC_URL", "MIMIC_TOKEN", "SUPPORT_BOT_BROKEN", "SUPPORT_BOT_URL", "SUPPORT_BOT_TOKEN"):
        monkeypatch.setenv(name, env.get(name, ""))
    database = settings.database_url
    result = pytester.runpytest_inprocess("-p", "mimic", "-p", "no:cacheprovider", "-q",
                                          str(PROJECT_ROOT / "examples" / "pytest"), *args)  # fmt: skip
    assert settings.database_url == database  # the plugin's engine put back what it changed
    return result


def test_the_examples_pass_against_the_example_bot(pytester, monkeypatch) -> None:
    result = _pytest(pytester, monkeypatch)  # no MIMIC_URL: Mimic's engine in the pytest process
    output = result.stdout.str()
    assert result.ret == 0, output[-3000:] + result.stderr.str()[-2000:]
    assert "4 passed" in output


def test_a_failing_example_reads_well_on_a_mimic_server(pytester, monkeypatch, live_api, make_account) -> None:
    account = make_account()
    result = _pytest(pytester, monkeypatch, "-k", "dana or opening_hours_every_time", "--mimic-url", live_api.url,
                     MIMIC_TOKEN=account.token, SUPPORT_BOT_BROKEN="order")  # fmt: skip
    output = result.stdout.str()
    assert result.ret == 1, output[-3000:]
    assert "1 failed, 1 passed" in output
    # The assertion line names the criterion and whose the failure is; the section has the
    # reasoning and the numbered transcript.
    assert "failed (blame: agent): not_met: The agent gives the delivery date of order A-10482>" in output
    assert "Mimic: what did not pass" in output
    assert "✗ [not_met] The agent gives the delivery date of order A-10482 (blame: agent" in output
    assert "transcript:" in output and "#2 agent: Sorry, I cannot help with that." in output


@pytest.fixture
def mimic_on_server(live_api, make_account):
    """The plugin's `mimic` fixture object on the shared Mimic server, with a small library."""
    account = make_account()
    with LoopbackServer(topic_bot({})) as bot, MimicClient(live_api.url, account.token) as client:
        backend = RemoteBackend(client)
        backend.push({"version": 1, "personas": [PERSONAS[0]], "objectives": [OBJECTIVES[0], UNDECIDABLE_OBJECTIVE],
                      "agents": [{"name": "Topic bot", "type": "http",
                                  "config": {"url": f"{bot.url}/chat", "replyPath": "data.reply"}}]}, {})  # fmt: skip
        yield Mimic(backend, repeats=None, min_pass_rate=1.0, seed=None)


def test_undecided_and_spoiled_sessions_say_they_do_not_count_against_the_agent(mimic_on_server, monkeypatch) -> None:
    mimic, dana = mimic_on_server, PERSONAS[0]["name"]
    passed = mimic.run(agent="Topic bot", persona=dana, objective="Order status", seed=1)
    assert passed and passed.counts_against_agent is False and passed.blame is None

    # No check decides the criterion and the offline judge cannot tell: inconclusive, the judge's.
    undecided = mimic.run(agent="Topic bot", persona=dana, objective="Returns", seed=1)
    assert not undecided and (undecided.outcome, undecided.blame) == ("inconclusive", "judge")
    assert not undecided.counts_against_agent and undecided.criteria[0].blame == "judge"
    assert repr(undecided) == (f"<Mimic session {undecided.id} inconclusive (blame: judge) — not counted against the "
                               "agent: inconclusive: The agent explains how to return a parcel>")  # fmt: skip
    explained = undecided.explain()
    assert "— inconclusive (blame: judge) — not counted against the agent" in explained
    assert "? [inconclusive] The agent explains how to return a parcel (blame: judge)" in explained
    assert "#1 persona: " in explained

    # The simulator (a scripted model on 127.0.0.1) leaves its objective: spoiled, the simulator's.
    with OpenAIStub(script=wandering_persona, required_key="sk-persona") as persona_model:
        monkeypatch.setenv("OPENAI_API_BASE", persona_model.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-persona")
        spoiled = mimic.run(agent="Topic bot", persona=dana, objective="Order status", model="openai/gpt-4o-mini")
    assert (spoiled.outcome, spoiled.blame, spoiled.counts_against_agent) == ("simulator_error", "simulator", False)
    assert spoiled.criteria[0].blame == "simulator"
    assert repr(spoiled).endswith("simulator_error (blame: simulator) — not counted against the agent: not_met: "
                                  "The agent gives the delivery date of order A-10482>")  # fmt: skip

    # Repeats: the pass rate counts passed and failed sessions only; the others are listed apart.
    repeated = RepeatedResult([passed, undecided, spoiled])
    assert repeated and repeated.pass_rate == 1.0 and len(repeated.set_apart) == 2
    assert repr(repeated) == ("<Mimic: 1/1 repeats passed (100.0%; at least 100.0% wanted; set apart: 1 inconclusive, "
                              "1 simulator_error)>")  # fmt: skip
