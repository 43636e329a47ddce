"""GET /api/search: matches across personas, objectives, agents, sessions and suites, and
never outside the caller's workspace."""

from __future__ import annotations

from app.models.session import Finding, SessionCreate
from app.services import sessions
from app.services.access import Principal


def _principal(account) -> Principal:
    return Principal(account.user_id, account.email, account.workspace_id, account.role)


def test_search_finds_each_type_in_the_workspace_only(client, make_account, db) -> None:
    me, stranger = make_account(), make_account()
    for account in (me, stranger):
        persona = client.post("/api/personas", json={"name": "Zebra refund hunter", "description": "Wants money back"},
                              headers=account.headers).json()  # fmt: skip
        objective = client.post("/api/objectives", json={"name": "Get a zebra refund",
                                                         "definition": {"goal": "Refund order A-1"}},
                                headers=account.headers).json()  # fmt: skip
        agent = client.post("/api/agents", json={"name": "Zebra desk", "type": "hosted",
                                                 "config": {"systemPrompt": "You help."}},
                            headers=account.headers).json()  # fmt: skip
        client.post("/api/suites", json={"name": "Zebra suite", "agentId": agent["id"], "personaIds": [persona["id"]],
                                         "objectiveIds": [objective["id"]]}, headers=account.headers)  # fmt: skip
        session = sessions.create_session(session=db, principal=_principal(account), data=SessionCreate(
            agent_id=agent["id"], persona_id=persona["id"], objective_id=objective["id"]))  # fmt: skip
        if account is me:
            my_session = session.id

    found = client.get("/api/search", params={"q": "zebra"}, headers=me.headers).json()
    assert {h["type"] for h in found["data"]} == {"persona", "objective", "agent", "suite", "session"}
    assert found["counts"] == {"persona": 1, "objective": 1, "agent": 1, "session": 1, "suite": 1, "finding": 0}
    mine = {h["id"] for h in found["data"]}
    theirs = {
        h["id"] for h in client.get("/api/search", params={"q": "zebra"}, headers=stranger.headers).json()["data"]
    }
    assert mine and theirs and not mine & theirs
    session_hit = next(h for h in found["data"] if h["type"] == "session")
    assert session_hit["id"] == my_session and session_hit["url"] == f"/sessions/{my_session}"
    assert session_hit["name"] == "Zebra refund hunter → Zebra desk"

    # Exact names first; types narrow it; descriptions match too; limit cuts.
    exact = client.get("/api/search", params={"q": "zebra desk"}, headers=me.headers).json()["data"]
    assert exact[0]["type"] == "agent" and exact[0]["name"] == "Zebra desk"
    only = client.get("/api/search", params={"q": "zebra", "types": "suite,agent"}, headers=me.headers).json()
    assert {h["type"] for h in only["data"]} == {"suite", "agent"} and only["types"] == ["suite", "agent"]
    by_description = client.get("/api/search", params={"q": "money back"}, headers=me.headers).json()["data"]
    assert [h["type"] for h in by_description] == ["persona"]
    assert len(client.get("/api/search", params={"q": "zebra", "limit": 2}, headers=me.headers).json()["data"]) == 2
    assert client.get("/api/search", params={"q": "nothing-like-this"}, headers=me.headers).json()["data"] == []

    bad = client.get("/api/search", params={"q": "zebra", "types": "persona,planet"}, headers=me.headers)
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "types"
    assert client.get("/api/search", params={"q": "   "}, headers=me.headers).status_code == 422
    assert client.get("/api/search", params={"q": "zebra"}).status_code == 401


def test_search_and_list_filters_match_text_literally_and_ignore_case(client, make_account) -> None:
    """% and _ in a query are the characters, not wildcards, and case never matters:
    on SQLite and on PostgreSQL alike (where ILIKE and LIKE's escapes differ)."""
    me = make_account()
    mine = ("Zq 50% OFF_deal", "Zq 500 offXdeal", "Zq back\\slash")
    for name in mine:
        assert client.post("/api/personas", json={"name": name}, headers=me.headers).status_code == 201

    def names(path: str, q: str) -> list[str]:
        found = client.get(path, params={"q": q, "limit": 100}, headers=me.headers).json()["data"]
        return sorted(h["name"] for h in found if h["name"] in mine)  # not the starter library's

    for path in ("/api/search", "/api/personas"):
        assert names(path, "50% off_") == ["Zq 50% OFF_deal"], path
        assert names(path, "zQ 50") == ["Zq 50% OFF_deal", "Zq 500 offXdeal"], path
        assert names(path, "OFF") == ["Zq 50% OFF_deal", "Zq 500 offXdeal"], path
        assert names(path, "K\\S") == ["Zq back\\slash"], path
        assert names(path, "%") == ["Zq 50% OFF_deal"], path
        assert names(path, "_") == ["Zq 50% OFF_deal"], path


def test_search_pages_and_refuses_bad_queries_in_the_one_error_shape(client, make_account) -> None:
    me, stranger = make_account(), make_account()
    for n in range(5):
        client.post("/api/personas", json={"name": f"Quokka pager {n}"}, headers=me.headers)
    client.post("/api/personas", json={"name": "Quokka pager of another workspace"}, headers=stranger.headers)

    pages = [client.get("/api/search", params={"q": "quokka pager", "limit": 2, "page": p}, headers=me.headers).json()
             for p in (1, 2, 3, 4)]  # fmt: skip
    assert [len(p["data"]) for p in pages] == [2, 2, 1, 0]
    assert pages[0]["pagination"] == {"page": 1, "limit": 2, "total": 5, "pages": 3}
    names = [h["name"] for p in pages for h in p["data"]]
    assert sorted(names) == [f"Quokka pager {n}" for n in range(5)]  # each once, never the stranger's

    def refused(params: dict, field: str) -> None:
        answer = client.get("/api/search", params=params, headers=me.headers)
        assert answer.status_code == 422, params
        error = answer.json()["error"]
        assert error["code"] and error["message"]
        assert [d["field"] for d in error["details"]] == [field], error

    refused({"q": ""}, "q")
    refused({"q": "   "}, "q")
    refused({"q": "x" * 201}, "q")
    refused({"q": "quokka", "page": 0}, "page")
    deep = client.get("/api/search", params={"q": "quokka", "limit": 100, "page": 11}, headers=me.headers).json()
    assert deep["data"] == [] and deep["pagination"]["total"] == 5
    refused({"q": "quokka", "limit": 0}, "limit")


def test_search_finds_a_recurring_finding_once(client, make_account, db) -> None:
    """Findings match by their text, one hit per recurring problem (the inbox's grouping: "2
    times" and "3 times" are one), pointing at the session where it was seen last."""
    sessions_of = {}
    for account in (me := make_account(), stranger := make_account()):
        persona = client.post("/api/personas", json={"name": "P"}, headers=account.headers).json()
        objective = client.post("/api/objectives", json={"name": "O", "definition": {"goal": "Refund order A-1"}},
                                headers=account.headers).json()  # fmt: skip
        agent = client.post("/api/agents", json={"name": "A", "type": "hosted", "config": {"systemPrompt": "x"}},
                            headers=account.headers).json()  # fmt: skip
        data = SessionCreate(agent_id=agent["id"], persona_id=persona["id"], objective_id=objective["id"])
        ids = [sessions.create_session(session=db, principal=_principal(account), data=data).id for _ in range(2)]
        sessions_of[account.email] = ids
        for session_id, times in zip(ids, (2, 3), strict=True):
            db.add(Finding(workspace_id=account.workspace_id, session_id=session_id, type="repetition",
                           severity="medium", description=f"The agent sent the same reply {times} times"))  # fmt: skip
            db.commit()
    found = client.get("/api/search", params={"q": "same reply", "types": "finding"}, headers=me.headers).json()
    assert found["counts"] == {"finding": 1}
    [hit] = found["data"]
    assert hit["type"] == "finding" and hit["name"] == "The agent sent the same reply 3 times"
    assert hit["description"] == "repetition · medium · seen 2 times"
    assert hit["url"] == f"/sessions/{sessions_of[me.email][1]}"
    assert sessions_of[stranger.email][1] not in hit["url"]
