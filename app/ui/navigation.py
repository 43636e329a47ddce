"""The dashboard's sections, in the order the navigation shows them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    route: str
    label: str
    icon: str  # a lucide icon name
    summary: str
    holds: tuple[str, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "/",
        "Dashboard",
        "layout-dashboard",
        "The last 30 days at a glance.",
        (
            "Sessions per day and the success-rate trend",
            "Findings by severity and p95 agent latency",
            "The five most recent failed sessions, one click away",
        ),
    ),
    Section(
        "/personas",
        "Personas",
        "users",
        "Synthetic users with an identity, a tech profile, a personality and behaviour traits.",
        (
            "A searchable library of personas, with their traits at a glance",
            "An editor for identity, tech profile, personality, tendencies and traits",
            "Import and export as JSON or YAML",
        ),
    ),
    Section(
        "/objectives",
        "Objectives",
        "target",
        "What a persona tries to get done: a goal, constraints, success criteria and a budget.",
        (
            "Goals with constraints and success criteria the judge checks one by one",
            "Budgets of turns or browser actions",
            "Import and export as JSON or YAML",
        ),
    ),
    Section(
        "/agents",
        "Agents",
        "bot",
        "The systems under test: chatbots, OpenAI-compatible endpoints, WebSockets, WhatsApp bots and websites.",
        (
            "HTTP, OpenAI-compatible, WebSocket, hosted, browser and WhatsApp agents",
            "Secrets encrypted at rest and masked on screen",
            "A connection test that reports latency and the reply",
        ),
    ),
    Section(
        "/sessions",
        "Sessions",
        "messages-square",
        "One persona in front of one agent with one objective, watched live.",
        (
            "Start a session from an agent, a persona, an objective and a model",
            "The transcript as it happens, with per-message latency",
            "The verdict per success criterion and the findings",
        ),
    ),
    Section(
        "/suites",
        "Suites",
        "grid-3x3",
        "Persona x objective matrices run on every agent change.",
        (
            "A suite editor: pick personas and objectives on a grid",
            "Runs whose cells fill in live, with pass rates and confidence intervals",
            "Compare two runs to see what regressed",
        ),
    ),
    Section(
        "/reviews",
        "Reviews",
        "user-check",
        "Human readings of the judge's verdicts, which override it.",
        (
            "A queue of judged sessions: by run, agent, failed, disagreement between judge repeats, or sampled",
            "Per criterion met / not met / inconclusive with a note; findings confirmed, dismissed or added",
            "The workspace's judge repeats and review sample rate",
            "Conversations from elsewhere judged as sessions are, the transcript beside the verdict",
        ),
    ),
    Section(
        "/calibration",
        "Calibration",
        "scale",
        "How far the judge agrees with your people, on your own labelled conversations.",
        (
            "Calibration sets imported as JSON or YAML, or built from reviewed sessions",
            "Accuracy, Cohen's kappa, the confusion matrix and findings recall per judge and prompt",
            "The cases the judge got wrong, with both readings",
        ),
    ),
    Section(
        "/findings",
        "Findings",
        "inbox",
        "Each recurring problem once, across sessions, with the state your team gave it.",
        ("Findings grouped by type and text, counts and ids set aside", "Open, acknowledged, fixed or won't fix"),
    ),
    Section(
        "/analytics",
        "Analytics",
        "chart-line",
        "Whether the agents are getting better or worse, and why.",
        (
            "Success by persona and objective, latency and duration distributions",
            "Recurring findings and cost over time",
            "CSV downloads and a printable report per agent",
        ),
    ),
    Section(
        "/settings",
        "Settings",
        "settings",
        "Your account, the workspace's members, API keys, webhooks and models.",
        (
            "Account and workspace members with their roles",
            "API keys for scripts and CI",
            "Model providers and default models per role",
        ),
    ),
)
