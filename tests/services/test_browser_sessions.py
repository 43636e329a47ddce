"""A browser session's files at the service: listed in order and by kind, linked by URL; a file
is served only from the data directory (a stored path that climbs out of it is not found), only
for its own session, and only in the caller's workspace."""

from __future__ import annotations

import pytest

from app.models.session import Artifact
from app.services import browser_sessions
from app.services.errors import NotFound
from app.settings import settings
from tests.services.lab import Lab, principal_of


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def artifact(lab: Lab, session_id: str, kind: str, path: str, write: bytes | None = b"\x89PNG") -> str:
    if write is not None:
        target = settings.data_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(write)
    row = Artifact(workspace_id=lab.principal.workspace_id, session_id=session_id, kind=kind, name=path.split("/")[-1],
                   content_type="image/png" if kind == "screenshot" else "application/zip", path=path)  # fmt: skip
    lab.db.add(row)
    lab.db.commit()
    return row.id


def test_files_are_listed_by_kind_and_served_from_the_data_directory(lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    shot = artifact(lab, session_id, "screenshot", f"artifacts/{session_id}/step-1.png")
    trace = artifact(lab, session_id, "trace", f"artifacts/{session_id}/trace.zip", b"PK")
    listed = browser_sessions.list_artifacts(session=lab.db, principal=lab.principal, session_id=session_id)
    assert [a.id for a in listed] == [shot, trace]
    assert listed[0].url == f"/api/sessions/{session_id}/artifacts/{shot}"
    only = browser_sessions.list_artifacts(session=lab.db, principal=lab.principal, session_id=session_id,
                                           kind="trace")  # fmt: skip
    assert [a.id for a in only] == [trace]
    served = browser_sessions.artifact_file(session=lab.db, principal=lab.principal, session_id=session_id,
                                            artifact_id=shot)  # fmt: skip
    assert served.path.read_bytes() == b"\x89PNG" and served.content_type == "image/png"


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/hostname", "artifacts/../../outside.txt"])
def test_a_path_out_of_the_data_directory_is_not_served(lab: Lab, path: str) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    artifact_id = artifact(lab, session_id, "screenshot", path, write=None)
    with pytest.raises(NotFound):
        browser_sessions.artifact_file(session=lab.db, principal=lab.principal, session_id=session_id,
                                       artifact_id=artifact_id)  # fmt: skip


def test_a_missing_file_or_another_sessions_artifact_is_not_found(db, make_account, lab: Lab) -> None:
    agent, persona = lab.agent(), lab.persona()
    one, two = lab.session(agent, persona), lab.session(agent, persona)
    gone = artifact(lab, one, "screenshot", f"artifacts/{one}/never-written.png", write=None)
    kept = artifact(lab, one, "screenshot", f"artifacts/{one}/step-1.png")
    with pytest.raises(NotFound, match="gone"):
        browser_sessions.artifact_file(session=db, principal=lab.principal, session_id=one, artifact_id=gone)
    with pytest.raises(NotFound):
        browser_sessions.artifact_file(session=db, principal=lab.principal, session_id=two, artifact_id=kept)
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        browser_sessions.artifact_file(session=db, principal=stranger, session_id=one, artifact_id=kept)
    with pytest.raises(NotFound):
        browser_sessions.list_artifacts(session=db, principal=stranger, session_id=one)
