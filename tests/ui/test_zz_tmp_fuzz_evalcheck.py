from playwright.sync_api import Page, expect
from tests.ui.conftest import LiveApp, PageProblems

def test_toast(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    problems = PageProblems(); problems.watch(page)
    page.goto(live_app.base_url + "/settings", wait_until="networkidle")
    page.get_by_role("tab", name="Account").click()
    page.get_by_role("button", name="Save name").click()
    expect(page.get_by_text("Your name is saved.")).to_be_visible(timeout=5000)
    hits = [f for f in frames if "_call_function" in str(f)]
    print("FRAMES", len(frames), "CALL_FUNCTION", [str(h)[:400] for h in hits], problems.items)
