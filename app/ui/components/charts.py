"""Chart cards for the analytics pages: a plotly chart, the same figures as a table, and a
CSV download. The page state mixes in ChartTables and fills it from app/services/analytics_charts."""

from __future__ import annotations

from collections.abc import Iterable

import reflex as rx

from app.services.analytics_charts import Chart


class ChartTables(rx.State, mixin=True):
    """The table behind each chart, by chart key, for the table view and the CSV download."""

    chart_columns: dict[str, list[str]] = {}
    chart_rows: dict[str, list[list[str]]] = {}
    _chart_csv: dict[str, str] = {}
    csv_label: str = ""

    def _set_tables(self, charts: Iterable[Chart], label: str) -> None:
        charts = list(charts)
        self.chart_columns = {c.key: c.columns for c in charts}
        self.chart_rows = {c.key: c.rows for c in charts}
        self._chart_csv = {c.key: c.csv() for c in charts}
        self.csv_label = label

    @rx.event
    def download_csv(self, key: str):
        csv_text = self._chart_csv.get(key)
        if csv_text is None:
            return rx.toast.error("Nothing to download yet.")
        return rx.download(data=csv_text, filename=f"mimic-{key}-{self.csv_label}.csv", mime_type="text/csv")


def _table(state: type[ChartTables], key: str) -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(rx.foreach(state.chart_columns[key], lambda c: rx.table.column_header_cell(c)))
            ),
            rx.table.body(
                rx.foreach(
                    state.chart_rows[key],
                    lambda row: rx.table.row(rx.foreach(row, lambda value: rx.table.cell(value))),
                )
            ),
            size="1",
            variant="surface",
            width="100%",
        ),
        max_height="24rem",
        overflow_y="auto",
        width="100%",
    )


def chart_card(state: type[ChartTables], key: str, title: str, figure: rx.Var, *, summary: str = "") -> rx.Component:
    """A chart with a Chart / Table switch and a CSV download of the table."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.heading(title, size="3", as_="h2"),
                    rx.text(summary, size="1", color_scheme="gray") if summary else rx.fragment(),
                    spacing="1",
                ),
                rx.spacer(),
                rx.button(
                    rx.icon("download", size=14),
                    "CSV",
                    size="1",
                    variant="soft",
                    on_click=state.download_csv(key),
                    aria_label=f"Download {title} as CSV",
                    title=f"Download {title} as CSV",
                ),
                width="100%",
                align="start",
            ),
            rx.tabs.root(
                rx.tabs.list(
                    rx.tabs.trigger("Chart", value="chart"),
                    rx.tabs.trigger("Table", value="table"),
                    size="1",
                ),
                rx.tabs.content(
                    rx.plotly(
                        data=figure,
                        config={"displaylogo": False, "responsive": True},
                        width="100%",
                    ),
                    value="chart",
                    padding_top="0.5rem",
                ),
                rx.tabs.content(_table(state, key), value="table", padding_top="0.5rem"),
                default_value="chart",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        data_testid="chart-card",
        data_chart=key,
    )


def stat_card(label: str, value: rx.Var | str, hint: rx.Var | str = "") -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(label, size="2", color_scheme="gray", weight="medium"),
            rx.heading(value, size="6", as_="p"),
            rx.text(hint, size="1", color_scheme="gray"),
            spacing="1",
        ),
        width="100%",
        data_testid="stat",
    )
