"""Browser sessions: Mimic's cost per action, and memory per concurrent session.

1. Time per action: the same 11 actions (the shop's purchase path: open the products,
   the jacket, choose a size, add to cart, checkout, fill four fields, place the order) done
   with bare Playwright, and done by a Mimic browser session whose persona is a stub LLM
   that answers each step at once (a litellm custom provider, through the real litellm code
   path). Everything else is Mimic's: the ARIA snapshot per step, the prompt, the
   structured-output parsing, the origin filter on every request, a screenshot per step,
   axe-core on each new page, the link checks, the Playwright trace, a SQLite commit per
   event, artifact and finding, the judge. Printed with the ratio, and again with the
   optional measurements off (screenshots, trace, axe, link checks) to show what they cost.
2. Memory per concurrent browser session at 1, 5 and 20 sessions: N sessions at once in the
   one shared Chromium (a context each), the stub persona thinking 0.5 s per step; the peak
   memory of this Python process plus every browser process (RSS, and PSS, which splits
   shared pages fairly between processes) minus the idle baseline (Python + a launched
   browser with no context), divided by N.
3. Tasks the offline explorer (mimic/offline, no key) completes on an ordinary site it was not
   written for (tests/support/everyday.py): a keyboard-driven todo list, a survey form, a fact on
   a page reached by a relative link, and a survey whose server refuses every answer (completed
   = never claimed done). Each checked against the site's own state, not the session's word.
4. Findings per page of that site before and after its defects are repaired (/before/ and
   /after/): the same exploring visit of each version, compared page by page by path.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="mimic-bench-browser-"))
os.environ["MIMIC_DATABASE_URL"] = f"sqlite:///{_TMP / 'browser.db'}"
os.environ["MIMIC_DATA_DIR"] = str(_TMP / "data")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("MIMIC_SECRET_KEY", "bench-secret-key-bench-secret-key-0000")
os.environ.setdefault("MIMIC_OUTBOUND_ALLOW", "loopback")  # the shop and the ordinary site are on 127.0.0.1

import litellm  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from litellm import CustomLLM  # noqa: E402
from litellm.types.utils import ChatCompletionMessageToolCall, Function, Message, ModelResponse, Usage  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

import app.llm  # noqa: E402,F401  (registers the mimic provider first)
from app.browser import CHROMIUM_ARGS, CHROMIUM_PATH, SharedBrowser  # noqa: E402
from app.db import session_scope  # noqa: E402
from app.engine.browser_runner import BrowserOptions, BrowserSessionRunner  # noqa: E402
from app.engine.bus import InMemoryBus  # noqa: E402
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan  # noqa: E402
from app.engine.targets import TargetSpec  # noqa: E402
from app.models import Agent, Objective, Persona, SimSession, Workspace  # noqa: E402
from app.services.browser_pages import compare_pages  # noqa: E402
from app.services.session_store import DatabaseSessionStore  # noqa: E402
from app.settings import PROJECT_ROOT, settings  # noqa: E402
from tests.support.browsing import PURCHASE  # noqa: E402
from tests.support.everyday import everyday_site  # noqa: E402
from tests.support.loopback import LoopbackServer  # noqa: E402
from tests.support.shop import shop_site  # noqa: E402

ROUNDS = 5
THINK = {"seconds": 0.0}


class StubPersona(CustomLLM):
    """Plays the purchase path (one scripted step per call, refs read from the snapshot)
    and the browser judge's two passes, at once or after THINK seconds."""

    async def acompletion(self, *args, **kwargs) -> ModelResponse:
        if THINK["seconds"]:
            await asyncio.sleep(THINK["seconds"])
        tool = kwargs["optional_params"]["tool_choice"]["function"]["name"]
        user = kwargs["messages"][-1]["content"]
        if tool == "browser_action":
            step = int(re.search(r"^Step (\d+) of", user, re.M).group(1))
            snapshot = re.search(r"```aria\n(.*?)\n```", user, re.S).group(1)
            arguments = PURCHASE[min(step, len(PURCHASE)) - 1](snapshot)
        elif tool == "submit_browser_findings":  # the browser judge's audit: nothing to report
            arguments = {"findings": []}
        else:  # the browser judge's verdict: the last step shows it
            visit = json.loads(user[user.index("<visit>") + len("<visit>") : user.rindex("</visit>")])
            last = visit["steps"][-1]["id"]
            criterion = {"index": 0, "criterion": "c", "evidenceStepIds": [last], "reasoning": "ok", "status": "met"}
            arguments = {"criteria": [criterion], "simulator": {"verdict": "fair"}, "summary": "ok"}
        call = ChatCompletionMessageToolCall(id="call_1", type="function",
                                             function=Function(name=tool, arguments=json.dumps(arguments)))  # fmt: skip
        return ModelResponse(
            model="bench/stub",
            choices=[{"index": 0, "finish_reason": "tool_calls",
                      "message": Message(role="assistant", content=None, tool_calls=[call])}],
            usage=Usage(prompt_tokens=1000, completion_tokens=60, total_tokens=1060),
        )  # fmt: skip


def _setup_database() -> tuple[str, str, str, str]:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", settings.database_url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    with session_scope() as db:
        workspace = Workspace(name="bench", slug=f"bench-{os.getpid()}")
        db.add(workspace)
        db.flush()
        agent = Agent(workspace_id=workspace.id, name="shop", type="browser", config={})
        persona = Persona(workspace_id=workspace.id, name="Dana Kelly")
        objective = Objective(workspace_id=workspace.id, name="buy", definition={"goal": "buy"})
        db.add_all([agent, persona, objective])
        db.flush()
        return workspace.id, agent.id, persona.id, objective.id


def _new_session(ids: tuple[str, str, str, str]) -> str:
    workspace_id, agent_id, persona_id, objective_id = ids
    with session_scope() as db:
        row = SimSession(workspace_id=workspace_id, agent_id=agent_id, persona_id=persona_id, objective_id=objective_id)
        db.add(row)
        db.flush()
        return row.id


def _plan(session_id: str, workspace_id: str, url: str) -> SessionPlan:
    return SessionPlan(
        session_id=session_id,
        workspace_id=workspace_id,
        persona=PersonaSnapshot(name="Dana Kelly"),
        objective=ObjectiveSnapshot(
            name="buy", goal="Buy the trail jacket", success_criteria=["Purchase complete"], max_actions=len(PURCHASE)
        ),  # fmt: skip
        target=TargetSpec(
            "agent",
            "browser",
            {
                "targetUrl": url + "/",
                "allowedOrigins": [url],
                "timeoutSeconds": 30,
                "viewport": {"width": 1280, "height": 800},
            },
        ),  # fmt: skip
        limits=SessionLimits(duration_s=600),
        simulator=ModelChoice("benchstub/persona"),
        judge=ModelChoice("benchstub/judge"),
    )


async def _bare_playwright(url: str) -> float:
    """The same actions with Playwright alone: seconds per action (median of ROUNDS)."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            context = await browser.new_context(viewport={"width": 1280, "height": 800})
            page = await context.new_page()
            await page.goto(url + "/")
            await page.get_by_role("link", name="Products", exact=True).click()
            await page.get_by_role("link", name="Trail Jacket, waterproof, 99 EUR").click()
            await page.get_by_role("combobox", name="Size").select_option("M")
            await page.get_by_role("button", name="Add to cart").click()
            await page.get_by_role("link", name="Checkout").click()
            await page.get_by_role("textbox", name="Full name").fill("Dana Kelly")
            await page.get_by_role("textbox", name="Email").fill("dana@example.com")
            await page.get_by_role("textbox", name="Delivery address").fill("12 Main Street, Galway")
            await page.get_by_role("textbox", name="Card number").fill("4242 4242 4242 4242")
            await page.get_by_role("button", name="Place order").click()
            await page.get_by_text("Purchase complete").first.wait_for()
            await context.close()
            times.append((time.perf_counter() - started) / len(PURCHASE))
        await browser.close()
    return statistics.median(times)


async def _mimic(url: str, ids, browser: SharedBrowser, options: BrowserOptions) -> float:
    times = []
    for _ in range(ROUNDS):
        session_id = _new_session(ids)
        plan = _plan(session_id, ids[0], url)
        store = DatabaseSessionStore(session_id, ids[0])
        started = time.perf_counter()
        outcome = await BrowserSessionRunner(plan, store, InMemoryBus(), options=options, browser=browser).run()
        times.append((time.perf_counter() - started) / len(PURCHASE))
        assert outcome == "passed", outcome
    return statistics.median(times)


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _memory_mb() -> tuple[float, float]:
    """(RSS, PSS) in MB of this process and all its descendants (the browser's processes)."""
    rss = pss = 0
    for pid in [os.getpid(), *_descendants(os.getpid())]:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


async def _memory_at(count: int, url: str, ids, baseline: tuple[float, float]) -> tuple[float, float, float]:
    browser = SharedBrowser()
    await browser.browser()
    await asyncio.sleep(0.5)
    idle = _memory_mb()
    peak = [0.0, 0.0]
    done = asyncio.Event()

    async def sample() -> None:
        while not done.is_set():
            rss, pss = _memory_mb()
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            await asyncio.sleep(0.2)

    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    runs = []
    for _ in range(count):
        session_id = _new_session(ids)
        store = DatabaseSessionStore(session_id, ids[0])
        runs.append(BrowserSessionRunner(_plan(session_id, ids[0], url), store, InMemoryBus(), browser=browser).run())
    outcomes = await asyncio.gather(*runs)
    elapsed = time.perf_counter() - started
    done.set()
    await sampler
    await browser.close()
    assert all(o == "passed" for o in outcomes), outcomes
    return (peak[0] - idle[0]) / count, (peak[1] - idle[1]) / count, elapsed


TASKS = [
    ("todo list (type + Enter, tick one)",
     'Add the todos "Buy milk" and "Walk the dog" to my todo list, then mark "Buy milk" as done.',
     ["The todo list shows both items, with “Buy milk” done"], [],
     lambda state: state["todos"] == [{"title": "Buy milk", "done": True}, {"title": "Walk the dog", "done": False}]),
    ("survey form (radios, select, email, number, pattern)", "Answer the member survey and send it.",
     ["The site confirms that the survey answers were received"], ["survey"],
     lambda state: len(state["submissions"]) == 1 and not state["refused"]),
    ("a fact behind a relative link", "Find out in which town the club is.",
     ["The site says the club is in Galway"], ["about", "club"], lambda state: True),
]  # fmt: skip


def _offline_plan(session_id: str, workspace_id: str, url: str, goal: str, criteria: list[str],
                  keywords: list[str], patience: str = "medium", max_actions: int = 20) -> SessionPlan:  # fmt: skip
    return SessionPlan(
        session_id=session_id, workspace_id=workspace_id,
        persona=PersonaSnapshot(name="Dana Kelly", traits={"patience_level": patience}),
        objective=ObjectiveSnapshot(name="task", goal=goal, success_criteria=criteria, keywords=keywords,
                                    max_actions=max_actions),
        target=TargetSpec("agent", "browser", {"targetUrl": url, "allowedOrigins": [url.split("/before")[0]
                                                                                      .split("/after")[0]],
                                                "timeoutSeconds": 30}),
        limits=SessionLimits(duration_s=300, seed=1), simulator=ModelChoice("mimic/offline"),
        judge=ModelChoice("mimic/offline"),
    )  # fmt: skip


async def _run_offline(ids, browser: SharedBrowser, plan: SessionPlan) -> tuple[str, int, float]:
    store = DatabaseSessionStore(plan.session_id, ids[0])
    started = time.perf_counter()
    await BrowserSessionRunner(plan, store, InMemoryBus(), browser=browser).run()
    with session_scope() as db:
        row = db.get(SimSession, plan.session_id)
        return row.end_reason or "", row.action_count, time.perf_counter() - started


async def _tasks_and_pages(ids) -> None:
    browser = SharedBrowser()
    print("\nTasks completed by the offline explorer on a site it was not written for (tests/support/everyday.py)")
    completed = 0
    for name, goal, criteria, keywords, check in TASKS:
        state: dict = {}
        with LoopbackServer(everyday_site(state)) as site:
            plan = _offline_plan(_new_session(ids), ids[0], site.url + "/before/index.html", goal, criteria, keywords)
            reason, actions, seconds = await _run_offline(ids, browser, plan)
        ok = reason == "goal_met" and check(state["before"])
        completed += ok
        print(f"  {'done  ' if ok else 'FAILED'} {name:55s} {actions:3d} actions  {seconds:5.1f} s  ({reason})")
    state = {}
    with LoopbackServer(everyday_site(state, fail_submissions=True)) as site:
        plan = _offline_plan(_new_session(ids), ids[0], site.url + "/before/survey.html", TASKS[1][1], TASKS[1][2],
                             TASKS[1][3])  # fmt: skip
        reason, actions, seconds = await _run_offline(ids, browser, plan)
    ok = reason != "goal_met" and not state["before"]["submissions"]
    completed += ok
    print(f"  {'done  ' if ok else 'FAILED'} {'a refused survey is not claimed done':55s} {actions:3d} actions  "
          f"{seconds:5.1f} s  ({reason}, {len(state['before']['refused'])} tries)")  # fmt: skip
    print(f"  {completed} of {len(TASKS) + 1} tasks completed")

    print("\nFindings per page of the same site, before and after its defects are repaired (one exploring visit "
          "of each version, high patience)")  # fmt: skip
    sessions: dict[str, str] = {}
    with LoopbackServer(everyday_site({})) as site:
        for version in ("before", "after"):
            plan = _offline_plan(_new_session(ids), ids[0], f"{site.url}/{version}/index.html",
                                 "Find the club's opening hours.", ["The site shows the opening hours"], ["hours"],
                                 patience="high", max_actions=25)  # fmt: skip
            await _run_offline(ids, browser, plan)
            sessions[version] = plan.session_id
    await browser.close()
    with session_scope() as db:
        compared = compare_pages(db, [sessions["before"]], [sessions["after"]])
    print(f"  {'page':16s} {'before':>7s} {'after':>7s}   rules fixed")
    for row in sorted(compared.pages, key=lambda r: r.key):
        before = row.baseline.findings if row.baseline else 0
        after = row.current.findings if row.current else 0
        print(f"  {row.key:16s} {before:7d} {after:7d}   {', '.join(row.fixed)}")
    print(f"  {'all pages':16s} {compared.baseline_findings:7d} {compared.current_findings:7d}")


async def main() -> None:
    litellm.custom_provider_map = [*litellm.custom_provider_map, {"provider": "benchstub",
                                                                  "custom_handler": StubPersona()}]  # fmt: skip
    ids = _setup_database()
    with LoopbackServer(shop_site()) as shop:
        print(f"Time per action ({len(PURCHASE)} actions of the shop's purchase path, median of {ROUNDS} runs; "
              "the stub persona answers at once)")  # fmt: skip
        bare = await _bare_playwright(shop.url)
        browser = SharedBrowser()
        await _mimic(shop.url, ids, browser, BrowserOptions())  # warm-up: launch, first axe read
        full = await _mimic(shop.url, ids, browser, BrowserOptions())
        lean = await _mimic(shop.url, ids, browser, BrowserOptions(record_screenshots=False, trace=False,
                                                                   accessibility=False, check_links=False))  # fmt: skip
        await browser.close()
        print(f"  bare Playwright                                   {bare * 1000:8.1f} ms/action")
        print(f"  Mimic, everything measured (default)              {full * 1000:8.1f} ms/action"
              f"   ratio {full / bare:5.2f}x")  # fmt: skip
        print(f"  Mimic, no screenshots/trace/axe/link checks       {lean * 1000:8.1f} ms/action"
              f"   ratio {lean / bare:5.2f}x")  # fmt: skip

        THINK["seconds"] = 0.5
        baseline = _memory_mb()
        print("\nMemory per concurrent browser session (one shared Chromium, a context each; "
              "Python + browser processes, peak minus idle)")  # fmt: skip
        print(f"  idle Python process: RSS {baseline[0]:.0f} MB, PSS {baseline[1]:.0f} MB")
        for count in (1, 5, 20):
            rss, pss, elapsed = await _memory_at(count, shop.url, ids, baseline)
            print(f"  {count:3d} sessions: {rss:7.1f} MB RSS/session   {pss:7.1f} MB PSS/session"
                  f"   ({elapsed:.1f} s for all)")  # fmt: skip
    THINK["seconds"] = 0.0
    await _tasks_and_pages(ids)
    sys.stdout.flush()


if __name__ == "__main__":
    if "--tasks" in sys.argv:  # only parts 3 and 4
        asyncio.run(_tasks_and_pages(_setup_database()))
    else:
        asyncio.run(main())
