"""What the Personas, Objectives and Agents pages share.

- State mixins: `LibraryListState` (search, one page of items, duplicate, delete),
  `TransferState` (export and import as JSON or YAML) and `LibraryEditorState` (the
  create/edit form: load, save, errors placed next to their field). A page's State
  subclasses the mixins it needs and AuthState, and fills in the `_`-methods.
- Components: a search box, a pagination bar, a delete button that asks first, the
  import/export bar, and labelled editor fields whose error shows under them.
- Helpers that turn list-like fields into text and back: one per line, comma-separated,
  and "key: value" lines.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

import reflex as rx
from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel

from app.db import session_scope
from app.services import transfer
from app.services.access import Principal
from app.services.errors import AuthenticationFailed, FieldError, ServiceError, ValidationFailed, clean_message
from app.services.pagination import PageParams, Paginated
from app.ui.shell_script import UNSAVED_GUARD
from app.ui.state.auth import AuthState, login_url
from app.ui.state.errors import field_errors

PAGE_SIZE = 20
# A select's "not set": Radix refuses an item whose value is the empty string.
NOT_SET = "none"
FIX_BELOW = "Please correct the fields marked below."


# ---- list-like fields as text, and back ------------------------------------------------


def split_lines(text: str | None) -> list[str]:
    """One item per line; blank lines are dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def join_lines(items: Sequence[Any] | None) -> str:
    return "\n".join(str(item) for item in items or [])


def split_commas(text: str | None) -> list[str]:
    """Comma-separated items, blanks and repeats dropped, in the order written."""
    items: list[str] = []
    for item in (text or "").split(","):
        item = item.strip()
        if item and item not in items:
            items.append(item)
    return items


def join_commas(items: Sequence[Any] | None) -> str:
    return ", ".join(str(item) for item in items or [])


def number_text(value: Any) -> str:
    """A number as an input shows it: 30.0 reads 30; None reads empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError:
            return value
        return json.dumps(value)  # "42" stays a string when read back, not the number 42
    return json.dumps(value, ensure_ascii=False)


def format_pairs(pairs: dict[str, Any] | None, *, typed: bool = False) -> str:
    """ "key: value" lines; with `typed`, values that are not strings are written as JSON."""
    return "\n".join(f"{key}: {_value_text(value) if typed else value}" for key, value in (pairs or {}).items())


def parse_pairs(text: str | None, *, typed: bool = False) -> dict[str, Any]:
    """ "key: value" lines into a dict (raises ValueError naming the line). With `typed`,
    a value that reads as JSON (0.5, true, ["a"]) keeps its type; anything else is text."""
    pairs: dict[str, Any] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not colon or not key:
            raise ValueError(f"line {number}: write it as name: value")
        if typed and value:
            try:
                pairs[key] = json.loads(value)
                continue
            except ValueError:
                pass
        pairs[key] = value
    return pairs


def omit_blank(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the form left empty, so the schema's default applies."""
    return {key: value for key, value in values.items() if value not in ("", None)}


def validated(schema: type[BaseModel], payload: dict[str, Any], problems: dict[str, str]) -> Any:
    """`payload` as `schema`; every bad field at once (the form's own `problems` too), as ValidationFailed."""
    details = dict(problems)
    try:
        data = schema.model_validate(payload)
    except ValidationError as exc:
        for name, message in field_errors(exc)[1].items():
            details.setdefault(name, message)
        data = None
    if details:
        raise ValidationFailed(FIX_BELOW, [FieldError(name, message) for name, message in details.items()])
    return data


def _camel_path(path: str) -> str:
    return ".".join(to_camel(part) if not part.isdigit() else part for part in path.split("."))


def place_errors(
    details: dict[str, str], names: Sequence[str], fallback: dict[str, str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """({input name: message}, messages that belong to no input).

    An error's path goes to the input of its longest matching prefix: "metadata.tags.2"
    lands on the "metadata.tags" input as "item 3: ...". `fallback` names the input for a
    whole branch ({"traits": "traits.extra"}). Snake and camel case compare equal.
    """
    inputs = {_camel_path(name): name for name in names}
    branches = {_camel_path(prefix): name for prefix, name in (fallback or {}).items()}
    placed: dict[str, str] = {}
    unplaced: list[str] = []
    for path, message in details.items():
        parts = path.split(".")
        camel = _camel_path(path).split(".")
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(camel[:cut])
            target = inputs.get(prefix) or branches.get(prefix)
            if target is None:
                continue
            rest = parts[cut:]
            if rest and rest[0].isdigit():
                message = f"item {int(rest[0]) + 1}: {message}"
            elif rest:
                message = f"{'.'.join(rest)}: {message}"
            if target in placed:
                placed[target] += f"; {message}"
            else:
                placed[target] = message
            break
        else:
            unplaced.append(message if path in ("", "form") else f"{path}: {message}")
    return placed, unplaced


# ---- state mixins ----------------------------------------------------------------------


class LibraryListState(rx.State, mixin=True):
    """A list page: a search over name and description, one page of items, and the
    per-item duplicate and delete. A page fills `_fetch`, `_show`, `_duplicate`, `_delete`."""

    q: str = ""
    page: int = 1
    pages: int = 0
    total: int = 0
    list_error: str = ""

    NOUN: ClassVar[str] = "item"

    def _fetch(self, session, principal: Principal, params: PageParams) -> Paginated:
        raise NotImplementedError

    def _show(self, items: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    def _duplicate(self, session, principal: Principal, item_id: str) -> str:
        """Copies the item; returns the copy's name."""
        raise NotImplementedError

    def _delete(self, session, principal: Principal, item_id: str) -> None:
        raise NotImplementedError

    def _refresh(self) -> None:
        principal = self._principal()  # type: ignore[attr-defined]
        with session_scope() as session:
            result = self._fetch(session, principal, PageParams(page=self.page, limit=PAGE_SIZE))
            if result.pagination.pages and self.page > result.pagination.pages:
                # The last page emptied (a delete, a narrower search): show the new last one.
                self.page = result.pagination.pages
                result = self._fetch(session, principal, PageParams(page=self.page, limit=PAGE_SIZE))
        dumped = result.model_dump(mode="json", by_alias=True)
        self.pages, self.total = dumped["pagination"]["pages"], dumped["pagination"]["total"]
        self._show(dumped["data"])
        self.list_error = ""

    def _reload(self):
        try:
            self._refresh()
        except AuthenticationFailed:
            self._sign_out()  # type: ignore[attr-defined]
            return rx.redirect(login_url(self._current_path()))  # type: ignore[attr-defined]
        except ServiceError as exc:
            self.list_error = str(exc)

    @rx.event
    def load(self):
        """on_load."""
        return self._reload()

    @rx.event
    def set_query(self, q: str):
        self.q, self.page = q, 1
        return self._reload()

    @rx.event
    def prev_page(self):
        self.page = max(1, self.page - 1)
        return self._reload()

    @rx.event
    def next_page(self):
        self.page = min(max(self.pages, 1), self.page + 1)
        return self._reload()

    @rx.event
    def duplicate(self, item_id: str):
        try:
            with session_scope() as session:
                name = self._duplicate(session, self._principal(), item_id)  # type: ignore[attr-defined]
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self.page = 1  # the newest come first: the copy is at the top
        self._reload()
        return rx.toast.success(f"Created {name}.")

    @rx.event
    def delete(self, item_id: str, name: str):
        try:
            with session_scope() as session:
                self._delete(session, self._principal(), item_id)  # type: ignore[attr-defined]
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self._reload()
        return rx.toast.success(f"Deleted {name}.")


class TransferState(rx.State, mixin=True):
    """Export every item of the workspace as JSON or YAML, and import a file of them."""

    import_message: str = ""
    import_problems: list[str] = []
    import_failed: bool = False

    KIND: ClassVar[str] = "personas"

    @rx.event
    def export(self, fmt: str):
        try:
            with session_scope() as session:
                document, media_type = transfer.export_items(
                    session=session,
                    principal=self._principal(),  # type: ignore[attr-defined]
                    kind=self.KIND,  # type: ignore[arg-type]
                    fmt="yaml" if fmt == "yaml" else "json",
                )
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        return rx.download(data=document, filename=f"mimic-{self.KIND}.{fmt}", mime_type=media_type)

    @rx.event
    def dismiss_import(self):
        self.import_message, self.import_problems, self.import_failed = "", [], False

    @rx.event
    async def import_file(self, files: list[rx.UploadFile]):
        self.import_message, self.import_problems, self.import_failed = "", [], False
        if not files:
            return
        upload = files[0]
        filename = (upload.filename or upload.name or "").lower()
        fmt = "json" if filename.endswith(".json") else "yaml" if filename.endswith((".yaml", ".yml")) else None
        if fmt is None:
            self.import_failed = True
            self.import_message = "Choose a .json, .yaml or .yml file."
            return
        content = await upload.read()
        try:
            with session_scope() as session:
                result = transfer.import_items(
                    session=session,
                    principal=self._principal(),  # type: ignore[attr-defined]
                    kind=self.KIND,  # type: ignore[arg-type]
                    content=content,
                    fmt=fmt,
                )
        except ServiceError as exc:
            message, details = field_errors(exc)
            self.import_failed = True
            self.import_message = message
            self.import_problems = [
                f"{name}: {clean_message(text)}" if name else text for name, text in details.items()
            ][:50]
            return
        noun = self.KIND if result.imported != 1 else self.KIND[:-1]
        self.import_message = f"Imported {result.imported} {noun}."
        self.page = 1  # type: ignore[attr-defined]
        yield self._reload()  # type: ignore[attr-defined]
        yield rx.toast.success(self.import_message)


class LibraryEditorState(rx.State, mixin=True):
    """The create/edit form of one item, at <list route>/new and <list route>/<id>.

    The inputs are uncontrolled: `values` holds their initial text, keyed by input name,
    and the form remounts (`form_key`) when they are loaded. A page fills `_blank`,
    `_fetch_values`, `_build` (form -> Create schema) and `_store` (create or replace)."""

    editing_id: str = ""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    error: str = ""
    problems: list[str] = []
    missing: bool = False
    form_key: int = 0

    LIST_ROUTE: ClassVar[str] = "/"
    FIELD_NAMES: ClassVar[tuple[str, ...]] = ()
    FALLBACK: ClassVar[dict[str, str]] = {}
    # Plain words for a field whose pattern the schema checks, instead of the regex.
    PATTERN_MESSAGES: ClassVar[dict[str, str]] = {}

    @rx.var
    def is_new(self) -> bool:
        return self.editing_id == ""

    def _blank(self) -> dict[str, str]:
        raise NotImplementedError

    def _fetch_values(self, session, principal: Principal, item_id: str) -> dict[str, str]:
        raise NotImplementedError

    def _build(self, form: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _store(self, session, principal: Principal, data: Any) -> str:
        """Creates (no editing_id) or replaces the item; returns its name."""
        raise NotImplementedError

    def _field_names(self) -> Sequence[str]:
        return self.FIELD_NAMES

    def _item_id_from_path(self) -> str:
        last = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return "" if last == "new" else last

    def _clear_errors(self) -> None:
        self.errors, self.error, self.problems = {}, "", []

    def _show_errors(self, exc: ServiceError | ValidationError) -> None:
        message, details = field_errors(exc)
        for name, text in details.items():
            if text.startswith("String should match pattern") and name in self.PATTERN_MESSAGES:
                details[name] = self.PATTERN_MESSAGES[name]
        self.errors, self.problems = place_errors(details, self._field_names(), self.FALLBACK)
        self.error = message or FIX_BELOW

    @rx.event
    def load(self):
        """on_load: a blank form at /new, else the item's values."""
        self._clear_errors()
        self.missing = False
        self.editing_id = self._item_id_from_path()
        try:
            if self.editing_id:
                with session_scope() as session:
                    self.values = self._fetch_values(session, self._principal(), self.editing_id)  # type: ignore[attr-defined]
            else:
                self.values = self._blank()
        except AuthenticationFailed:
            self._sign_out()  # type: ignore[attr-defined]
            return rx.redirect(login_url(self._current_path()))  # type: ignore[attr-defined]
        except ServiceError as exc:
            self.missing, self.error, self.values = True, str(exc), {}
        self.form_key += 1

    @rx.event
    def save(self, form: dict[str, Any]):
        self._clear_errors()
        try:
            data = self._build(form)
            with session_scope() as session:
                name = self._store(session, self._principal(), data)  # type: ignore[attr-defined]
        except (ServiceError, ValidationError) as exc:
            self._show_errors(exc)
            return rx.scroll_to(ERROR_SUMMARY_ID)  # the banner in view, wherever Save was pressed
        verb = "Created" if self.is_new else "Saved"
        return [rx.toast.success(f"{verb} {name}."), rx.redirect(self.LIST_ROUTE)]


# ---- list page components --------------------------------------------------------------


def search_box(state: type[LibraryListState], label: str) -> rx.Component:
    """Searches name and description as one types (debounced)."""
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for="library-search"),
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            id="library-search",
            type="search",
            value=state.q,
            on_change=state.set_query,
            placeholder="Name or description",
            width="20rem",
        ),
        spacing="1",
        align="start",
    )


def pagination_bar(state: type[LibraryListState]) -> rx.Component:
    return rx.cond(
        state.total > 0,
        rx.hstack(
            rx.text(
                "Page ",
                state.page,
                " of ",
                state.pages,
                " · ",
                state.total,
                rx.cond(state.total == 1, " item", " items"),
                size="2",
                color_scheme="gray",
            ),
            rx.spacer(),
            rx.button(
                rx.icon("chevron-left", size=16),
                "Prev",
                variant="soft",
                color_scheme="gray",
                disabled=state.page <= 1,
                on_click=state.prev_page,
                aria_label="Previous page",
            ),
            rx.button(
                "Next",
                rx.icon("chevron-right", size=16),
                variant="soft",
                color_scheme="gray",
                disabled=state.page >= state.pages,
                on_click=state.next_page,
                aria_label="Next page",
            ),
            align="center",
            spacing="2",
            width="100%",
            padding_top="1rem",
        ),
    )


def confirm_delete(noun: str, name: rx.Var, on_confirm: rx.EventSpec) -> rx.Component:
    """A Delete button that asks first, in an alert dialog."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("trash-2", size=14),
                "Delete",
                color_scheme="red",
                variant="soft",
                size="1",
                aria_label="Delete " + name,
            ),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(f"Delete this {noun}?"),
            rx.alert_dialog.description(
                rx.text(rx.text.strong(name), " is removed from this workspace. This cannot be undone."),
                size="2",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button(f"Delete {noun}", color_scheme="red", on_click=on_confirm)),
                spacing="3",
                justify="end",
                margin_top="1rem",
            ),
            max_width="28rem",
        ),
    )


def link_button(label: str | rx.Var, href: rx.Var | str, *, icon: str | None = None, **props) -> rx.Component:
    """A link that looks like a button (a real <a>, so it opens in a new tab too)."""
    children = [rx.icon(icon, size=14), label] if icon else [label]
    return rx.button(rx.link(*children, href=href, underline="none"), as_child=True, **props)


def item_actions(state: type[LibraryListState], noun: str, item: rx.Var, edit_href: rx.Var) -> rx.Component:
    """Edit (View for read-only members), Duplicate, Delete."""
    return rx.hstack(
        link_button(
            rx.cond(AuthState.can_write, "Edit", "View"),
            edit_href,
            icon="pencil",
            size="1",
            variant="soft",
            aria_label=rx.cond(AuthState.can_write, "Edit ", "View ") + item["name"],
        ),
        rx.cond(
            AuthState.can_write,
            rx.fragment(
                rx.button(
                    rx.icon("copy", size=14),
                    "Duplicate",
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    aria_label="Duplicate " + item["name"],
                    on_click=state.duplicate(item["id"]),
                ),
                confirm_delete(noun, item["name"], state.delete(item["id"], item["name"])),
            ),
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def new_button(label: str, href: str) -> rx.Component:
    return rx.cond(AuthState.can_write, link_button(label, href, icon="plus"))


def empty_state(searching: rx.Var, nothing_yet: str, nothing_found: str) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon("inbox", size=32, color=rx.color("gray", 9)),
            rx.text(rx.cond(searching, nothing_found, nothing_yet), size="3", color_scheme="gray"),
            align="center",
            spacing="2",
        ),
        padding="3rem",
        width="100%",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="var(--radius-3)",
    )


def list_error(state: type[LibraryListState]) -> rx.Component:
    return rx.cond(
        state.list_error != "",
        rx.callout(state.list_error, icon="triangle-alert", color_scheme="red", role="alert", width="100%"),
    )


def transfer_bar(state: type[TransferState], upload_id: str) -> rx.Component:
    """Export JSON / Export YAML for everyone; Import (a .json, .yaml or .yml file) for editors."""
    return rx.hstack(
        rx.button(
            rx.icon("download", size=14),
            "Export JSON",
            variant="soft",
            color_scheme="gray",
            on_click=state.export("json"),
        ),
        rx.button(
            rx.icon("download", size=14),
            "Export YAML",
            variant="soft",
            color_scheme="gray",
            on_click=state.export("yaml"),
        ),
        rx.cond(
            AuthState.can_write,
            rx.upload.root(
                rx.button(rx.icon("upload", size=14), "Import", variant="soft", color_scheme="gray", type="button"),
                id=upload_id,
                accept={
                    "application/json": [".json"],
                    "application/yaml": [".yaml", ".yml"],
                    "text/yaml": [".yaml", ".yml"],
                },
                multiple=False,
                max_files=1,
                no_drag=True,
                on_drop=state.import_file(rx.upload_files(upload_id=upload_id)),
            ),
        ),
        spacing="2",
        align="center",
    )


def import_report(state: type[TransferState]) -> rx.Component:
    """What the last import did: how many came in, or every problem found."""
    return rx.cond(
        state.import_message != "",
        rx.callout.root(
            rx.callout.icon(rx.cond(state.import_failed, rx.icon("triangle-alert"), rx.icon("circle-check"))),
            rx.vstack(
                rx.text(state.import_message, size="2", weight="medium"),
                rx.cond(
                    state.import_problems.length() > 0,
                    rx.el.ul(
                        rx.foreach(state.import_problems, lambda p: rx.el.li(rx.text(p, size="1"))),
                        padding_left="1rem",
                        margin="0",
                    ),
                ),
                rx.button("Dismiss", size="1", variant="ghost", on_click=state.dismiss_import),
                spacing="1",
                align="start",
            ),
            color_scheme=rx.cond(state.import_failed, "red", "green"),
            role=rx.cond(state.import_failed, "alert", "status"),
            width="100%",
        ),
    )


# ---- editor components -----------------------------------------------------------------


def _labelled(
    state: type[LibraryEditorState], label: str, name: str, control: rx.Component, hint: str | rx.Component = ""
) -> rx.Component:
    """A label linked to its control (as forms.field does), a hint, and the field's error."""
    error = state.errors.get(name, "")
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=f"field-{name}"),
        control,
        _hint(hint),
        rx.cond(error != "", rx.text(error, color_scheme="red", size="1", role="alert")),
        spacing="1",
        width="100%",
        align="start",
    )


def _hint(hint: str | rx.Component) -> rx.Component:
    if isinstance(hint, str):
        return rx.text(hint, size="1", color_scheme="gray") if hint else rx.fragment()
    return hint


def _invalid(state: type[LibraryEditorState], name: str) -> rx.Var:
    return rx.cond(state.errors.get(name, "") != "", "true", "false")


def input_field(
    state: type[LibraryEditorState],
    label: str,
    name: str,
    *,
    hint: str | rx.Component = "",
    type: str = "text",
    placeholder: str = "",
    required: bool = False,
    **props,
) -> rx.Component:
    return _labelled(
        state,
        label,
        name,
        rx.input(
            id=f"field-{name}",
            name=name,
            type=type,
            placeholder=placeholder,
            required=required,
            default_value=state.values.get(name, ""),
            aria_invalid=_invalid(state, name),
            width="100%",
            **props,
        ),
        hint,
    )


def number_field(state: type[LibraryEditorState], label: str, name: str, *, step: str = "any", **props) -> rx.Component:
    return input_field(state, label, name, type="number", step=step, **props)


def textarea_field(
    state: type[LibraryEditorState],
    label: str,
    name: str,
    *,
    hint: str | rx.Component = "",
    placeholder: str = "",
    rows: str = "4",
    required: bool = False,
    monospace: bool = False,
) -> rx.Component:
    return _labelled(
        state,
        label,
        name,
        rx.text_area(
            id=f"field-{name}",
            name=name,
            placeholder=placeholder,
            rows=rows,
            required=required,
            default_value=state.values.get(name, ""),
            aria_invalid=_invalid(state, name),
            width="100%",
            resize="vertical",
            **({"font_family": "var(--code-font-family)"} if monospace else {}),
        ),
        hint,
    )


def select_field(
    state: type[LibraryEditorState],
    label: str,
    name: str,
    options: Sequence[tuple[str, str]] | rx.Var,
    *,
    hint: str | rx.Component = "",
    value: rx.Var | None = None,
    on_change: Any = None,
) -> rx.Component:
    """A Radix select that takes part in the form under `name`. `options` are (value, text)
    pairs, or a Var of plain strings. Controlled when `value` is given."""
    items = (
        rx.foreach(options, lambda option: rx.select.item(option, value=option))
        if isinstance(options, rx.Var)
        else [rx.select.item(text, value=option) for option, text in options]
    )
    controlled = {"value": value, "on_change": on_change} if value is not None else {}
    return _labelled(
        state,
        label,
        name,
        rx.select.root(
            rx.select.trigger(id=f"field-{name}", width="100%", aria_invalid=_invalid(state, name)),
            rx.select.content(*items if isinstance(items, list) else [items]),
            name=name,
            default_value=None if value is not None else state.values.get(name, ""),
            disabled=~AuthState.can_write,
            **controlled,
        ),
        hint,
    )


def form_section(title: str, description: str, *children: rx.Component, columns: str = "2") -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4", as_="h2"),
            rx.text(description, size="2", color_scheme="gray"),
            rx.grid(*children, columns=rx.breakpoints(initial="1", md=columns), spacing="4", width="100%"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def wide(component: rx.Component) -> rx.Component:
    """A field that spans every column of its section."""
    return rx.box(component, grid_column="1 / -1", width="100%")


ERROR_SUMMARY_ID = "form-errors"


def error_summary(state: type[LibraryEditorState]) -> rx.Component:
    """The message for the whole form, and what could not be shown next to a field."""
    return rx.cond(
        state.error != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.vstack(
                rx.text(state.error, size="2", weight="medium"),
                rx.foreach(state.problems, lambda p: rx.text(p, size="1")),
                spacing="1",
                align="start",
            ),
            color_scheme="red",
            role="alert",
            id=ERROR_SUMMARY_ID,
            width="100%",
            scroll_margin_top="1rem",
        ),
    )


def editor_form(state: type[LibraryEditorState], noun: str, *sections: rx.Component) -> rx.Component:
    """The editor: read-only (every control disabled, no Save) unless the member can write."""
    actions = rx.hstack(
        rx.cond(
            AuthState.can_write,
            rx.button(
                rx.icon("save", size=16),
                rx.cond(state.is_new, f"Create {noun}", "Save changes"),
                type="submit",
                size="3",
            ),
        ),
        link_button(
            rx.cond(AuthState.can_write, "Cancel", "Back to the list"),
            state.LIST_ROUTE,
            size="3",
            variant="soft",
            color_scheme="gray",
        ),
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
        on_submit=state.save,
        key=state.form_key,
        no_validate=True,  # the service's messages, next to each field, are the one source of truth
        width="100%",
        custom_attrs={UNSAVED_GUARD: "true"},  # asks before leaving with unsaved changes (shell_script.py)
    )


def editor_body(state: type[LibraryEditorState], noun: str, form: rx.Component) -> rx.Component:
    """What sits under the page header: the form once loaded, or why it cannot be shown."""
    return rx.cond(
        rx.State.is_hydrated,
        rx.cond(
            state.missing,
            rx.vstack(
                rx.callout(state.error, icon="triangle-alert", color_scheme="red", role="alert", width="100%"),
                link_button("Back to the list", state.LIST_ROUTE, variant="soft"),
                spacing="3",
            ),
            rx.vstack(
                rx.cond(
                    ~AuthState.can_write,
                    rx.callout(
                        f"You can read this {noun}; editors, admins and owners change it.", icon="eye", width="100%"
                    ),
                ),
                error_summary(state),
                form,
                spacing="4",
                width="100%",
                max_width="60rem",
            ),
        ),
        rx.center(rx.spinner(size="3"), padding="4rem", width="100%"),
    )
