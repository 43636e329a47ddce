"""/objectives (a table, import/export) and the objective editor at /objectives/new and
/objectives/<id>."""

from __future__ import annotations

from typing import Any, ClassVar, TypedDict

import reflex as rx
import yaml

from app.models.library import ObjectiveConfig, ObjectiveCreate
from app.services import objectives
from app.services.pagination import PageParams, Paginated
from app.ui.components.layout import page_header, shell
from app.ui.components.library import (
    LibraryEditorState,
    LibraryListState,
    TransferState,
    editor_body,
    editor_form,
    empty_state,
    form_section,
    import_report,
    input_field,
    item_actions,
    join_commas,
    join_lines,
    list_error,
    new_button,
    number_field,
    number_text,
    omit_blank,
    pagination_bar,
    search_box,
    select_field,
    split_commas,
    split_lines,
    textarea_field,
    transfer_bar,
    validated,
    wide,
)
from app.ui.state.auth import AuthState

ROUTE = "/objectives"
AUTONOMY_LEVELS = (("guided", "guided"), ("goal-directed", "goal-directed"), ("exploratory", "exploratory"))
GOAL_EXCERPT = 140


class ObjectiveRow(TypedDict):
    id: str
    name: str
    description: str
    goal: str
    criteria: int
    checks: int
    max_turns: int
    max_actions: int
    autonomy: str


def _row(objective: dict[str, Any]) -> ObjectiveRow:
    definition, config = objective.get("definition") or {}, objective.get("config") or {}
    goal = " ".join(str(definition.get("goal", "")).split())
    return ObjectiveRow(
        id=objective["id"],
        name=objective["name"],
        description=objective.get("description", ""),
        goal=goal if len(goal) <= GOAL_EXCERPT else goal[: GOAL_EXCERPT - 1].rstrip() + "…",
        criteria=len(definition.get("successCriteria") or []),
        checks=len(objective.get("checks") or []),
        max_turns=int(config.get("maxTurns", 0)),
        max_actions=int(config.get("maxActions", 0)),
        autonomy=str(config.get("autonomyLevel", "")),
    )


class ObjectivesState(LibraryListState, TransferState, AuthState):
    objectives: list[ObjectiveRow] = []

    NOUN: ClassVar[str] = "objective"
    KIND: ClassVar[str] = "objectives"

    async def _fetch(self, params: PageParams) -> Paginated:
        return await self._call(objectives.list_objectives, params=params, q=self.q.strip() or None)

    def _show(self, items: list[dict[str, Any]]) -> None:
        self.objectives = [_row(item) for item in items]

    async def _duplicate(self, item_id: str) -> str:
        return (await self._call(objectives.duplicate_objective, objective_id=item_id)).name

    async def _delete(self, item_id: str) -> None:
        await self._call(objectives.delete_objective, objective_id=item_id)


# ---- the editor ------------------------------------------------------------------------


def objective_values(objective: dict[str, Any]) -> dict[str, str]:
    """An objective (as the API writes it) as the editor's input texts."""
    definition, config = objective.get("definition") or {}, objective.get("config") or {}
    return {
        "name": objective.get("name", ""),
        "description": objective.get("description", ""),
        "definition.goal": definition.get("goal", ""),
        "definition.constraints": join_lines(definition.get("constraints")),
        "definition.successCriteria": join_lines(definition.get("successCriteria")),
        "definition.keywords": join_commas(definition.get("keywords")),
        "config.autonomyLevel": config.get("autonomyLevel", "goal-directed"),
        "config.maxActions": number_text(config.get("maxActions")),
        "config.maxTurns": number_text(config.get("maxTurns")),
        "checks": yaml.safe_dump(
            [
                {k: v for k, v in check.items() if v is not None and v != "" and v is not False}
                for check in objective["checks"]
            ],
            sort_keys=False,
            allow_unicode=True,
            width=1000,
        )
        if objective.get("checks")
        else "",
    }


CHECKS_HINT = (
    "Deterministic checks of the agent's replies, as YAML (one item per check), each its own verdict row: "
    "type contains / not_contains / regex / not_regex (value: the text or pattern), max_latency (value: ms), "
    "max_turns, language (value: en, es...), json_schema (schema: {...}); optional scope (any, every, last), "
    "caseSensitive, label, and criterion: the number (from 0) of the success criterion it decides."
)


def parse_checks(text: str) -> tuple[list[Any], dict[str, str]]:
    """The checks field's YAML (or JSON) as a list, and the problem with it if any."""
    if not (text or "").strip():
        return [], {}
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [], {"checks": f"Not valid YAML: {str(exc).splitlines()[0]}"}
    if isinstance(parsed, dict):
        parsed = [parsed]
    if not isinstance(parsed, list):
        return [], {"checks": "A list of checks, one item per check."}
    return parsed, {}


def objective_payload(form: dict[str, Any]) -> dict[str, Any]:
    """The editor's form as an ObjectiveCreate document."""
    return {
        "name": form.get("name", ""),
        "description": form.get("description", "").strip(),
        "definition": {
            "goal": form.get("definition.goal", ""),
            "constraints": split_lines(form.get("definition.constraints")),
            "successCriteria": split_lines(form.get("definition.successCriteria")),
            "keywords": split_commas(form.get("definition.keywords")),
        },
        "config": omit_blank(
            {
                "autonomyLevel": form.get("config.autonomyLevel", ""),
                "maxActions": form.get("config.maxActions", "").strip(),
                "maxTurns": form.get("config.maxTurns", "").strip(),
            }
        ),
        "checks": parse_checks(form.get("checks", ""))[0],
    }


class ObjectiveEditorState(LibraryEditorState, AuthState):
    LIST_ROUTE: ClassVar[str] = ROUTE
    FIELD_NAMES: ClassVar[tuple[str, ...]] = (
        "name",
        "description",
        "definition.goal",
        "definition.constraints",
        "definition.successCriteria",
        "definition.keywords",
        "config.autonomyLevel",
        "config.maxActions",
        "config.maxTurns",
        "checks",
    )

    async def _blank(self) -> dict[str, str]:
        return objective_values({"config": ObjectiveConfig().model_dump(mode="json", by_alias=True)})

    async def _fetch_values(self, item_id: str) -> dict[str, str]:
        objective = await self._call(objectives.get_objective, objective_id=item_id)
        return objective_values(objective.model_dump(mode="json", by_alias=True))

    def _build(self, form: dict[str, Any]) -> ObjectiveCreate:
        return validated(ObjectiveCreate, objective_payload(form), parse_checks(form.get("checks", ""))[1])

    async def _store(self, data: ObjectiveCreate) -> str:
        if self.editing_id:
            saved = await self._call(objectives.replace_objective, objective_id=self.editing_id, data=data)
        else:
            saved = await self._call(objectives.create_objective, data=data)
        return saved.name


# ---- the list page ---------------------------------------------------------------------


def _objective_row(objective: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.link(objective["name"], href="/objectives/" + objective["id"], weight="medium"),
                rx.cond(
                    objective["description"] != "",
                    rx.text(objective["description"], size="1", color_scheme="gray"),
                ),
                spacing="1",
                align="start",
            ),
            max_width="16rem",
        ),
        rx.table.cell(rx.text(objective["goal"], size="2"), max_width="26rem"),
        rx.table.cell(
            rx.badge(objective["criteria"], variant="soft", color_scheme="gray"),
            rx.cond(objective["checks"] > 0, rx.text(objective["checks"], " checks", size="1", color_scheme="gray")),
        ),
        rx.table.cell(
            rx.text(objective["max_turns"], " turns", size="2"),
            rx.text(objective["max_actions"], " actions", size="1", color_scheme="gray"),
            white_space="nowrap",
        ),
        rx.table.cell(
            rx.badge(
                objective["autonomy"],
                color_scheme=rx.match(objective["autonomy"], ("guided", "blue"), ("exploratory", "orange"), "violet"),
                variant="soft",
            )
        ),
        rx.table.cell(
            item_actions(ObjectivesState, "objective", objective, "/objectives/" + objective["id"]), min_width="15rem"
        ),
        vertical_align="middle",
    )


def objectives_page() -> rx.Component:
    return shell(
        page_header(
            "Objectives",
            "What a persona tries to get done: a goal, constraints, success criteria and a budget.",
            new_button("New objective", "/objectives/new"),
        ),
        rx.vstack(
            rx.hstack(
                search_box(ObjectivesState, "Search objectives"),
                rx.spacer(),
                transfer_bar(ObjectivesState, "objective-import"),
                align="end",
                width="100%",
                wrap="wrap",
                spacing="3",
            ),
            import_report(ObjectivesState),
            list_error(ObjectivesState),
            rx.cond(
                ObjectivesState.objectives.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Name"),
                            rx.table.column_header_cell("Goal"),
                            rx.table.column_header_cell("Criteria"),
                            rx.table.column_header_cell("Budget"),
                            rx.table.column_header_cell("Autonomy"),
                            rx.table.column_header_cell("Actions"),
                        )
                    ),
                    rx.table.body(rx.foreach(ObjectivesState.objectives, _objective_row)),
                    variant="surface",
                    width="100%",
                ),
                empty_state(
                    ObjectivesState.q != "",
                    "No objectives yet. Create one, or import a JSON or YAML file.",
                    "No objective matches this search.",
                ),
            ),
            pagination_bar(ObjectivesState),
            spacing="4",
            width="100%",
        ),
        active=ROUTE,
    )


def _editor_sections() -> list[rx.Component]:
    s = ObjectiveEditorState
    return [
        form_section(
            "Basics",
            "How the objective appears in the library.",
            wide(input_field(s, "Name", "name", required=True, placeholder="Request a refund")),
            wide(textarea_field(s, "Description", "description", rows="2")),
        ),
        form_section(
            "Definition",
            "What the persona wants, what limits it, and what the judge checks one by one.",
            wide(
                textarea_field(
                    s,
                    "Goal",
                    "definition.goal",
                    rows="4",
                    required=True,
                    hint="In the persona's words: what they want and the facts they bring (order numbers, dates).",
                )
            ),
            wide(textarea_field(s, "Constraints", "definition.constraints", rows="4", hint="One constraint per line.")),
            wide(
                textarea_field(
                    s,
                    "Success criteria",
                    "definition.successCriteria",
                    rows="5",
                    hint="One criterion per line, each checkable against the transcript.",
                )
            ),
            wide(
                input_field(
                    s,
                    "Keywords",
                    "definition.keywords",
                    placeholder="refund, return, order",
                    hint="Comma-separated words a link or button toward this goal would carry; the offline browser "
                    "explorer follows them.",
                )
            ),
        ),
        form_section(
            "Checks",
            "What the judge needs no LLM for: every session runs them, whatever the model.",
            wide(
                textarea_field(
                    s,
                    "Checks",
                    "checks",
                    rows="6",
                    monospace=True,
                    placeholder='- {type: regex, value: "delivered on \\w+day", criterion: 0}\n'
                    "- {type: max_latency, value: 5000}",
                    hint=CHECKS_HINT,
                )
            ),
        ),
        form_section(
            "Budget",
            "How freely the persona acts, and when the session stops.",
            wide(select_field(s, "Autonomy level", "config.autonomyLevel", AUTONOMY_LEVELS)),
            number_field(
                s,
                "Max turns",
                "config.maxTurns",
                step="1",
                min="1",
                max="200",
                hint="Chat budget: the persona's messages, 1 to 200.",
            ),
            number_field(
                s,
                "Max actions",
                "config.maxActions",
                step="1",
                min="1",
                max="500",
                hint="Browser budget: clicks, typing and navigations, 1 to 500.",
            ),
        ),
    ]


def objective_editor_page() -> rx.Component:
    s = ObjectiveEditorState
    return shell(
        page_header(
            rx.cond(s.is_new, "New objective", "Edit objective"),
            "A goal with constraints and success criteria, and the budget to reach it in.",
        ),
        editor_body(s, "objective", editor_form(s, "objective", *_editor_sections())),
        active=ROUTE,
    )
