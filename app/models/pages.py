"""The pages of browser sessions (API schemas; no table: findings carry their page).

A session's pages with what was seen and found on each, and the comparison of two sets of
sessions page by page (two runs, or two agents such as a site's /before/ and /after/
versions), pages being matched by their path below each side's site root (the folder of the
target URL)."""

from __future__ import annotations

from pydantic import Field

from app.models.base import CamelModel
from app.models.session import FindingPublic


class SessionPage(CamelModel):
    page: str = Field(description="origin + path; empty for findings about the whole session")
    title: str = ""
    steps: list[int] = Field(default_factory=list, description="The steps taken on it (0: opening the website)")
    event_ids: list[str] = Field(default_factory=list)
    outcome: str = Field(default="neutral", description="How it read when last seen: confirmation | failure | neutral")
    by_severity: dict[str, int] = Field(default_factory=dict)
    findings: list[FindingPublic] = Field(default_factory=list)


class PageSide(CamelModel):
    page: str
    sessions: int = Field(description="Sessions that saw this page")
    findings: int = Field(description="Findings on it (a finding seen on several pages counts on each)")
    by_severity: dict[str, int] = Field(default_factory=dict)
    # What each finding is, for matching across versions: the axe rule id, else the kind of measure.
    rules: dict[str, int] = Field(default_factory=dict)


class PageChange(CamelModel):
    key: str = Field(description="The page's path below its site root (e.g. survey.html)")
    baseline: PageSide | None
    current: PageSide | None
    delta: int = Field(description="Findings now minus before")
    fixed: list[str] = Field(default_factory=list, description="Rules found before and not any more")
    added: list[str] = Field(default_factory=list, description="Rules found now and not before")


class PageComparison(CamelModel):
    baseline_root: str
    current_root: str
    baseline_findings: int
    current_findings: int
    pages: list[PageChange]
