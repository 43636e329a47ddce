"""The offline persona at the browser (mimic/offline answering `browser_action`), on
canned pages: it is deterministic, follows the goal's words, fills forms with plausible
data, declares done when the page meets the criteria, and gives up instead of looping."""

from __future__ import annotations

import asyncio

from app import llm
from app.engine.browser_persona import BrowserPersona, PageView
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.llm.offline_browser import parse_snapshot

HOME = """- generic [ref=e1]:
  - navigation "Main" [ref=e2]:
    - link "Home" [ref=e3] [cursor=pointer]:
      - /url: /
    - link "Blog" [ref=e4] [cursor=pointer]:
      - /url: /blog
    - link "Jackets" [ref=e5] [cursor=pointer]:
      - /url: /jackets
  - main [ref=e6]:
    - heading "Welcome" [level=1] [ref=e7]
    - paragraph [ref=e8]: Outdoor gear for everyone."""

CHECKOUT = """- main [ref=f2e1]:
  - heading "Checkout" [level=1] [ref=f2e2]
  - textbox "Full name" [ref=f2e3]
  - textbox "Email" [ref=f2e4]: dana.kelly@example.com
  - combobox "Size" [ref=f2e5]:
    - option "Choose a size" [selected]
    - option "S"
    - option "M"
  - checkbox "I agree to the terms" [ref=f2e6]
  - button "Place order" [ref=f2e7]"""

DONE = """- main [ref=e1]:
  - heading "Purchase complete" [level=1] [ref=e2]
  - paragraph [ref=e3]: Thank you for your order! Your purchase is complete."""


def persona(patience: str = "medium") -> BrowserPersona:
    return BrowserPersona(
        PersonaSnapshot(name="Dana Kelly (direct)", traits={"patience_level": patience}),
        ObjectiveSnapshot(
            name="Jacket",
            goal="Buy a waterproof jacket in size M.",
            max_actions=30,
            success_criteria=["The shop shows that the purchase is complete"],
            keywords=["jackets", "checkout", "order"],
        ),  # fmt: skip
        ModelChoice(llm.OFFLINE_MODEL),
        seed=4,
    )


def step(snapshot: str, history: list | None = None, url: str = "http://shop.test/", title: str = "Shop"):
    view = PageView(step=len(history or []) + 1, url=url, title=title, snapshot=snapshot, notes=[])
    return asyncio.run(persona().next_step(view, history or [])).step


def past(kind: str, description: str, url: str, value: str = "") -> dict:
    return {"step": 1, "url": url, "success": True, "error": None,
            "action": {"type": kind, "target": {"ref": "", "description": description}, "value": value}}  # fmt: skip


def test_the_snapshot_is_read_into_elements() -> None:
    elements, text = parse_snapshot(CHECKOUT)
    by_ref = {e.ref: e for e in elements}
    assert by_ref["f2e4"].role == "textbox" and by_ref["f2e4"].value == "dana.kelly@example.com"
    assert by_ref["f2e5"].options == [("Choose a size", True), ("S", False), ("M", False)]
    assert by_ref["f2e6"].role == "checkbox" and not by_ref["f2e6"].checked
    assert "Checkout" in text and "dana.kelly" not in text
    home, _ = parse_snapshot(HOME)
    assert [e.in_chrome for e in home if e.role in ("link", "heading")] == [True, True, True, False]


def test_the_page_itself_beats_the_menu_at_equal_score() -> None:
    page = (
        HOME
        + """
    - link "Waterproof jackets" [ref=e9] [cursor=pointer]:
      - /url: /jackets/waterproof"""
    )
    chosen = step(page)
    assert chosen.action.target.ref == "e9"  # more of the goal's words, and not in the menu
    cart = """- banner [ref=e1]:
  - link "Checkout" [ref=e2]:
    - /url: /cart
- main [ref=e3]:
  - link "Checkout now" [ref=e4]:
    - /url: /checkout"""
    assert step(cart).action.target.ref == "e4"


def test_it_follows_the_link_that_matches_the_goal() -> None:
    chosen = step(HOME)
    assert chosen.action.type == "click" and chosen.action.target.ref == "e5"
    assert chosen.action.target.description == "Jackets" and 0 < chosen.reasoning.confidence <= 1
    assert step(HOME) == chosen  # deterministic


def test_it_fills_the_form_then_chooses_ticks_and_submits() -> None:
    url = "http://shop.test/checkout"
    first = step(CHECKOUT, url=url, title="Checkout")
    assert (first.action.type, first.action.target.ref, first.action.value) == ("type", "f2e3", "Dana Kelly")
    history = [past("type", "Full name", url, "Dana Kelly")]
    second = step(CHECKOUT, history, url=url)
    assert (second.action.type, second.action.target.ref, second.action.value) == ("select", "f2e5", "M")
    history.append(past("select", "Size", url, "M"))
    third = step(CHECKOUT, history, url=url)
    assert (third.action.type, third.action.target.ref) == ("click", "f2e6")
    history.append(past("click", "I agree to the terms", url))
    fourth = step(CHECKOUT, history, url=url)
    assert (fourth.action.type, fourth.action.target.description) == ("click", "Place order")


def test_it_is_done_when_the_page_meets_the_criteria() -> None:
    assert step(DONE, title="Purchase complete · Shop").action.type == "done"


def test_a_field_that_emptied_itself_is_reported_by_the_persona() -> None:
    url = "http://shop.test/checkout"
    chosen = step(CHECKOUT, [past("type", "Full name", url, "Dana Kelly")], url=url)
    assert chosen.finding is not None and chosen.finding.type == "bug" and "Full name" in chosen.finding.description
    assert chosen.finding.personaPerspective


def test_it_gives_up_rather_than_loop() -> None:
    lost = """- main [ref=e1]:
  - heading "Nothing here" [level=1] [ref=e2]
  - link "Blog" [ref=e3]:
    - /url: /blog"""
    history: list[dict] = []
    url = "http://shop.test/nowhere"
    for _ in range(12):
        chosen = step(lost, history, url=url)
        if chosen.action.type == "give_up":
            break
        history.append(past(chosen.action.type, chosen.action.target.description, url))
    assert chosen.action.type == "give_up" and len(history) <= 4
    assert chosen.finding is not None and chosen.finding.type == "ux-issue"
