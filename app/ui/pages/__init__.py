"""Every dashboard page, registered by app/app.py."""

from __future__ import annotations

import reflex as rx

from app.ui.navigation import SECTIONS
from app.ui.pages import (
    agents,
    analytics,
    calibration,
    calibration_view,
    dashboard,
    findings,
    invite,
    judged_conversations,
    login,
    not_found,
    objectives,
    personas,
    recent_runs,
    reviews,
    run_compare,
    run_judging,
    runs,
    section,
    session_detail,
    session_review,
    session_review_view,
    sessions,
    settings,
    settings_audit,
    settings_models,
    suite_trend,
    suites,
    webhooks,
)
from app.ui.state.auth import AuthState, protected

# Sections that have a page module of their own; the rest show what they will hold.
_BUILT: dict[str, tuple] = {
    "/settings": (
        settings.settings_page,
        settings.SettingsState.load,
        settings_models.ModelsState.load,
        settings_audit.AuditState.load,
    ),
    "/sessions": (sessions.sessions_page, sessions.SessionsState.load),
    "/personas": (personas.personas_page, personas.PersonasState.load),
    "/objectives": (objectives.objectives_page, objectives.ObjectivesState.load),
    "/agents": (agents.agents_page, agents.AgentsState.load),
    "/": (dashboard.dashboard_page, dashboard.DashboardState.load, recent_runs.RecentRunsState.load),
    "/analytics": (analytics.analytics_page, analytics.AnalyticsState.load),
    "/findings": (findings.findings_page, findings.FindingsState.load),
    "/suites": (suites.suites_page, suites.SuitesState.load),
    "/reviews": (reviews.reviews_page, reviews.ReviewsState.load),
    "/calibration": (calibration_view.calibration_page, calibration.CalibrationState.load),
}

# The library editors: one form creates (<list>/new) and edits (<list>/<id>).
_EDITORS: tuple[tuple[str, str, object, object], ...] = (
    ("/personas", "Persona", personas.persona_editor_page, personas.PersonaEditorState.load),
    ("/objectives", "Objective", objectives.objective_editor_page, objectives.ObjectiveEditorState.load),
    ("/agents", "Agent", agents.agent_editor_page, agents.AgentEditorState.load),
    ("/suites", "Suite", suites.suite_editor_page, [suites.SuiteEditorState.load, suite_trend.SuiteTrendState.load]),
)


def register_pages(app: rx.App) -> None:
    app.add_page(login.login_page, route="/login", title="Sign in · Mimic", on_load=login.LoginState.open_page)
    app.add_page(
        login.register_page, route="/register", title="Create account · Mimic", on_load=login.LoginState.open_page
    )
    app.add_page(
        invite.invite_page,
        route="/invite/[invite_token]",
        title="Invitation · Mimic",
        on_load=protected("/invite/[invite_token]", invite.InviteState.load),
    )
    app.add_page(
        session_review_view.session_page,
        route="/sessions/[session_id]",
        title="Session · Mimic",
        on_load=protected(
            "/sessions/[session_id]", session_detail.SessionState.load, session_review.JudgingState.load_judging
        ),
    )
    app.add_page(
        run_judging.run_page,
        route="/runs/[run_id]",
        title="Run · Mimic",
        on_load=protected("/runs/[run_id]", runs.RunState.load, run_judging.RunJudgingState.load_judging),
    )
    for page, route, title, load in (
        (run_compare.compare_page, "/runs/[run_id]/compare/[baseline_id]", "Compare runs",
         run_compare.CompareState.load),
        (webhooks.webhooks_page, "/settings/webhooks", "Webhooks", webhooks.WebhooksState.load),
        (judged_conversations.judged_conversations_page, judged_conversations.ROUTE, "Judged conversations",
         judged_conversations.JudgedConversationsState.load),
    ):  # fmt: skip
        app.add_page(page, route=route, title=f"{title} · Mimic", on_load=protected(route, load))
    for base, label, editor, load in _EDITORS:
        for route, title in ((f"{base}/new", f"New {label.lower()}"), (f"{base}/[{label.lower()}_id]", label)):
            loads = load if isinstance(load, list) else [load]
            app.add_page(editor, route=route, title=f"{title} · Mimic", on_load=protected(route, *loads))
    for s in SECTIONS:
        page, *loaders = _BUILT.get(s.route, (section.section_page(s),))
        app.add_page(page, route=s.route, title=f"{s.label} · Mimic", on_load=protected(s.route, *loaders))
    # Any other address: "Page not found" inside the shell (with the navigation) when signed in.
    app.add_page(not_found.not_found_page, route="404", title="Page not found · Mimic", on_load=AuthState.identify)
