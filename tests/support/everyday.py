"""An ordinary small website for browser sessions, served for real on 127.0.0.1, in two
versions of the same pages: `/before/…` with accessibility defects and `/after/…` with
them repaired (the same content, the same behaviour). Plain relative links throughout.

- index.html: home, relative links to the others (`<a href="survey.html">`)
- todo.html: a todo app driven by the keyboard: type, then Enter (there is no button);
  each item has a checkbox that marks it done; the list is kept by the server
  (`GET/PUT api/todos`), so a test reads the app's own state
- survey.html: a form (name, required email and number fields, a radio group, a select,
  a date, a pattern field, a required "I agree" box) that posts to `submit`, which
  sends the visitor on to a separate success page (thanks.html) or failure page
  (failed.html, which lists what the server refused)
- gallery.html: an image without alt text and a field without a label (before)
- about.html: text only

Defects of /before/ (repaired in /after/): the logo of the page header has no alt text on
every page (one element of the template), no <main> landmark (best-practice rules), the
gallery's photo without alt and its unlabeled search field, the todo field labelled only
by its placeholder and its checkboxes unlabeled.
`fail_submissions=True` makes the survey's server refuse every answer (the survey is closed).
"""

from __future__ import annotations

import html
import re

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

VERSIONS = ("before", "after")
PAGES = ("index.html", "todo.html", "survey.html", "gallery.html", "about.html")
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#36c"/></svg>'
)
_POSTCODE = re.compile(r"[A-Z]{2}[0-9]{3}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
HEAR_ABOUT = ("A friend", "A search engine", "An advert")
PLANS = ("Basic", "Family", "Business")

TODO_SCRIPT = """
const list = document.getElementById('todo-list'), input = document.getElementById('new-todo');
let todos = [];
const save = () => fetch('api/todos', {method: 'PUT', headers: {'Content-Type': 'application/json'},
                                      body: JSON.stringify(todos)});
function render() {
  list.innerHTML = '';
  todos.forEach((todo, i) => {
    const li = document.createElement('li'), box = document.createElement('input');
    const label = document.createElement('span');
    box.type = 'checkbox'; box.checked = todo.done;
    if (LABELLED) box.setAttribute('aria-label', 'Done: ' + todo.title);
    box.addEventListener('change', () => { todo.done = box.checked; save(); render(); });
    label.textContent = todo.title;
    if (todo.done) li.className = 'done';
    li.append(box, ' ', label); list.append(li);
  });
  document.getElementById('count').textContent = todos.filter(t => !t.done).length + ' items left';
}
input.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || !input.value.trim()) return;
  todos.push({title: input.value.trim(), done: false}); input.value = ''; save(); render();
});
fetch('api/todos').then(r => r.json()).then(saved => { todos = saved; render(); });
"""


def _page(version: str, title: str, body: str, script: str = "") -> HTMLResponse:
    repaired = version == "after"
    alt = 'alt="Everyday Club"' if repaired else ""
    logo = f'<img src="logo.svg" {alt} width="40" height="40">'
    nav = (
        '<a href="index.html">Home</a> <a href="todo.html">Todo list</a> <a href="survey.html">Survey</a> '
        '<a href="gallery.html">Gallery</a> <a href="about.html">About</a>'
    )
    main = ("<main>", "</main>") if repaired else ('<div class="content">', "</div>")
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · Everyday Club</title>'
        f"<style>.done span {{text-decoration: line-through}}</style></head><body><header>{logo} "
        f'<nav aria-label="Site">{nav}</nav></header>{main[0]}<h1>{title}</h1>{body}{main[1]}'
        f"<footer><p>Everyday Club, since 2004.</p></footer>{script}</body></html>"
    )


def _survey_form(version: str) -> str:
    radios = "".join(f'<label><input type="radio" name="heard" value="{h}" required> {h}</label> ' for h in HEAR_ABOUT)
    plans = "".join(f"<option>{p}</option>" for p in PLANS)
    return (
        '<form method="post" action="submit">'
        '<p><label for="name">Your name</label> <input id="name" name="name" required autocomplete="name"></p>'
        '<p><label for="email">Email address</label> <input id="email" name="email" type="email" required></p>'
        '<p><label for="age">Age</label> <input id="age" name="age" type="number" min="18" max="120" required></p>'
        f"<fieldset><legend>How did you hear about us?</legend>{radios}</fieldset>"
        '<p><label for="plan">Which plan interests you?</label> <select id="plan" name="plan" required>'
        f'<option value="">Choose a plan</option>{plans}</select></p>'
        '<p><label for="visit">Preferred visit date</label> <input id="visit" name="visit" type="date" '
        'min="2026-01-01" max="2030-12-31"></p>'
        '<p><label for="postcode">Postcode</label> <input id="postcode" name="postcode" required '
        'pattern="[A-Z]{2}[0-9]{3}" title="Two capital letters, then three digits"></p>'
        '<p><label for="comments">Comments</label> <textarea id="comments" name="comments"></textarea></p>'
        '<p><label><input type="checkbox" name="agree" value="yes" required> I agree to the terms</label></p>'
        '<button type="submit">Send my answers</button></form>'
    )


def _problems(form: dict[str, str]) -> list[str]:
    """What the survey's server refuses (it checks as strictly as the browser does)."""
    problems = []
    if not form.get("name", "").strip():
        problems.append("Your name is missing.")
    if not _EMAIL.fullmatch(form.get("email", "")):
        problems.append("The email address is not valid.")
    try:
        if not 18 <= int(form.get("age", "")) <= 120:
            problems.append("Age must be between 18 and 120.")
    except ValueError:
        problems.append("Age must be a number.")
    if form.get("heard") not in HEAR_ABOUT:
        problems.append("Tell us how you heard about us.")
    if form.get("plan") not in PLANS:
        problems.append("Choose a plan.")
    if form.get("visit") and not ("2026-01-01" <= form["visit"] <= "2030-12-31"):
        problems.append("The visit date is out of range.")
    if not _POSTCODE.fullmatch(form.get("postcode", "")):
        problems.append("The postcode must be two capital letters and three digits.")
    if form.get("agree") != "yes":
        problems.append("You must agree to the terms.")
    return problems


def everyday_site(state: dict | None = None, *, fail_submissions: bool = False) -> FastAPI:
    """`state[version]` (shared with the test) holds "todos", "submissions" and "refused"."""
    state = state if state is not None else {}
    for version in VERSIONS:
        state.setdefault(version, {"todos": [], "submissions": [], "refused": []})
    app = FastAPI()

    def version_of(version: str) -> str:
        if version not in VERSIONS:
            raise _NotFound()
        return version

    @app.exception_handler(_NotFound)
    async def not_found(request: Request, exc: Exception):
        return HTMLResponse("<!doctype html><title>Not found</title><h1>Not found</h1>", status_code=404)

    @app.get("/")
    async def root():
        return RedirectResponse("/before/index.html", status_code=302)

    @app.get("/{version}/")
    async def home_dir(version: str):
        return RedirectResponse(f"/{version_of(version)}/index.html", status_code=302)

    @app.get("/{version}/logo.svg")
    async def logo(version: str):
        return Response(LOGO, media_type="image/svg+xml")

    @app.get("/{version}/photo.svg")
    async def photo(version: str):
        return Response(LOGO.replace("#36c", "#c63"), media_type="image/svg+xml")

    @app.get("/{version}/index.html")
    async def index(version: str):
        return _page(
            version_of(version),
            "Welcome to the Everyday Club",
            "<p>Plan your week with our <a href='todo.html'>todo list</a>, tell us what you think in "
            '<a href="survey.html">our member survey</a>, or browse the <a href="gallery.html">photo gallery</a>.</p>',
        )

    @app.get("/{version}/about.html")
    async def about(version: str):
        return _page(version_of(version), "About the club", "<p>A friendly club for busy people, in Galway.</p>")

    @app.get("/{version}/gallery.html")
    async def gallery(version: str):
        repaired = version_of(version) == "after"
        alt = 'alt="Members hiking at sunset"' if repaired else ""
        search = (
            '<label for="q">Search photos</label> <input id="q" name="q" type="search">'
            if repaired
            else '<input name="q" type="text">'
        )
        return _page(version, "Photo gallery", f'<img src="photo.svg" {alt} width="120" height="80"><p>{search}</p>')

    @app.get("/{version}/todo.html")
    async def todo(version: str):
        repaired = version_of(version) == "after"
        field = '<input id="new-todo" placeholder="What needs to be done?" autofocus'
        field += ' aria-label="New todo">' if repaired else ">"
        body = f'{field}<ul id="todo-list"></ul><p id="count" aria-live="polite"></p>'
        script = "<script>const LABELLED = " + ("true" if repaired else "false") + ";" + TODO_SCRIPT + "</script>"
        return _page(version, "Todo list", body, script)

    @app.get("/{version}/api/todos")
    async def todos(version: str):
        return JSONResponse(state[version_of(version)]["todos"])

    @app.put("/{version}/api/todos")
    async def save_todos(version: str, request: Request):
        items = await request.json()
        state[version_of(version)]["todos"] = [{"title": str(i["title"]), "done": bool(i["done"])} for i in items]
        return JSONResponse({"saved": len(items)})

    @app.get("/{version}/survey.html")
    async def survey(version: str):
        return _page(
            version_of(version),
            "Member survey",
            "<p>Tell us about yourself: every answer marked as required must be given.</p>" + _survey_form(version),
        )

    @app.post("/{version}/submit")
    async def submit(version: str, request: Request):
        form = {k: str(v) for k, v in (await request.form()).items()}
        problems = ["The survey is closed: we are not taking answers at the moment."] if fail_submissions else []
        problems = problems or _problems(form)
        if problems:
            state[version_of(version)]["refused"].append({"form": form, "problems": problems})
            return RedirectResponse("failed.html", status_code=303)
        state[version_of(version)]["submissions"].append(form)
        return RedirectResponse("thanks.html", status_code=303)

    @app.get("/{version}/failed.html")
    async def failed(version: str):
        refused = state[version_of(version)]["refused"]
        problems = refused[-1]["problems"] if refused else ["Nothing was sent."]
        items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        return _page(
            version,
            "Submission Failed",
            f'<p role="alert">Your answers could not be saved.</p><ul>{items}</ul>'
            '<p><a href="survey.html">Back to the survey</a></p>',
        )

    @app.get("/{version}/thanks.html")
    async def thanks(version: str):
        return _page(
            version_of(version),
            "Thank you",
            '<p role="status">Your survey answers were received. Thank you for taking part!</p>'
            '<p><a href="index.html">Back to the home page</a></p>',
        )

    return app


class _NotFound(Exception):
    pass
