"""The parts of the session page that show a browser session: the timeline of steps
(action, reasoning, outcome, a screenshot thumbnail that opens full size) and the findings
grouped by type and severity. Rows are plain dicts of strings (what State can hold)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.ui.components.status import severity_badge

_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def _describe(action: dict[str, Any]) -> str:
    kind = str(action.get("type", ""))
    target = action.get("target") or {}
    name = str(target.get("description") or target.get("ref") or "")
    value = str(action.get("value") or "")
    if kind == "type":
        return f"type “{value}” into “{name}”"
    if kind == "select":
        return f"select “{value}” in “{name}”"
    if kind in ("navigate", "press", "scroll", "wait"):
        return f"{kind} {value}".strip()
    return f"{kind} “{name}”" if name else kind.replace("_", " ")


def timeline_step(event: dict[str, Any], step: int, screenshot_url: str = "") -> dict[str, str]:
    """One row of the timeline from an event (stored, or as published on the bus); `step`
    counts the persona's actions from 1 (0: opening the website)."""
    decision, outcome, context = event.get("decision") or {}, event.get("outcome") or {}, event.get("context") or {}
    action, reasoning = decision.get("action") or {}, decision.get("reasoning") or {}
    confidence = reasoning.get("confidence")
    kind = str(event.get("eventType") or event.get("type") or "action")
    return {
        "id": str(event.get("id", "")),
        "step": str(step),
        "kind": kind,
        "action": str(action.get("type", "")),
        "label": "Opened the website" if kind == "navigation" else _describe(action),
        "url": str(context.get("url", "") if kind != "navigation" else outcome.get("url") or context.get("url", "")),
        "title": str(context.get("pageTitle", "")),
        "observation": str(reasoning.get("observation", "")) if kind != "navigation" else "",
        "thought": str(reasoning.get("thought", "")) if kind != "navigation" else "",
        "confidence": f"{float(confidence):.0%}" if isinstance(confidence, int | float) else "",
        "success": "ok" if outcome.get("success") else "failed",
        "error": str(outcome.get("error") or ""),
        "duration": f"{outcome.get('duration', 0)} ms",
        "screenshot": screenshot_url,
    }


def finding_row(f: dict[str, Any]) -> dict[str, str]:
    evidence = f.get("evidence") or {}
    where = evidence.get("pageUrl") or ""
    return {
        "id": str(f.get("id", "")),
        "type": str(f.get("type", "")),
        "severity": str(f.get("severity", "")),
        "description": str(f.get("description", "")),
        "perspective": str(f.get("personaPerspective") or f.get("persona_perspective") or ""),
        "source": str(f.get("source", "")),
        "where": str(where),
        "step": str(evidence.get("step", "")),
    }


def grouped(findings: list[dict[str, str]]) -> list[dict[str, str]]:
    """Sorted by type, then severity (worst first); the first row of each group carries
    the group's header ("group" = "type · severity", "count")."""
    rows = sorted(findings, key=lambda f: (f["type"], _SEVERITY_ORDER.get(f["severity"], 9), f["description"]))
    counts: dict[tuple[str, str], int] = {}
    for f in rows:
        counts[(f["type"], f["severity"])] = counts.get((f["type"], f["severity"]), 0) + 1
    out, previous = [], None
    for f in rows:
        key = (f["type"], f["severity"])
        out.append({**f, "group": f"{key[0]} · {key[1]}" if key != previous else "", "count": str(counts[key])})
        previous = key
    return out


def _thumbnail(step: rx.Var) -> rx.Component:
    return rx.cond(
        step["screenshot"] != "",
        rx.dialog.root(
            rx.dialog.trigger(
                rx.image(
                    src=step["screenshot"],
                    alt="Screenshot of step " + step["step"],
                    width="168px",
                    height="105px",
                    object_fit="cover",
                    object_position="top",
                    border="1px solid var(--gray-6)",
                    border_radius="var(--radius-2)",
                    cursor="zoom-in",
                    loading="lazy",
                    data_testid="step-thumbnail",
                ),
            ),
            rx.dialog.content(
                rx.dialog.title(step["label"], size="3"),
                rx.image(src=step["screenshot"], alt="Full-size screenshot", width="100%", data_testid="step-full"),
                rx.dialog.close(rx.button("Close", variant="soft", margin_top="0.5rem")),
                max_width="min(1320px, 95vw)",
            ),
        ),
        rx.box(width="168px", flex_shrink="0"),
    )


def _step(step: rx.Var) -> rx.Component:
    failed = step["success"] == "failed"
    return rx.hstack(
        _thumbnail(step),
        rx.vstack(
            rx.hstack(
                rx.badge(
                    rx.cond(step["kind"] == "navigation", "start", "#" + step["step"]),
                    variant="outline",
                    color_scheme="gray",
                ),
                rx.text(step["label"], weight="medium", size="2"),
                rx.badge(rx.cond(failed, "failed", "ok"), color_scheme=rx.cond(failed, "red", "green"), variant="soft"),
                rx.text(step["duration"], size="1", color_scheme="gray"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(step["title"], " — ", rx.code(step["url"], size="1"), size="1", color_scheme="gray"),
            rx.cond(step["observation"] != "", rx.text("Sees: ", step["observation"], size="2")),
            rx.cond(
                step["thought"] != "",
                rx.text(
                    "Thinks: ",
                    step["thought"],
                    rx.cond(step["confidence"] != "", " (confidence " + step["confidence"] + ")", ""),
                    size="2",
                    color_scheme="gray",
                    font_style="italic",
                ),
            ),
            rx.cond(step["error"] != "", rx.text("Error: ", step["error"], size="2", color_scheme="red")),
            spacing="1",
            align="start",
            min_width="0",
        ),
        spacing="3",
        align="start",
        width="100%",
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-4)",
        data_testid="step",
        data_action=step["action"],
    )


def step_timeline(steps: rx.Var, blocked: rx.Var, persona_name: rx.Var, thinking: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Steps", size="4", as_="h2"),
                rx.cond(
                    blocked > 0,
                    rx.badge(blocked.to_string() + " blocked requests", color_scheme="amber", variant="soft"),
                ),
                spacing="3",
                align="center",
            ),
            rx.cond(steps.length() == 0, rx.text("No steps yet.", color_scheme="gray", size="2")),
            rx.foreach(steps, _step),
            rx.cond(
                thinking,
                rx.hstack(
                    rx.spinner(size="1"),
                    rx.text(persona_name, " is looking at the page…", size="2", color_scheme="gray"),
                    role="status",
                ),
            ),
            spacing="1",
            width="100%",
            aria_live="polite",
        ),
        width="100%",
    )


def _finding(f: rx.Var) -> rx.Component:
    return rx.fragment(
        rx.cond(
            f["group"] != "",
            rx.hstack(
                rx.badge(f["type"], variant="outline"),
                severity_badge(f["severity"]),
                rx.text(f["count"], " found", size="1", color_scheme="gray"),
                spacing="2",
                margin_top="0.6rem",
                data_testid="finding-group",
            ),
        ),
        rx.vstack(
            rx.text(f["description"], size="2"),
            rx.hstack(
                rx.text(f["source"], size="1", color_scheme="gray"),
                rx.cond(f["step"] != "", rx.text("step ", f["step"], size="1", color_scheme="gray")),
                spacing="2",
            ),
            rx.cond(
                f["perspective"] != "",
                rx.text("“", f["perspective"], "”", size="2", color_scheme="gray", font_style="italic"),
            ),
            spacing="0",
            padding_left="0.75rem",
            border_left="2px solid var(--gray-5)",
            data_testid="finding",
        ),
    )


def grouped_findings(findings: rx.Var) -> rx.Component:
    return rx.cond(
        findings.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading("Findings", size="4", as_="h2"),
                rx.foreach(findings, _finding),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
    )
