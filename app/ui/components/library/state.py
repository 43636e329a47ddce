"""The library pages' state mixins: `LibraryListState` (search, one page of items, duplicate,
delete), `TransferState` (export and import as JSON or YAML) and `LibraryEditorState` (the
create/edit form: load, save, errors placed next to their field).

A page's State subclasses the mixins it needs and AuthState, and fills in the `_`-hooks. The
hooks that reach data are coroutines that name the page's service functions and await them
through `self._call` (app/services/calls.py): each runs its unit of work in a worker thread, so
no handler here touches the database on the event loop, and what comes back is the services'
public schemas, never ORM rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import reflex as rx
from pydantic import ValidationError

from app.services import transfer
from app.services.errors import AuthenticationFailed, ServiceError, clean_message
from app.services.pagination import PageParams, Paginated
from app.ui.components.library.codec import FIX_BELOW, place_errors
from app.ui.state.auth import login_url
from app.ui.state.errors import field_errors

PAGE_SIZE = 20
ERROR_SUMMARY_ID = "form-errors"


class LibraryListState(rx.State, mixin=True):
    """A list page: a search over name and description, one page of items, and the
    per-item duplicate and delete. A page fills `_fetch`, `_show`, `_duplicate`, `_delete`."""

    q: str = ""
    page: int = 1
    pages: int = 0
    total: int = 0
    list_error: str = ""

    NOUN: ClassVar[str] = "item"

    async def _fetch(self, params: PageParams) -> Paginated:
        """One page of items, from the page's list service (`await self._call(...)`)."""
        raise NotImplementedError

    def _show(self, items: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    async def _duplicate(self, item_id: str) -> str:
        """Copies the item through its service; returns the copy's name."""
        raise NotImplementedError

    async def _delete(self, item_id: str) -> None:
        raise NotImplementedError

    async def _refresh(self) -> None:
        result = await self._fetch(PageParams(page=self.page, limit=PAGE_SIZE))
        if result.pagination.pages and self.page > result.pagination.pages:
            # The last page emptied (a delete, a narrower search): show the new last one.
            self.page = result.pagination.pages
            result = await self._fetch(PageParams(page=self.page, limit=PAGE_SIZE))
        dumped = result.model_dump(mode="json", by_alias=True)
        self.pages, self.total = dumped["pagination"]["pages"], dumped["pagination"]["total"]
        self._show(dumped["data"])
        self.list_error = ""

    async def _reload(self):
        try:
            await self._refresh()
        except AuthenticationFailed:
            self._sign_out()  # type: ignore[attr-defined]
            return rx.redirect(login_url(self._current_path()))  # type: ignore[attr-defined]
        except ServiceError as exc:
            self.list_error = str(exc)

    @rx.event
    async def load(self):
        """on_load."""
        return await self._reload()

    @rx.event
    async def set_query(self, q: str):
        self.q, self.page = q, 1
        return await self._reload()

    @rx.event
    async def prev_page(self):
        self.page = max(1, self.page - 1)
        return await self._reload()

    @rx.event
    async def next_page(self):
        self.page = min(max(self.pages, 1), self.page + 1)
        return await self._reload()

    @rx.event
    async def duplicate(self, item_id: str):
        try:
            name = await self._duplicate(item_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self.page = 1  # the newest come first: the copy is at the top
        await self._reload()
        return rx.toast.success(f"Created {name}.")

    @rx.event
    async def delete(self, item_id: str, name: str):
        try:
            await self._delete(item_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        await self._reload()
        return rx.toast.success(f"Deleted {name}.")


class TransferState(rx.State, mixin=True):
    """Export every item of the workspace as JSON or YAML, and import a file of them."""

    import_message: str = ""
    import_problems: list[str] = []
    import_failed: bool = False

    KIND: ClassVar[str] = "personas"

    @rx.event
    async def export(self, fmt: str):
        try:
            document, media_type = await self._call(  # type: ignore[attr-defined]
                transfer.export_items, kind=self.KIND, fmt="yaml" if fmt == "yaml" else "json"
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
            result = await self._call(  # type: ignore[attr-defined]
                transfer.import_items, kind=self.KIND, content=content, fmt=fmt
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
        yield await self._reload()  # type: ignore[attr-defined]
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

    async def _blank(self) -> dict[str, str]:
        """The new item's input texts (a page may read its pickers' options through a service)."""
        raise NotImplementedError

    async def _fetch_values(self, item_id: str) -> dict[str, str]:
        """The saved item's input texts, read through its service."""
        raise NotImplementedError

    def _build(self, form: dict[str, Any]) -> Any:
        raise NotImplementedError

    async def _store(self, data: Any) -> str:
        """Creates (no editing_id) or replaces the item through its service; returns its name."""
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
    async def load(self):
        """on_load: a blank form at /new, else the item's values."""
        self._clear_errors()
        self.missing = False
        self.editing_id = self._item_id_from_path()
        try:
            self.values = await (self._fetch_values(self.editing_id) if self.editing_id else self._blank())
        except AuthenticationFailed:
            self._sign_out()  # type: ignore[attr-defined]
            return rx.redirect(login_url(self._current_path()))  # type: ignore[attr-defined]
        except ServiceError as exc:
            self.missing, self.error, self.values = True, str(exc), {}
        self.form_key += 1

    @rx.event
    async def save(self, form: dict[str, Any]):
        self._clear_errors()
        try:
            name = await self._store(self._build(form))
        except (ServiceError, ValidationError) as exc:
            self._show_errors(exc)
            return rx.scroll_to(ERROR_SUMMARY_ID)  # the banner in view, wherever Save was pressed
        verb = "Created" if self.is_new else "Saved"
        return [rx.toast.success(f"{verb} {name}."), rx.redirect(self.LIST_ROUTE)]
