"""A session's export at the service: JSON with the transcript and verdict, Markdown with
numbered messages, the verdict and findings citing them by number, everything the agent wrote
made inert (no link, image or HTML of its making survives); the printable report is for
browser sessions only; another workspace's session is not found."""

from __future__ import annotations

import json

import pytest

from app.services import session_export
from app.services.errors import NotFound, ValidationFailed
from tests.services.lab import Lab, principal_of

HOSTILE = "Click [here](javascript:alert(1)) or ![x](https://evil.test/p.png) <script>alert(2)</script> **now**"


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def judged(lab: Lab, agent_reply: str) -> tuple[str, list[str]]:
    session_id = lab.session(lab.agent("Shop bot"), lab.persona("Ines"), lab.objective("Order", ["Gives the date"]))
    ids = lab.conversation(session_id, [("persona", "When does order A-1 arrive?"), ("agent", agent_reply),
                                        ("persona", "Thanks!")])  # fmt: skip
    lab.judge(session_id)
    return session_id, ids


def export(lab: Lab, session_id: str, fmt: str, principal=None) -> tuple[str, str]:
    return session_export.export_session(session=lab.db, principal=principal or lab.principal, session_id=session_id,
                                         fmt=fmt)  # fmt: skip


def test_json_holds_the_transcript_and_the_verdict(lab: Lab) -> None:
    session_id, ids = judged(lab, "On Tuesday. Write to jane.roe@example.com.")
    text, media_type = export(lab, session_id, "json")
    document = json.loads(text)
    assert media_type == "application/json" and document["id"] == session_id
    assert [m["id"] for m in document["messages"]] == ids
    assert document["verdict"]["outcome"] == "failed" and document["verdict"]["judgeModel"] == "mimic/offline"
    assert [f["type"] for f in document["findings"]] == ["data-disclosure"]
    assert "steps" not in document and "voice" not in document  # a chat session: neither


def test_markdown_numbers_messages_and_cites_them(lab: Lab) -> None:
    session_id, _ = judged(lab, "On Tuesday. Write to jane.roe@example.com.")
    text, media_type = export(lab, session_id, "markdown")
    assert media_type == "text/markdown" and text.startswith(f"# Session {session_id}\n")
    assert "- Persona: Ines" in text and "- Agent: Shop bot" in text
    assert "**#2 agent** _(400 ms)_: On Tuesday. Write to jane.roe@example.com." in text
    assert "## Verdict" in text and "## Findings" in text
    finding_line = next(line for line in text.splitlines() if line.startswith("- [critical]"))
    assert finding_line.startswith("- [critical] data-disclosure") and finding_line.endswith("Evidence: #2.")


def test_what_the_agent_wrote_is_inert_in_markdown(lab: Lab) -> None:
    session_id, _ = judged(lab, HOSTILE)
    text, _ = export(lab, session_id, "markdown")
    line = next(line for line in text.splitlines() if line.startswith("**#2 agent**"))
    assert "](javascript:" not in line and "![x](" not in line and "<script>" not in line
    assert r"\[here\]\(javascript:alert\(1\)\)" in line and "&lt;script&gt;" in line and r"\*\*now\*\*" in line


def test_md_flattens_lines_and_md_lines_keeps_them() -> None:
    assert session_export.md("one\n two\tthree") == "one two three"
    assert session_export.md_lines("one\ntwo") == "one  \ntwo"
    assert session_export.md(None) == "" and session_export.md("a_b|c") == r"a\_b\|c"


def test_the_printable_report_is_for_browser_sessions_only(lab: Lab) -> None:
    session_id, _ = judged(lab, "On Tuesday.")
    with pytest.raises(ValidationFailed) as raised:
        session_export.session_report(session=lab.db, principal=lab.principal, session_id=session_id)
    assert [d.field for d in raised.value.details] == ["sessionId"]


def test_another_workspaces_session_is_not_found(db, make_account, lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    stranger = principal_of(make_account())
    for fmt in ("json", "markdown"):
        with pytest.raises(NotFound):
            export(lab, session_id, fmt, principal=stranger)
    with pytest.raises(NotFound):
        session_export.session_report(session=db, principal=stranger, session_id=session_id)
