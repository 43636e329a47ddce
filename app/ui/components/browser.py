"""The parts of the session page that show a browser session: the timeline of steps
(action, reasoning, outcome, a screenshot thumbnail that opens full size) and the findings
grouped by page (origin + path), worst first. Rows are plain dicts of strings (what State
can hold)."""

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
        return f"type “{value}” into “{name}”" + (" and press Enter" if action.get("submit") else "")
    if kind == "fill_form":
        count = len(action.get("fields") or [])
        return f"fill {count} field{'s' if count != 1 else ''} of {name}" if name else f"fill {count} fields"
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
        "page_outcome": str(context.get("pageOutcome") or "") if kind != "navigation" else "",
        "error": str(outcome.get("error") or ""),
        "duration": f"{outcome.get('duration', 0)} ms",
        "screenshot": screenshot_url,
    }


def finding_row(f: dict[str, Any]) -> dict[str, str]:
    evidence = f.get("evidence") or {}
    where = evidence.get("pageUrl") or ""
    pages = f.get("pages") or ([f["page"]] if f.get("page") else [])
    return {
        "page": str(f.get("page") or (pages[0] if pages else "")),
        "pages": str(len(pages)),
        "id": str(f.get("id", "")),
        "type": str(f.get("type", "")),
        "severity": str(f.get("severity", "")),
        "description": str(f.get("description", "")),
        "perspective": str(f.get("personaPerspective") or f.get("persona_perspective") or ""),
        "source": str(f.get("source", "")),
        "where": str(where),
        "step": str(evidence.get("step", "")),
        "anchor": "#step-" + str(f.get("eventId") or f.get("event_id") or ""),
    }


def grouped(findings: list[dict[str, str]]) -> list[dict[str, str]]:
    """Sorted by page (the session-wide ones last), then severity (worst first); the first
    row of each page carries its header ("group": the page, "count")."""
    rows = sorted(findings, key=lambda f: (f["page"] == "", f["page"], _SEVERITY_ORDER.get(f["severity"], 9),
                                           f["type"], f["description"]))  # fmt: skip
    counts: dict[str, int] = {}
    for f in rows:
        counts[f["page"]] = counts.get(f["page"], 0) + 1
    out, previous = [], None
    for f in rows:
        header = (f["page"] or "The whole session") if f["page"] != previous else ""
        out.append({**f, "group": header, "count": str(counts[f["page"]])})
        previous = f["page"]
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
                rx.cond(
                    (step["page_outcome"] == "confirmation") | (step["page_outcome"] == "failure"),
                    rx.badge(
                        "page: " + step["page_outcome"],
                        color_scheme=rx.cond(step["page_outcome"] == "failure", "red", "green"),
                        variant="outline",
                    ),
                ),
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
        id="step-" + step["id"],
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
                rx.code(f["group"], size="2", variant="ghost", word_break="break-all"),
                rx.text(f["count"], " found", size="1", color_scheme="gray"),
                spacing="2",
                align="center",
                margin_top="0.6rem",
                data_testid="finding-group",
            ),
        ),
        rx.vstack(
            rx.hstack(
                severity_badge(f["severity"]),
                rx.badge(f["type"], variant="outline"),
                rx.text(f["description"], size="2"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.hstack(
                rx.text(f["source"], size="1", color_scheme="gray"),
                rx.cond(
                    f["pages"] != "1",
                    rx.cond(f["pages"] != "0", rx.text("on ", f["pages"], " pages", size="1", color_scheme="gray")),
                ),  # fmt: skip
                rx.cond(f["step"] != "", rx.link("step ", f["step"], href=f["anchor"], size="1")),
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
                rx.heading("Findings by page", size="4", as_="h2"),
                rx.foreach(findings, _finding),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
    )


# -- two versions of a site, page by page -------------------------------------------------------------


def page_rows(comparison: Any) -> list[dict[str, str]]:
    """A PageComparison as table rows (strings)."""
    if comparison is None:
        return []

    def side(s: Any) -> str:
        if s is None:
            return "—"
        worst = ", ".join(f"{n} {sev}" for sev, n in s.by_severity.items())
        return f"{s.findings}" + (f" ({worst})" if worst else "")

    return [
        {"key": p.key, "baseline": side(p.baseline), "current": side(p.current),
         "delta": f"{p.delta:+d}" if p.baseline and p.current else "new" if p.current else "gone",
         "fixed": ", ".join(p.fixed), "added": ", ".join(p.added),
         "direction": "better" if p.delta < 0 else "worse" if p.delta > 0 else "same"}
        for p in comparison.pages
    ]  # fmt: skip


def _page_row(row: rx.Var) -> rx.Component:
    color = rx.match(row["direction"], ("better", "green"), ("worse", "red"), "gray")
    return rx.table.row(
        rx.table.row_header_cell(rx.code(row["key"], variant="ghost")),
        rx.table.cell(row["baseline"]),
        rx.table.cell(row["current"]),
        rx.table.cell(rx.badge(row["delta"], color_scheme=color, variant="soft")),
        rx.table.cell(rx.text(row["fixed"], size="1", color_scheme="green")),
        rx.table.cell(rx.text(row["added"], size="1", color_scheme="red")),
        data_testid="page-row",
    )


def page_comparison(rows: rx.Var, baseline_label: str | rx.Var, current_label: str | rx.Var) -> rx.Component:
    """Findings per page, before and after: pages matched by their path below each site root."""
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell("Page"),
                rx.table.column_header_cell(baseline_label),
                rx.table.column_header_cell(current_label),
                rx.table.column_header_cell("Δ findings"),
                rx.table.column_header_cell("Fixed rules"),
                rx.table.column_header_cell("New rules"),
            )
        ),
        rx.table.body(rx.foreach(rows, _page_row)),
        variant="surface",
        width="100%",
        size="1",
    )
