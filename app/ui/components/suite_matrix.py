"""The suite editor's matrix: personas (rows) x objectives (columns) ticked on a grid that
scrolls sideways in its own box, the persona column staying in view."""

from __future__ import annotations

import reflex as rx

# The persona column stays in view while the matrix scrolls sideways.
_STUCK = {"position": "sticky", "left": "0", "z_index": "1", "background": "var(--color-panel-solid)",
          "box_shadow": f"1px 0 0 {rx.color('gray', 5)}"}  # fmt: skip


def _grid(s) -> rx.Component:
    header = rx.table.row(
        rx.table.column_header_cell(
            rx.hstack(
                rx.checkbox(
                    checked=s.selected_personas.length() == s.persona_options.length(),
                    on_change=lambda checked: s.pick_all("personas", checked),
                    aria_label="All personas",
                ),
                rx.text("Personas ↓ · Objectives →", size="1", color_scheme="gray"),
                spacing="2",
                align="center",
            ),
            min_width=rx.breakpoints(initial="10rem", sm="14rem"),
            **_STUCK,
        ),
        rx.foreach(
            s.objective_options,
            lambda o: rx.table.column_header_cell(
                rx.vstack(
                    rx.text(o["name"], size="1", weight="medium", title=o["name"], max_width="7rem", trim="both"),
                    rx.checkbox(
                        checked=s.selected_objectives.contains(o["id"]),
                        on_change=lambda checked: s.set_objective(o["id"], checked),
                        aria_label="Objective " + o["name"],
                    ),
                    spacing="1",
                    align="center",
                    justify="end",
                ),
                text_align="center",
                vertical_align="bottom",
            ),
        ),
    )

    def row(p: rx.Var) -> rx.Component:
        chosen = s.selected_personas.contains(p["id"])
        return rx.table.row(
            rx.table.row_header_cell(
                rx.hstack(
                    rx.checkbox(
                        checked=chosen,
                        on_change=lambda checked: s.set_persona(p["id"], checked),
                        aria_label="Persona " + p["name"],
                    ),
                    rx.text(p["name"], size="2"),
                    spacing="2",
                    align="center",
                ),
                **_STUCK,
            ),
            rx.foreach(
                s.objective_options,
                lambda o: rx.table.cell(
                    rx.cond(
                        chosen & s.selected_objectives.contains(o["id"]),
                        rx.box(
                            width="0.85rem",
                            height="0.85rem",
                            border_radius="50%",
                            background=rx.color("accent", 9),
                            margin="auto",
                            data_testid="grid-cell",
                        ),  # fmt: skip
                        rx.box(width="0.85rem", height="0.85rem", margin="auto"),
                    ),
                    text_align="center",
                ),
            ),
        )

    return rx.box(
        rx.table.root(
            rx.table.header(header),
            rx.table.body(rx.foreach(s.persona_options, row)),
            variant="surface",
            size="1",
            class_name="mimic-sticky-first",
        ),
        overflow_x="auto",
        width="100%",
    )


def matrix_section(s) -> rx.Component:
    """The suite editor's persona x objective grid; `s` is the editor's state."""
    errors = rx.vstack(
        rx.cond(s.errors.get("personaIds", "") != "", rx.text(s.errors["personaIds"], color_scheme="red", size="1")),
        rx.cond(
            s.errors.get("objectiveIds", "") != "", rx.text(s.errors["objectiveIds"], color_scheme="red", size="1")
        ),
        spacing="1",
        role="alert",
    )
    return rx.card(
        rx.vstack(
            rx.heading("Matrix", size="4", as_="h2"),
            rx.text(
                "Tick the personas (rows) and objectives (columns) to test: every ticked persona meets every ticked "
                "objective, ",
                rx.text.strong(s.repeats),
                rx.cond(s.repeats == 1, " time.", " times."),
                size="2",
                color_scheme="gray",
            ),
            rx.text(
                rx.text.strong(s.selected_personas.length()),
                " personas × ",
                rx.text.strong(s.selected_objectives.length()),
                " objectives × ",
                rx.text.strong(s.repeats),
                " repeats = ",
                rx.text.strong(s.session_total),
                " sessions per run",
                size="2",
                data_testid="matrix-total",
            ),
            errors,
            _grid(s),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
