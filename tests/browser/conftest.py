"""Browser sessions against the shop site (tests/support/shop.py) on 127.0.0.1, in the
system Chromium, with the real database store."""

from __future__ import annotations

import pytest
import pytest_asyncio

from app.browser import SharedBrowser
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan
from app.engine.targets import TargetSpec
from app.models.agent_config import BrowserAgentConfig
from tests.support.loopback import LoopbackServer
from tests.support.shop import shop_site, tracker_site

OFFLINE = ModelChoice("mimic/offline")
PURCHASE_GOAL = "Buy a Trail Jacket in size M and pay for it."
PURCHASE_CRITERIA = ["The shop shows that the purchase is complete"]
PURCHASE_KEYWORDS = ["products", "jacket", "cart", "checkout", "order"]
# The objective's own check decides its criterion where the offline judge cannot tell.
PURCHASE_CHECKS = [{"type": "contains", "value": "Purchase complete", "criterion": 0}]


class Shop:
    def __init__(self, url: str, state: dict, tracker_url: str, tracker_state: dict) -> None:
        self.url, self.state, self.tracker_url, self.tracker_state = url, state, tracker_url, tracker_state


@pytest.fixture
def shop():
    """A fresh shop (empty cart) whose home page loads a pixel from another origin."""
    state: dict = {}
    tracker_state: dict = {}
    with LoopbackServer(tracker_site(tracker_state)) as tracker:
        with LoopbackServer(shop_site(state, tracker_url=tracker.url, slow_s=3.0)) as server:
            yield Shop(server.url, state, tracker.url, tracker_state)


# The tests that use `browser` run on one event loop for this folder (Playwright's objects
# belong to the loop that made them): mark them with this.
ON_THE_BROWSERS_LOOP = pytest.mark.asyncio(loop_scope="package")


@pytest_asyncio.fixture(scope="package", loop_scope="package")
async def browser():
    """One Chromium for the tests of this folder, as the app has one for all its sessions:
    each session still gets a context (and a checking proxy) of its own, closed when it
    ends. Not the app's shared browser, which belongs to the app's event loop. (Launching
    one per test cost 2-4 s of a loaded machine each.)"""
    shared = SharedBrowser(idle_close_s=None)
    yield shared
    await shared.close()


def browser_plan(
    row,
    url: str,
    *,
    model: ModelChoice = OFFLINE,
    goal: str = PURCHASE_GOAL,
    criteria: list[str] | None = None,
    keywords: list[str] | None = None,
    max_actions: int = 20,
    traits: dict | None = None,
    limits: SessionLimits | None = None,
    allowed_origins: list[str] | None = None,
    accessibility: dict | None = None,
    judge: ModelChoice = OFFLINE,
    checks: list[dict] | None = None,
    judge_repeats: int = 1,
) -> SessionPlan:
    config = BrowserAgentConfig.model_validate(
        {"targetUrl": url, "allowedOrigins": allowed_origins or [], "timeoutSeconds": 10,
         "accessibility": accessibility or {}}
    ).model_dump(by_alias=True)  # fmt: skip
    return SessionPlan(
        session_id=row.id,
        workspace_id=row.workspace_id,
        persona=PersonaSnapshot(name="Dana Kelly", traits=traits or {"patience_level": "medium"}),
        objective=ObjectiveSnapshot(
            name="Buy a jacket",
            goal=goal,
            success_criteria=PURCHASE_CRITERIA if criteria is None else criteria,
            max_actions=max_actions,
            keywords=PURCHASE_KEYWORDS if keywords is None else keywords,
            checks=(PURCHASE_CHECKS if criteria is None else []) if checks is None else checks,
        ),
        target=TargetSpec(row.agent_id, "browser", config),
        limits=limits or SessionLimits(seed=3, duration_s=120),
        simulator=model,
        judge=judge,
        judge_repeats=judge_repeats,
    )
