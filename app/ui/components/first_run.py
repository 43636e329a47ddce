"""What an empty dashboard shows: the few steps from a new workspace to a first verdict."""

from __future__ import annotations

import reflex as rx

from app.ui.components.library import link_button

_STEPS = (
    ("users", "Pick or create a persona",
     "Who plays the user: the workspace starts with 15, from a low-tech senior to a prompt injector.",
     "/personas", "Open personas"),
    ("target", "Pick or create an objective",
     "What they try to get done, with the success criteria the judge checks one by one.",
     "/objectives", "Open objectives"),
    ("bot", "Pick or connect an agent",
     "The system under test: the hosted demo agent answers at once; add your own chatbot, endpoint or website.",
     "/agents", "Open agents"),
    ("play", "Run the demo session",
     "New session: the demo agent, a persona and an objective; watch it live, then read the verdict.",
     "/sessions", "Start a session"),
)  # fmt: skip


def _step(number: int, icon: str, title: str, text: str, href: str, action: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(str(number), size="2", radius="full", variant="solid"),
                rx.icon(icon, size=18),
                rx.heading(title, size="3", as_="h3"),
                align="center",
                spacing="2",
            ),
            rx.text(text, size="2", color_scheme="gray"),
            link_button(action, href, size="2", variant="soft"),
            spacing="3",
            align="start",
            height="100%",
        ),
    )


def first_run_guide() -> rx.Component:
    return rx.vstack(
        rx.heading("No sessions yet: four steps to a first verdict", size="5", as_="h2"),
        rx.grid(
            *[_step(i, *step) for i, step in enumerate(_STEPS, start=1)],
            columns=rx.breakpoints(initial="1", sm="2", lg="4"),
            spacing="3",
            width="100%",
        ),
        rx.text(
            "Scripts and CI drive the same over REST, the CLI (`mimic`) and the SDKs: see Settings for API keys.",
            size="2",
            color_scheme="gray",
        ),
        role="region",
        aria_label="Getting started",
        spacing="3",
        width="100%",
    )
