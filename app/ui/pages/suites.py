"""/suites (the suites and the recent runs) and the suite editor at /suites/new and
/suites/<id>, where personas and objectives are picked on a grid."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from app.models.suite import RunPublic, SuiteCreate, SuitePublic
from app.services import pickers, runs, suites
from app.services.access import Principal
from app.services.errors import ServiceError
from app.services.pagination import PageParams, Paginated
from app.ui.components.layout import page_header, shell
from app.ui.components.library import (
    LibraryEditorState,
    LibraryListState,
    editor_body,
    empty_state,
    form_section,
    input_field,
    item_actions,
    link_button,
    list_error,
    new_button,
    number_field,
    number_text,
    omit_blank,
    pagination_bar,
    search_box,
    textarea_field,
    validated,
    wide,
)
from app.ui.components.model_picker import picker_props
from app.ui.components.runs import run_row, runs_table
from app.ui.components.suite_matrix import matrix_section
from app.ui.pages.suite_trend import trend_card
from app.ui.shell_script import UNSAVED_GUARD
from app.ui.state.auth import AuthState

ROUTE = "/suites"
RECENT_RUNS = 10
def _suites_page(
    *, session, principal: Principal, params: PageParams, q: str
) -> tuple[Paginated[SuitePublic], list[RunPublic]]:
    """One unit of work for the list page: a page of suites (named) and the recent runs."""
    recent = runs.list_runs(session=session, principal=principal, params=runs.RunListParams(limit=RECENT_RUNS))
    return suites.list_suites(session=session, principal=principal, params=params, q=q), recent.data


def _pickers(*, session, principal: Principal, suite: SuitePublic | None = None) -> dict[str, list[dict[str, str]]]:
    """The editor's options (app/services/pickers.py): the agents a suite can run, the personas and
    the objectives, by name, the suite's own choices always among them."""

    def options(kind: pickers.Kind, chosen: list[str], **narrow: Any) -> list[dict[str, str]]:
        found = pickers.choices(session=session, principal=principal, kind=kind, chosen=chosen, **narrow)
        return [{"id": c.id, "name": f"{c.name} ({c.type})" if c.type else c.name} for c in found]

    return {
        "agents": options("agents", [suite.agent_id] if suite else [], agent_types=suites.RUNNABLE_AGENT_TYPES),
        "personas": options("personas", suite.persona_ids if suite else []),
        "objectives": options("objectives", suite.objective_ids if suite else []),
    }


def _suite_with_pickers(
    *, session, principal: Principal, suite_id: str
) -> tuple[SuitePublic, dict[str, list[dict[str, str]]], list[RunPublic]]:
    """One unit of work for the editor of a saved suite: the suite, the options, its recent runs."""
    suite = suites.get_suite(session=session, principal=principal, suite_id=suite_id)
    listed = runs.list_runs(
        session=session, principal=principal, params=runs.RunListParams(limit=RECENT_RUNS), suite_id=suite_id
    )
    return suite, _pickers(session=session, principal=principal, suite=suite), listed.data


async def start_run(state: AuthState, suite_id: str):
    """Starts a run and opens its page."""
    try:
        run = await state._call(runs.start_run, suite_id=suite_id)
    except ServiceError as exc:
        return rx.toast.error(str(exc))
    return rx.redirect(f"/runs/{run.id}")


class SuitesState(LibraryListState, AuthState):
    suites: list[dict[str, str]] = []
    recent_runs: list[dict[str, str]] = []

    NOUN: ClassVar[str] = "suite"

    async def _fetch(self, params: PageParams) -> Paginated:
        page, recent = await self._call(_suites_page, params=params, q=self.q)
        self.recent_runs = [run_row(r) for r in recent]
        return page

    def _show(self, items: list[dict[str, Any]]) -> None:
        self.suites = [
            {"id": s["id"], "name": s["name"], "description": s["description"],
             "agent": s["agentName"] or "(deleted agent)",
             "matrix": f"{len(s['personaIds'])} × {len(s['objectiveIds'])} × {s['repeats']}",
             "sessions": str(s["sessionCount"])}
            for s in items
        ]  # fmt: skip

    async def _duplicate(self, item_id: str) -> str:
        return (await self._call(suites.duplicate_suite, suite_id=item_id)).name

    async def _delete(self, item_id: str) -> None:
        await self._call(suites.delete_suite, suite_id=item_id)

    @rx.event
    async def run(self, suite_id: str):
        return await start_run(self, suite_id)


# ---- the editor --------------------------------------------------------------------------


class SuiteEditorState(LibraryEditorState, AuthState):
    LIST_ROUTE: ClassVar[str] = ROUTE
    FIELD_NAMES: ClassVar[tuple[str, ...]] = (
        "name",
        "description",
        "agentId",
        "personaIds",
        "objectiveIds",
        "repeats",
        "simulatorModel",
        "config.seed",
        "config.maxMessages",
        "config.judgeModel",
        "config.judgeRepeats",
        "config.calibrationGate.set",
        "config.calibrationGate.minKappa",
        "config.thresholds.passRate",
    )
    agent_options: list[dict[str, str]] = []
    persona_options: list[dict[str, str]] = []
    objective_options: list[dict[str, str]] = []
    selected_personas: list[str] = []
    selected_objectives: list[str] = []
    repeats: int = 1
    runs_of_suite: list[dict[str, str]] = []
    # The thresholds set over REST that this form does not show, kept as they are on save.
    _other_thresholds: dict[str, Any] = {}

    def _show_pickers(self, pickers: dict[str, list[dict[str, str]]]) -> None:
        self.agent_options = pickers["agents"]
        self.persona_options, self.objective_options = pickers["personas"], pickers["objectives"]

    async def _blank(self) -> dict[str, str]:
        self._show_pickers(await self._call(_pickers))
        self.selected_personas, self.selected_objectives, self.repeats, self.runs_of_suite = [], [], 1, []
        self._other_thresholds = {}
        return {"repeats": "1", "agentId": self.agent_options[0]["id"] if self.agent_options else ""}

    async def _fetch_values(self, item_id: str) -> dict[str, str]:
        suite, pickers, recent = await self._call(_suite_with_pickers, suite_id=item_id)
        self._show_pickers(pickers)
        self.selected_personas, self.selected_objectives = list(suite.persona_ids), list(suite.objective_ids)
        self.repeats = suite.repeats
        self.runs_of_suite = [run_row(r) for r in recent]
        config = suite.config
        limits = config.thresholds.model_dump(by_alias=True, exclude_none=True) if config.thresholds else {}
        self._other_thresholds = {k: v for k, v in limits.items() if k != "passRate"}
        return {
            "config.thresholds.passRate": f"{limits['passRate'] * 100:g}" if "passRate" in limits else "",
            "name": suite.name, "description": suite.description, "agentId": suite.agent_id,
            "repeats": str(suite.repeats), "simulatorModel": suite.simulator_model or "",
            "config.seed": number_text(config.seed),
            "config.maxMessages": number_text(config.max_messages),
            "config.judgeModel": config.judge_model or "",
            "config.judgeRepeats": number_text(config.judge_repeats),
            "config.calibrationGate.set": config.calibration_gate.set if config.calibration_gate else "",
            "config.calibrationGate.minKappa": number_text(config.calibration_gate.min_kappa)
            if config.calibration_gate else "",
        }  # fmt: skip

    def _build(self, form: dict[str, Any]) -> SuiteCreate:
        config = omit_blank({"seed": form.get("config.seed"), "maxMessages": form.get("config.maxMessages"),
                             "judgeModel": (form.get("config.judgeModel") or "").strip(),
                             "judgeRepeats": form.get("config.judgeRepeats")})  # fmt: skip
        gate = (form.get("config.calibrationGate.set") or "").strip()
        least = form.get("config.calibrationGate.minKappa")
        if gate:  # the judge must be calibrated on this set
            config["calibrationGate"] = omit_blank({"set": gate, "minKappa": least})
        limits, alert = dict(self._other_thresholds), str(form.get("config.thresholds.passRate") or "").strip()
        problems = {}
        try:
            if alert:  # a percentage on screen, a share of 1 stored
                limits["passRate"] = float(alert) / 100
                if not 0 <= limits["passRate"] <= 1:
                    raise ValueError
        except ValueError:
            problems["config.thresholds.passRate"] = "Give a percentage from 0 to 100, or leave it empty."
            limits.pop("passRate", None)
        if limits:
            config["thresholds"] = limits
        payload = omit_blank({
            "name": form.get("name", ""), "description": form.get("description", ""),
            "agentId": form.get("agentId", ""), "repeats": form.get("repeats"),
            "simulatorModel": (form.get("simulatorModel") or "").strip(),
        })  # fmt: skip
        payload.update(personaIds=self.selected_personas, objectiveIds=self.selected_objectives, config=config)
        if least not in ("", None) and not gate:
            problems["config.calibrationGate.set"] = "Name the calibration set the least kappa applies to."
        if not self.selected_personas:
            problems["personaIds"] = "Pick at least one persona (a row of the grid)."
        if not self.selected_objectives:
            problems["objectiveIds"] = "Pick at least one objective (a column of the grid)."
        return validated(SuiteCreate, payload, problems)

    async def _store(self, data: SuiteCreate) -> str:
        if self.editing_id:
            return (await self._call(suites.replace_suite, suite_id=self.editing_id, data=data)).name
        return (await self._call(suites.create_suite, data=data)).name

    def _fixed(self, field: str) -> None:
        """A field's message goes once it is put right; the banner goes with the last one."""
        self.errors = {k: v for k, v in self.errors.items() if k != field}
        if not self.errors and not self.problems:
            self.error = ""

    def _check_matrix(self) -> None:
        if self.selected_personas:
            self._fixed("personaIds")
        if self.selected_objectives:
            self._fixed("objectiveIds")

    @rx.event
    def set_persona(self, persona_id: str, checked: bool):
        chosen = [p for p in self.selected_personas if p != persona_id]
        self.selected_personas = [*chosen, persona_id] if checked else chosen
        self._check_matrix()

    @rx.event
    def set_objective(self, objective_id: str, checked: bool):
        chosen = [o for o in self.selected_objectives if o != objective_id]
        self.selected_objectives = [*chosen, objective_id] if checked else chosen
        self._check_matrix()

    @rx.event
    def pick_all(self, what: str, checked: bool):
        options = self.persona_options if what == "personas" else self.objective_options
        chosen = [o["id"] for o in options] if checked else []
        if what == "personas":
            self.selected_personas = chosen
        else:
            self.selected_objectives = chosen
        self._check_matrix()

    @rx.event
    def field_edited(self, field: str, value: str):
        """Typing into (or picking) a field that was marked wrong clears its mark."""
        if field in self.errors and str(value).strip():
            self._fixed(field)

    @rx.event
    def set_repeats(self, value: str):
        try:
            self.repeats = max(1, min(100, int(value or 1)))
        except ValueError:
            pass

    @rx.event
    async def run(self):
        return await start_run(self, self.editing_id)

    @rx.var
    def session_total(self) -> int:
        return len(self.selected_personas) * len(self.selected_objectives) * self.repeats


# ---- components --------------------------------------------------------------------------


def _suite_row(suite: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.link(suite["name"], href="/suites/" + suite["id"], weight="medium"),
                rx.cond(suite["description"] != "", rx.text(suite["description"], size="1", color_scheme="gray")),
                spacing="1",
                align="start",
            ),
            max_width="18rem",
        ),
        rx.table.cell(suite["agent"]),
        rx.table.cell(rx.text(suite["matrix"], title="personas × objectives × repeats"), white_space="nowrap"),
        rx.table.cell(suite["sessions"]),
        rx.table.cell(
            rx.hstack(
                rx.cond(
                    AuthState.can_write,
                    rx.button(
                        rx.icon("play", size=14),
                        "Run",
                        size="1",
                        on_click=SuitesState.run(suite["id"]),
                        aria_label="Run " + suite["name"],
                    ),
                ),
                item_actions(SuitesState, "suite", suite, "/suites/" + suite["id"]),
                spacing="2",
                align="center",
            ),
            min_width="19rem",
        ),
        vertical_align="middle",
    )


def suites_page() -> rx.Component:
    return shell(
        page_header(
            "Suites",
            "Persona × objective matrices, run on every agent change.",
            new_button("New suite", "/suites/new"),
        ),
        rx.vstack(
            search_box(SuitesState, "Search suites"),
            list_error(SuitesState),
            rx.cond(
                SuitesState.suites.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(h)
                                for h in ("Name", "Agent", "Matrix", "Sessions", "Actions")
                            ]
                        )
                    ),
                    rx.table.body(rx.foreach(SuitesState.suites, _suite_row)),
                    variant="surface",
                    width="100%",
                ),
                empty_state(
                    SuitesState.q != "",
                    "No suites yet. Make one: pick personas and objectives on a grid, and run it.",
                    "No suite matches this search.",
                ),
            ),
            pagination_bar(SuitesState),
            rx.heading("Recent runs", size="4", as_="h2", padding_top="1rem"),
            rx.cond(
                SuitesState.recent_runs.length() > 0,
                runs_table(SuitesState.recent_runs),
                rx.text("No runs yet.", size="2", color_scheme="gray"),
            ),
            spacing="4",
            width="100%",
        ),
        active=ROUTE,
    )


def _agent_select() -> rx.Component:
    s = SuiteEditorState
    error = s.errors.get("agentId", "")
    return rx.vstack(
        rx.el.label(rx.text("Agent under test", size="2", weight="medium"), html_for="field-agentId"),
        rx.el.select(
            rx.foreach(s.agent_options, lambda a: rx.el.option(a["name"], value=a["id"])),
            id="field-agentId",
            name="agentId",
            default_value=s.values.get("agentId", ""),
            on_change=lambda value: s.field_edited("agentId", value),
            style={
                "width": "100%",
                "padding": "0.45rem",
                "border_radius": "var(--radius-2)",
                "border": f"1px solid {rx.color('gray', 7)}",
                "background": rx.color("gray", 1),
                "color": rx.color("gray", 12),
            },
        ),  # fmt: skip
        rx.cond(error != "", rx.text(error, color_scheme="red", size="1", role="alert")),
        spacing="1",
        width="100%",
    )


def _editor_form() -> rx.Component:
    s = SuiteEditorState
    sections = [
        form_section(
            "Basics",
            "What the suite tests, and against which agent.",
            wide(
                input_field(
                    s,
                    "Name",
                    "name",
                    required=True,
                    placeholder="Support smoke test",
                    on_blur=lambda value: s.field_edited("name", value),
                )
            ),
            wide(textarea_field(s, "Description", "description", rows="2")),
            wide(_agent_select()),
        ),
        matrix_section(SuiteEditorState),
        form_section(
            "Runs",
            "How often each cell runs, and the models and settings of its sessions.",
            number_field(
                s,
                "Repeats",
                "repeats",
                step="1",
                min="1",
                max="100",
                on_change=s.set_repeats,
                hint="Sessions per cell; pass^k is computed over them.",
            ),  # fmt: skip
            number_field(
                s,
                "Seed",
                "config.seed",
                step="1",
                min="0",
                hint="Makes offline runs reproducible; repeat r uses seed + r − 1.",
            ),  # fmt: skip
            input_field(
                s, "Simulator model", "simulatorModel", placeholder="The persona's, or the default", **picker_props()
            ),  # fmt: skip
            input_field(s, "Judge model", "config.judgeModel", placeholder="The workspace default", **picker_props()),
            number_field(
                s,
                "Judge repeats",
                "config.judgeRepeats",
                step="1",
                min="1",
                max="11",
                hint="Independent judgements per session; the majority per criterion is the verdict.",
            ),
            input_field(
                s,
                "Require a calibrated judge on set",
                "config.calibrationGate.set",
                placeholder="A calibration set's name (empty: no requirement)",
            ),
            number_field(
                s,
                "Least Cohen's kappa",
                "config.calibrationGate.minKappa",
                step="0.05",
                min="-1",
                max="1",
                hint="Else the runs are marked judge not calibrated and the CI gate fails (default 0.6).",
            ),
            number_field(
                s,
                "Alert when the pass rate is under (%)",
                "config.thresholds.passRate",
                step="1",
                min="0",
                max="100",
                hint="A completed run under it is marked and fires run.below_threshold.",
            ),
            number_field(
                s,
                "Max messages",
                "config.maxMessages",
                step="1",
                min="1",
                max="1000",
                hint="Per session; empty: the objective's turn budget.",
            ),  # fmt: skip
        ),
    ]
    actions = rx.hstack(
        rx.cond(
            AuthState.can_write,
            rx.button(
                rx.icon("save", size=16), rx.cond(s.is_new, "Create suite", "Save changes"), type="submit", size="3"
            ),  # fmt: skip
        ),
        rx.cond(
            AuthState.can_write & ~s.is_new,
            rx.button(
                rx.icon("play", size=16), "Run now", type="button", size="3", color_scheme="green", on_click=s.run
            ),  # fmt: skip
        ),
        link_button("Back to suites", ROUTE, size="3", variant="soft", color_scheme="gray"),
        spacing="3",
    )
    return rx.form(
        rx.el.fieldset(
            rx.vstack(*sections, spacing="4", width="100%"),
            disabled=~AuthState.can_write,
            border="none",
            padding="0",
            margin="0",
            min_width="0",
        ),
        rx.box(actions, padding_top="1.25rem"),
        on_submit=s.save,
        key=s.form_key,
        no_validate=True,
        width="100%",
        custom_attrs={UNSAVED_GUARD: "true"},  # asks before leaving with unsaved changes
    )


def suite_editor_page() -> rx.Component:
    s = SuiteEditorState
    return shell(
        page_header(
            rx.cond(s.is_new, "New suite", "Edit suite"),
            "Personas × objectives × repeats against one agent.",
        ),
        editor_body(s, "suite", _editor_form()),
        rx.cond(~s.is_new, trend_card()),
        rx.cond(
            s.runs_of_suite.length() > 0,
            rx.vstack(
                rx.heading("Runs of this suite", size="4", as_="h2"),
                runs_table(s.runs_of_suite, show_suite=False),
                spacing="3",
                width="100%",
                max_width="60rem",
                padding_top="1.5rem",
            ),
        ),
        active=ROUTE,
    )
