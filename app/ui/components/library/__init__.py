"""What the Personas, Objectives, Agents and Suites pages share, one room per responsibility:

- `codec`: list-like fields as text and back, a payload validated with every bad field at
  once, and a service's errors placed next to their inputs;
- `state`: the list, transfer and editor State mixins, whose data hooks await the page's
  service functions off the event loop;
- `list_view`: the search box, pagination bar, item actions and import/export bar;
- `editor_view`: labelled fields, sections, the error summary and the editor form.

The pages import these names from here.
"""

from app.ui.components.library.codec import (
    FIX_BELOW,
    NOT_SET,
    format_pairs,
    join_commas,
    join_lines,
    number_text,
    omit_blank,
    parse_pairs,
    place_errors,
    split_commas,
    split_lines,
    validated,
)
from app.ui.components.library.editor_view import (
    editor_body,
    editor_form,
    error_summary,
    form_section,
    input_field,
    number_field,
    select_field,
    textarea_field,
    wide,
)
from app.ui.components.library.list_view import (
    confirm_delete,
    empty_state,
    import_report,
    item_actions,
    link_button,
    list_error,
    new_button,
    pagination_bar,
    search_box,
    transfer_bar,
)
from app.ui.components.library.state import (
    ERROR_SUMMARY_ID,
    PAGE_SIZE,
    LibraryEditorState,
    LibraryListState,
    TransferState,
)

__all__ = [
    "ERROR_SUMMARY_ID",
    "FIX_BELOW",
    "NOT_SET",
    "PAGE_SIZE",
    "LibraryEditorState",
    "LibraryListState",
    "TransferState",
    "confirm_delete",
    "editor_body",
    "editor_form",
    "empty_state",
    "error_summary",
    "form_section",
    "format_pairs",
    "import_report",
    "input_field",
    "item_actions",
    "join_commas",
    "join_lines",
    "link_button",
    "list_error",
    "new_button",
    "number_field",
    "number_text",
    "omit_blank",
    "pagination_bar",
    "parse_pairs",
    "place_errors",
    "search_box",
    "select_field",
    "split_commas",
    "split_lines",
    "textarea_field",
    "transfer_bar",
    "validated",
    "wide",
]
