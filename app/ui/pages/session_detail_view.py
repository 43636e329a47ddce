"""/sessions/<id>, drawn: the header with its labelled status and outcome, the actions (export,
run again, re-judge), the facts of the session and its spending per role, the transcript with
numbered messages (a cited one is highlighted when its citation is followed), the verdict and
the findings. The state is session_detail.py."""

from __future__ import annotations

import reflex as rx

from app.ui.components import browser as browser_ui
from app.ui.components import voice as voice_ui
from app.ui.components.layout import page_header, shell
from app.ui.components.status import blame_badge, labelled, outcome_badge, severity_badge, status_badge
from app.ui.components.verdict_rows import citations, verdict_row
from app.ui.pages.session_detail import SessionState
from app.ui.state.auth import AuthState

# A message reached through a citation (#message-N in the address) stands out until another is.
_CITED_STYLE = {
    "&:target > div": {
        "outline": "3px solid var(--amber-9)",
        "outline_offset": "2px",
        "background": "var(--amber-4)",
        "transition": "background 0.3s",
    }
}


def _bubble(m: rx.Var) -> rx.Component:
    is_persona = m["sender"] == "persona"
    return rx.hstack(
        rx.box(
            rx.text(
                "#",
                m["sequence"],
                " ",
                rx.cond(is_persona, SessionState.persona_name, "Agent"),
                size="1",
                weight="bold",
                color_scheme=rx.cond(is_persona, "violet", "gray"),
            ),  # fmt: skip
            rx.cond(
                m["content"].strip() != "",
                rx.text(m["content"], size="3", white_space="pre-wrap"),
                rx.text("(no text)", size="2", color_scheme="gray", font_style="italic"),
            ),
            rx.hstack(
                rx.cond(m["latency"] != "", rx.text(m["latency"], size="1", color_scheme="gray")),
                rx.cond(
                    m["usage"] != "", rx.text(m["usage"], size="1", color_scheme="gray", data_testid="message-usage")
                ),
                rx.cond(m["flags"] != "", rx.badge(m["flags"], color_scheme="orange", variant="soft", size="1")),
                voice_ui.play_button(m, SessionState.recording_url, SessionState.play_from),
                spacing="2",
            ),
            background=rx.cond(is_persona, rx.color("violet", 3), rx.color("gray", 3)),
            padding="0.6rem 0.9rem",
            border_radius="var(--radius-4)",
            max_width="75%",
        ),
        justify=rx.cond(is_persona, "start", "end"),
        width="100%",
        id="message-" + m["sequence"],
        data_testid="message",
        data_sender=m["sender"],
        scroll_margin_top="5rem",
        style=_CITED_STYLE,
    )


def _typing_indicator() -> rx.Component:
    return rx.cond(
        SessionState.typing != "",
        rx.hstack(
            rx.spinner(size="1"),
            rx.text(
                rx.cond(SessionState.typing == "persona", SessionState.persona_name, "The agent"),
                " is typing…",
                size="2",
                color_scheme="gray",
            ),  # fmt: skip
            justify=rx.cond(SessionState.typing == "persona", "start", "end"),
            width="100%",
            role="status",
        ),
    )


def _verdict() -> rx.Component:
    return rx.cond(
        SessionState.criteria.length() + SessionState.checks.length() > 0,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading("Verdict", size="4", as_="h2"),
                    outcome_badge(SessionState.outcome),
                    blame_badge(SessionState.blame),
                    spacing="2",
                    align="center",
                ),
                rx.cond(
                    SessionState.judge_label != "",
                    rx.text(
                        "Judge: ",
                        rx.code(SessionState.judge_label),
                        size="1",
                        color_scheme="gray",
                        data_testid="judge-label",
                    ),  # fmt: skip
                ),
                rx.cond(
                    SessionState.calibration_text != "",
                    rx.text(
                        rx.cond(SessionState.calibrated, "Calibration: ", "Not calibrated: "),
                        SessionState.calibration_text,
                        size="1",
                        color_scheme=rx.cond(SessionState.calibrated, "gray", "amber"),
                        data_testid="judge-calibration",
                    ),
                ),
                rx.cond(
                    SessionState.reviewed_outcome != "",
                    rx.callout(
                        rx.hstack(
                            rx.text("A human review overrides the judge: "),
                            outcome_badge(SessionState.reviewed_outcome),
                            align="center",
                        ),
                        icon="user-check",
                        color_scheme="blue",
                        width="100%",
                        data_testid="review-override",
                    ),
                ),
                rx.cond(SessionState.end_reason_text != "", rx.text(SessionState.end_reason_text, size="2")),
                rx.text(SessionState.verdict_summary, size="2"),
                rx.cond(
                    SessionState.simulator_problems.length() > 0,
                    rx.callout(
                        rx.vstack(rx.foreach(SessionState.simulator_problems, lambda p: rx.text(p, size="2"))),
                        title="The simulator spoiled this session (not counted against the agent)",
                        icon="user-x",
                        color_scheme="purple",
                        width="100%",
                    ),
                ),
                rx.heading("Success criteria", size="3", as_="h3"),
                rx.foreach(SessionState.criteria, lambda c: verdict_row(c, "criterion-row")),
                rx.cond(
                    SessionState.checks.length() > 0,
                    rx.vstack(
                        rx.heading("Checks", size="3", as_="h3"),
                        rx.text(
                            rx.cond(
                                SessionState.is_browser,
                                "Deterministic checks of the visit; advisory ones never fail the session.",
                                "Deterministic checks of the agent's replies; advisory ones never fail the session.",
                            ),
                            size="1",
                            color_scheme="gray",
                        ),  # fmt: skip
                        rx.foreach(SessionState.checks, lambda c: verdict_row(c, "check-row")),
                        spacing="3",
                    ),
                ),
                spacing="3",
            ),
            width="100%",
        ),
    )


def _findings() -> rx.Component:
    return rx.cond(
        SessionState.findings.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading("Findings", size="4", as_="h2"),
                rx.foreach(
                    SessionState.findings,
                    lambda f: rx.vstack(
                        rx.hstack(
                            severity_badge(f.severity),
                            rx.badge(f.type, variant="outline"),
                            rx.text(f.source, size="1", color_scheme="gray"),
                            spacing="2",
                        ),  # fmt: skip
                        rx.text(f.description, size="2"),
                        rx.cond(
                            f.perspective != "",
                            rx.text("“", f.perspective, "”", size="2", color_scheme="gray", font_style="italic"),
                        ),  # fmt: skip
                        citations(f.evidence),
                        spacing="1",
                        padding_y="0.4rem",
                        data_testid="finding",
                    ),
                ),
                spacing="2",
            ),
            width="100%",
        ),
    )


def _download(label: str, href: rx.Var, filename: rx.Var, testid: str, icon: str = "download") -> rx.Component:
    """A button that downloads what `href` answers (with the dashboard's cookie) as `filename`;
    reload_document hands the click to the browser (the router would navigate to it instead)."""
    return rx.button(
        rx.el.a(rx.icon(icon, size=14), label, href=href, download=filename, data_testid=testid,
                  reload_document=True),
        as_child=True,
        variant="soft",
        size="1",
    )


def _actions(*extra: rx.Component) -> rx.Component:
    """The exports (and a browser session's HTML report), Run again and Re-judge (`extra`)."""
    key = SessionState.session_key
    base = "/api/sessions/" + key
    ended = ~SessionState.running & (SessionState.status != "")
    return rx.hstack(
        rx.text("Export:", size="2", color_scheme="gray"),
        _download("JSON", base + "/export?format=json", "mimic-session-" + key + ".json", "export-json"),
        _download("Markdown", base + "/export?format=markdown", "mimic-session-" + key + ".md", "export-markdown"),
        rx.cond(
            SessionState.is_browser,
            rx.fragment(
                _download("HTML report", base + "/report", "mimic-report-" + key + ".html", "export-report"),
                rx.link(
                    rx.hstack(rx.icon("printer", size=14), rx.text("Printable report"), spacing="1", align="center"),
                    href=base + "/report",
                    is_external=True,
                    size="2",
                ),
            ),
        ),
        rx.spacer(),
        rx.cond(
            ended & AuthState.can_write,
            rx.button(
                rx.icon("rotate-ccw", size=14),
                "Run again",
                variant="soft",
                loading=SessionState.rerunning,
                on_click=SessionState.run_again,
                title="A new session with the same agent, persona, objective, seed and models",
                data_testid="run-again",
            ),
        ),
        *extra,
        spacing="3",
        align="center",
        width="100%",
        wrap="wrap",
    )


def _facts() -> rx.Component:
    """The session at a glance, where it came from, and what each role spent."""
    o = SessionState.origin
    return rx.card(
        rx.vstack(
            rx.cond(
                o.contains("run_href"),
                rx.hstack(
                    rx.text("Part of", size="2", color_scheme="gray"),
                    rx.link(o["run_label"], href=o["run_href"], size="2", data_testid="session-run-link"),
                    rx.text("· cell", size="2", color_scheme="gray"),
                    rx.link(o["cell_label"], href=o["cell_href"], size="2", data_testid="session-cell-link"),
                    rx.cond(o["suite_href"] != "", rx.link("suite", href=o["suite_href"], size="2")),
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
            ),
            rx.grid(
                rx.foreach(
                    SessionState.facts,
                    lambda f: rx.vstack(
                        rx.text(f["label"], size="1", color_scheme="gray", weight="medium"),
                        rx.text(f["value"], size="2"),
                        spacing="0",
                        data_testid="session-fact",
                    ),
                ),
                columns="repeat(auto-fill, minmax(11rem, 1fr))",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                SessionState.usage.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[rx.table.column_header_cell(h) for h in ("Role", "Models", "Calls", "Tokens", "Cost")]
                        )
                    ),
                    rx.table.body(
                        rx.foreach(
                            SessionState.usage,
                            lambda u: rx.table.row(
                                rx.table.row_header_cell(u["role"]),
                                rx.table.cell(u["models"]),
                                rx.table.cell(u["calls"]),
                                rx.table.cell(u["tokens"]),
                                rx.table.cell(u["cost"]),
                                data_testid="usage-row",
                            ),
                        )
                    ),
                    size="1",
                    variant="surface",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _infrastructure_error() -> rx.Component:
    """Why a session ended on a target's or Mimic's own failure: never counted against the agent."""
    return rx.cond(
        SessionState.error_text != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("plug-zap")),
            rx.callout.text(
                rx.text.strong("Infrastructure error (not counted against the agent). "),
                SessionState.error_text,
            ),
            color_scheme="orange",
            width="100%",
            role="alert",
            data_testid="infrastructure-error",
        ),
    )

def session_page(*sections: rx.Component, actions: tuple[rx.Component, ...] = ()) -> rx.Component:
    """The page; `sections` come after the verdict and the findings (the judgements, review);
    `actions` join the export and Run again buttons (Re-judge)."""
    return shell(
        rx.cond(
            SessionState.not_found,
            rx.callout("No such session in this workspace.", icon="triangle-alert", color_scheme="red"),
            rx.vstack(
                page_header(
                    SessionState.persona_name + " → " + SessionState.agent_name,
                    SessionState.objective_name,
                    labelled("Status", status_badge(SessionState.status, data_testid="session-status")),
                    labelled("Outcome", outcome_badge(SessionState.outcome, data_testid="session-outcome")),
                    blame_badge(SessionState.blame),
                    rx.cond(
                        SessionState.running & AuthState.can_write,
                        rx.button(
                            rx.icon("square", size=14),
                            "Stop",
                            color_scheme="red",
                            variant="soft",
                            on_click=SessionState.stop,
                        ),  # fmt: skip
                    ),
                ),
                _actions(*actions),
                _infrastructure_error(),
                rx.cond(
                    SessionState.end_reason_words != "",
                    rx.text("Ended: ", rx.text.strong(SessionState.end_reason_words), size="2",
                            data_testid="end-reason"),
                ),  # fmt: skip
                _facts(),
                rx.cond(
                    SessionState.is_browser,
                    browser_ui.step_timeline(
                        SessionState.steps,
                        SessionState.blocked_count,
                        SessionState.persona_name,
                        SessionState.typing == "persona",
                    ),
                ),  # fmt: skip
                rx.cond(
                    SessionState.is_voice & (SessionState.voice_figures.length() > 0),
                    voice_ui.voice_panel(
                        SessionState.recording_url,
                        SessionState.voice_figures,
                        SessionState.voice_bars,
                        SessionState.voice_notes,
                        SessionState.persona_name,
                        SessionState.play_from,
                    ),
                ),  # fmt: skip
                rx.card(
                    rx.vstack(
                        rx.heading("Transcript", size="4", as_="h2"),
                        rx.cond(
                            SessionState.messages.length() == 0,
                            rx.text("No messages yet.", color_scheme="gray", size="2"),
                        ),  # fmt: skip
                        rx.foreach(SessionState.messages, _bubble),
                        _typing_indicator(),
                        spacing="3",
                        width="100%",
                        aria_live="polite",
                    ),
                    width="100%",
                    display=rx.cond(SessionState.is_browser, "none", "block"),
                ),
                _verdict(),
                rx.cond(SessionState.is_browser, browser_ui.grouped_findings(SessionState.finding_groups), _findings()),
                *sections,
                spacing="4",
                width="100%",
            ),
        ),
        active="/sessions",
    )
