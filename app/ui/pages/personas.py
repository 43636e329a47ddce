"""/personas (cards with the traits at a glance, import/export) and the persona editor
at /personas/new and /personas/<id>."""

from __future__ import annotations

import re
from typing import Any, ClassVar, TypedDict

import reflex as rx

from app.models.library import PersonaCreate
from app.services import personas
from app.services.pagination import PageParams, Paginated
from app.ui.components.layout import page_header, shell
from app.ui.components.library import (
    NOT_SET,
    LibraryEditorState,
    LibraryListState,
    TransferState,
    editor_body,
    editor_form,
    empty_state,
    form_section,
    format_pairs,
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
    parse_pairs,
    search_box,
    select_field,
    split_commas,
    split_lines,
    textarea_field,
    transfer_bar,
    validated,
    wide,
)
from app.ui.components.model_picker import picker_props
from app.ui.components.voice import VOICE_FIELD_NAMES, voice_payload, voice_section, voice_values
from app.ui.state.auth import AuthState

ROUTE = "/personas"
COMMUNICATION_STYLES = ("direct", "verbose", "polite", "terse", "casual", "formal", "emotional", "adversarial")
LEVELS = ("low", "medium", "high")
# The traits with an input of their own; any other trait is a "key: value" line.
NAMED_TRAITS = ("communication_style", "patience_level", "urgency")
TRAIT_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


class PersonaCard(TypedDict):
    id: str
    name: str
    description: str
    communication_style: str
    patience_level: str
    urgency: str
    archetype: str
    tags: list[str]
    language: str


def _card(persona: dict[str, Any]) -> PersonaCard:
    traits, meta = persona.get("traits") or {}, persona.get("metadata") or {}
    return PersonaCard(
        id=persona["id"],
        name=persona["name"],
        description=persona.get("description", ""),
        communication_style=str(traits.get("communication_style") or ""),
        patience_level=str(traits.get("patience_level") or ""),
        urgency=str(traits.get("urgency") or ""),
        archetype=meta.get("archetype", ""),
        tags=[str(t) for t in meta.get("tags") or []],
        language=persona.get("language", ""),
    )


class PersonasState(LibraryListState, TransferState, AuthState):
    personas: list[PersonaCard] = []

    NOUN: ClassVar[str] = "persona"
    KIND: ClassVar[str] = "personas"

    async def _fetch(self, params: PageParams) -> Paginated:
        return await self._call(personas.list_personas, params=params, q=self.q.strip() or None)

    def _show(self, items: list[dict[str, Any]]) -> None:
        self.personas = [_card(item) for item in items]

    async def _duplicate(self, item_id: str) -> str:
        return (await self._call(personas.duplicate_persona, persona_id=item_id)).name

    async def _delete(self, item_id: str) -> None:
        await self._call(personas.delete_persona, persona_id=item_id)


# ---- the editor ------------------------------------------------------------------------


def persona_values(persona: dict[str, Any]) -> dict[str, str]:
    """A persona (as the API writes it) as the editor's input texts."""
    definition = persona.get("definition") or {}
    traits = dict(persona.get("traits") or {})
    named = {key: traits.pop(key, None) for key in NAMED_TRAITS}
    meta, config, llm = persona.get("metadata") or {}, persona.get("config") or {}, persona.get("llmConfig") or {}
    return {
        "name": persona.get("name", ""),
        "description": persona.get("description", ""),
        "prompt": persona.get("prompt", ""),
        "definition.identity": definition.get("identity", ""),
        "definition.techProfile": definition.get("techProfile", ""),
        "definition.personality": definition.get("personality", ""),
        "definition.tendencies": join_lines(definition.get("tendencies")),
        **{f"traits.{key}": str(value) if value else NOT_SET for key, value in named.items()},
        "traits.extra": format_pairs({k: v for k, v in traits.items() if v is not None}, typed=True),
        "metadata.archetype": meta.get("archetype", ""),
        "metadata.tags": join_commas(meta.get("tags")),
        "config.messageInterval": number_text(config.get("messageInterval")),
        "config.sessionDuration": number_text(config.get("sessionDuration")),
        **voice_values(config.get("voice")),
        "llmConfig.model": llm.get("model") or "",
        "llmConfig.temperature": number_text(llm.get("temperature")),
        "language": persona.get("language", "en"),
    }


def persona_payload(form: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The editor's form as a PersonaCreate document, and what the form itself finds wrong."""
    problems: dict[str, str] = {}
    try:
        extra = parse_pairs(form.get("traits.extra"), typed=True)
    except ValueError as exc:
        extra, problems["traits.extra"] = {}, str(exc)
    for key in extra:
        if key in NAMED_TRAITS:
            problems["traits.extra"] = f"{key} has its own field above"
        elif not TRAIT_KEY.match(key):
            problems["traits.extra"] = f"{key}: a trait name is snake_case (a-z, 0-9 and _)"
    named = {key: form.get(f"traits.{key}", NOT_SET) for key in NAMED_TRAITS}
    payload = {
        "name": form.get("name", ""),
        "description": form.get("description", "").strip(),
        "prompt": form.get("prompt", "").strip(),
        "definition": {
            "identity": form.get("definition.identity", "").strip(),
            "techProfile": form.get("definition.techProfile", "").strip(),
            "personality": form.get("definition.personality", "").strip(),
            "tendencies": split_lines(form.get("definition.tendencies")),
        },
        "traits": {**extra, **{key: value for key, value in named.items() if value and value != NOT_SET}},
        "metadata": {
            "archetype": form.get("metadata.archetype", "").strip(),
            "tags": split_commas(form.get("metadata.tags")),
        },
        "config": omit_blank(
            {
                "messageInterval": form.get("config.messageInterval", "").strip(),
                "sessionDuration": form.get("config.sessionDuration", "").strip(),
                "voice": voice_payload(form) or "",
            }
        ),
        "llmConfig": {
            "model": form.get("llmConfig.model", "").strip() or None,
            "temperature": form.get("llmConfig.temperature", "").strip() or None,
        },
        "language": form.get("language", "").strip(),
    }
    return payload, problems


class PersonaEditorState(LibraryEditorState, AuthState):
    # The seed's styles, plus a persona's own when it uses another one.
    style_options: list[str] = list(COMMUNICATION_STYLES)

    LIST_ROUTE: ClassVar[str] = ROUTE
    FIELD_NAMES: ClassVar[tuple[str, ...]] = (
        "name",
        "description",
        "prompt",
        "definition.identity",
        "definition.techProfile",
        "definition.personality",
        "definition.tendencies",
        "traits.communication_style",
        "traits.patience_level",
        "traits.urgency",
        "traits.extra",
        "metadata.archetype",
        "metadata.tags",
        "config.messageInterval",
        "config.sessionDuration",
        *VOICE_FIELD_NAMES,
        "llmConfig.model",
        "llmConfig.temperature",
        "language",
    )
    # Any other trait is one of the "key: value" lines.
    FALLBACK: ClassVar[dict[str, str]] = {"traits": "traits.extra"}
    PATTERN_MESSAGES: ClassVar[dict[str, str]] = {"language": "must be a language code such as en, fr or pt-BR"}

    def _with_style(self, values: dict[str, str]) -> dict[str, str]:
        style = values.get("traits.communication_style", NOT_SET)
        extra = [style] if style != NOT_SET and style not in COMMUNICATION_STYLES else []
        self.style_options = [*COMMUNICATION_STYLES, *extra]
        return values

    async def _blank(self) -> dict[str, str]:
        blank = PersonaCreate(name="-").model_dump(mode="json", by_alias=True)
        return self._with_style({**persona_values(blank), "name": ""})

    async def _fetch_values(self, item_id: str) -> dict[str, str]:
        persona = await self._call(personas.get_persona, persona_id=item_id)
        return self._with_style(persona_values(persona.model_dump(mode="json", by_alias=True)))

    def _build(self, form: dict[str, Any]) -> PersonaCreate:
        payload, problems = persona_payload(form)
        return validated(PersonaCreate, payload, problems)

    async def _store(self, data: PersonaCreate) -> str:
        if self.editing_id:
            saved = await self._call(personas.replace_persona, persona_id=self.editing_id, data=data)
        else:
            saved = await self._call(personas.create_persona, data=data)
        return saved.name


# ---- the list page ---------------------------------------------------------------------


def _level_color(level: rx.Var, high_is_good: bool) -> rx.Var:
    good, bad = ("green", "tomato") if high_is_good else ("tomato", "green")
    return rx.match(level, ("low", bad), ("medium", "amber"), ("high", good), "gray")


def _persona_card(persona: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.link(
                    rx.heading(persona["name"], size="4", as_="h2", trim="both"),
                    href="/personas/" + persona["id"],
                    underline="hover",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                rx.spacer(),
                rx.badge(
                    rx.icon("languages", size=12),
                    persona["language"],
                    variant="outline",
                    color_scheme="gray",
                    title="Language",
                ),
                width="100%",
                align="start",
            ),
            rx.text(
                persona["description"],
                size="2",
                color_scheme="gray",
                style={"display": "-webkit-box", "-webkit-line-clamp": "3", "-webkit-box-orient": "vertical"},
                overflow="hidden",
            ),
            rx.hstack(
                rx.cond(
                    persona["communication_style"] != "",
                    rx.badge(rx.icon("message-circle", size=12), persona["communication_style"], color_scheme="violet"),
                ),
                rx.cond(
                    persona["patience_level"] != "",
                    rx.badge(
                        "patience: ",
                        persona["patience_level"],
                        color_scheme=_level_color(persona["patience_level"], high_is_good=True),
                    ),
                ),
                rx.cond(
                    persona["urgency"] != "",
                    rx.badge(
                        "urgency: ",
                        persona["urgency"],
                        color_scheme=_level_color(persona["urgency"], high_is_good=False),
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            rx.cond(
                persona["archetype"] != "",
                rx.text("Archetype ", rx.code(persona["archetype"], variant="ghost"), size="1", color_scheme="gray"),
            ),
            rx.hstack(
                rx.foreach(
                    persona["tags"],
                    lambda tag: rx.badge("#", tag, variant="surface", color_scheme="gray", radius="full"),
                ),
                spacing="1",
                wrap="wrap",
            ),
            rx.spacer(),
            item_actions(PersonasState, "persona", persona, "/personas/" + persona["id"]),
            spacing="3",
            height="100%",
            align="start",
        ),
        height="100%",
    )


def personas_page() -> rx.Component:
    return shell(
        page_header(
            "Personas",
            "Synthetic users with an identity, a tech profile, a personality and behaviour traits.",
            new_button("New persona", "/personas/new"),
        ),
        rx.vstack(
            rx.hstack(
                search_box(PersonasState, "Search personas"),
                rx.spacer(),
                transfer_bar(PersonasState, "persona-import"),
                align="end",
                width="100%",
                wrap="wrap",
                spacing="3",
            ),
            import_report(PersonasState),
            list_error(PersonasState),
            rx.cond(
                PersonasState.personas.length() > 0,
                rx.grid(
                    rx.foreach(PersonasState.personas, _persona_card),
                    columns=rx.breakpoints(initial="1", sm="2", xl="3"),
                    spacing="4",
                    width="100%",
                ),
                empty_state(
                    PersonasState.q != "",
                    "No personas yet. Create one, or import a JSON or YAML file.",
                    "No persona matches this search.",
                ),
            ),
            pagination_bar(PersonasState),
            spacing="4",
            width="100%",
        ),
        active=ROUTE,
    )


def _editor_sections() -> list[rx.Component]:
    s = PersonaEditorState
    level_options = [(NOT_SET, "Not set"), *((level, level) for level in LEVELS)]
    return [
        form_section(
            "Basics",
            "How the persona appears in the library, and the instructions the simulator plays it by.",
            input_field(s, "Name", "name", required=True, placeholder="Margaret Hill (low-tech retiree)"),
            input_field(s, "Language", "language", placeholder="en", hint="A language code: en, fr, pt-BR."),
            wide(textarea_field(s, "Description", "description", rows="2")),
            wide(
                textarea_field(
                    s,
                    "Prompt",
                    "prompt",
                    rows="6",
                    hint="Tells the simulating model how to play this user: voice, habits, when to give up.",
                )
            ),
        ),
        form_section(
            "Definition",
            "Who the persona is.",
            wide(textarea_field(s, "Identity", "definition.identity", rows="3")),
            textarea_field(s, "Tech profile", "definition.techProfile", rows="3"),
            textarea_field(s, "Personality", "definition.personality", rows="3"),
            wide(textarea_field(s, "Tendencies", "definition.tendencies", rows="5", hint="One tendency per line.")),
        ),
        form_section(
            "Traits",
            "How the persona behaves in a conversation.",
            select_field(
                s,
                "Communication style",
                "traits.communication_style",
                [(NOT_SET, "Not set"), *((style, style) for style in COMMUNICATION_STYLES)],
            ),
            select_field(s, "Patience level", "traits.patience_level", level_options),
            select_field(s, "Urgency", "traits.urgency", level_options),
            wide(
                textarea_field(
                    s,
                    "Other traits",
                    "traits.extra",
                    rows="4",
                    monospace=True,
                    placeholder="tech_savviness: low\ntypo_rate: 0.08",
                    hint='One "name: value" per line; names in snake_case. Numbers, true/false and JSON lists '
                    "keep their type.",
                )
            ),
        ),
        form_section(
            "Metadata and pacing",
            "How the library groups the persona, and the budget of a session played by it.",
            input_field(s, "Archetype", "metadata.archetype", placeholder="low-tech-senior"),
            input_field(s, "Tags", "metadata.tags", placeholder="elderly, accessibility", hint="Comma-separated."),
            number_field(
                s,
                "Message interval (seconds)",
                "config.messageInterval",
                min="0",
                hint="Pause between the persona's messages.",
            ),
            number_field(
                s,
                "Session duration (seconds)",
                "config.sessionDuration",
                step="1",
                min="10",
                hint="The session's time budget, 10 to 86400.",
            ),
        ),
        voice_section(s),
        form_section(
            "Simulator model",
            "Leave empty to use the workspace's default simulator model.",
            input_field(
                s, "Simulator model (optional)", "llmConfig.model", placeholder="mimic/offline", **picker_props()
            ),
            number_field(s, "Simulator temperature (optional)", "llmConfig.temperature", min="0", max="2"),
        ),
    ]


def persona_editor_page() -> rx.Component:
    s = PersonaEditorState
    return shell(
        page_header(
            rx.cond(s.is_new, "New persona", "Edit persona"),
            "A synthetic user: who they are, how they write, and what makes them give up.",
        ),
        editor_body(s, "persona", editor_form(s, "persona", *_editor_sections())),
        active=ROUTE,
    )
