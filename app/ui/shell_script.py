"""The shell's browser-side behaviour, installed once per page load by the auth check (the
Content-Security-Policy lets the app's own events run scripts; no inline <script> is needed):

- "/" (outside a text field) or Ctrl+K / Cmd+K focuses the search box;
- an editor form marked data-unsaved-guard that was typed in asks before the page is left:
  the browser's own prompt on reload or close (beforeunload), a confirm() on a link click
  inside the app. Sending the form clears the mark (a failed save is marked again by the
  next edit)."""

from __future__ import annotations

SEARCH_INPUT_ID = "mimic-search"
UNSAVED_GUARD = "data-unsaved-guard"
LEAVE_QUESTION = "You have unsaved changes. Leave this page and lose them?"

SHELL_SCRIPT = f"""
(() => {{
  if (window.__mimicShell) return;
  window.__mimicShell = true;
  const edited = new WeakSet();
  const guarded = () => Array.from(document.querySelectorAll("form[{UNSAVED_GUARD}]"));
  const unsaved = () => guarded().some((form) => edited.has(form));
  const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
  const mark = (event) => {{
    const form = event.target && event.target.closest && event.target.closest("form[{UNSAVED_GUARD}]");
    if (form) edited.add(form);
  }};
  document.addEventListener("input", mark, true);
  document.addEventListener("change", mark, true);
  // Radix selects and checkboxes are buttons: a click inside the form's fields edits it too.
  document.addEventListener("click", (event) => {{
    const control = event.target.closest && event.target.closest("[role=combobox],[role=checkbox],[role=switch]");
    if (control) mark(event);
  }}, true);
  document.addEventListener("submit", (event) => edited.delete(event.target), true);
  window.addEventListener("beforeunload", (event) => {{
    if (unsaved()) {{ event.preventDefault(); event.returnValue = ""; }}
  }});
  window.addEventListener("click", (event) => {{
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target === "_blank" || link.hasAttribute("download") || !unsaved()) return;
    const to = new URL(link.href, window.location.href);
    if (to.origin !== window.location.origin || to.pathname === window.location.pathname) return;
    if (window.confirm({LEAVE_QUESTION!r})) {{
      guarded().forEach((form) => edited.delete(form));
    }} else {{
      event.preventDefault();
      event.stopPropagation();
    }}
  }}, true);
  document.addEventListener("keydown", (event) => {{
    const search = document.getElementById("{SEARCH_INPUT_ID}");
    if (!search) return;
    const shortcut = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey);
    if (shortcut || (event.key === "/" && !event.ctrlKey && !event.metaKey && !typing(event.target))) {{
      event.preventDefault();
      search.focus();
      search.select();
    }}
  }});
}})();
"""
