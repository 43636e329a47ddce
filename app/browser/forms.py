"""What the browser (app/browser/) reads of a page's forms, as scripts run inside the page, and the
plain-Python helpers around them (no playwright here).

- the facts of each form control the persona can act on (type, required, pattern, min/max,
  length limits, options, its form, whether the browser finds its value valid), keyed by the
  element's ARIA-snapshot ref, so that a persona (a real model or the offline explorer) can
  fill a form with values that fit;
- whether an action submits a form, and after it, the fields that kept the form from being
  sent (constraint validation), so that a refused submit is a failed step, never "ok";
- the page's own messages (alerts, status lines, headings) that say how an action went.
"""

from __future__ import annotations

import re
from typing import Any

# Roles of the snapshot whose elements get their facts read (a click on a button may submit a form).
FIELD_ROLES = frozenset({"textbox", "searchbox", "spinbutton", "combobox", "listbox", "checkbox", "radio", "switch",
                         "slider", "button"})  # fmt: skip
FACTS_PER_PAGE = 80
_SNAPSHOT_REF = re.compile(r"^\s*- (?P<role>[a-z]+)\b[^\n]*?\[ref=(?P<ref>[^\]]+)\]", re.M)

# One element: what a person filling it in would see or be told by the browser.
FIELD_FACTS_JS = """(el) => {
  const tag = el.tagName.toLowerCase();
  const text = (s, n) => (s || '').replace(/\\s+/g, ' ').trim().slice(0, n || 200);
  const labelOf = () => {
    if (el.labels && el.labels.length) return text(Array.from(el.labels).map(l => l.innerText).join(' '));
    const by = el.getAttribute('aria-labelledby');
    if (by) return text(by.split(/\\s+/).map(id => (document.getElementById(id) || {}).innerText || '').join(' '));
    return text(el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('placeholder') || '');
  };
  const form = el.form || el.closest('form');
  const facts = {tag, type: tag === 'input' ? (el.getAttribute('type') || 'text').toLowerCase() : tag,
    name: el.getAttribute('name') || el.id || '', label: labelOf(),
    form: form ? Array.from(document.forms).indexOf(form) : -1,
    disabled: !!el.disabled, readOnly: !!el.readOnly,
    visible: !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)};
  if (tag === 'button' || (tag === 'input' && ['submit', 'image', 'button', 'reset'].includes(facts.type))) {
    const kind = tag === 'button' ? (el.getAttribute('type') || 'submit').toLowerCase() : facts.type;
    facts.submits = !!form && (kind === 'submit' || kind === 'image');
    facts.label = facts.label || text(el.innerText || el.value || '');
    return facts;
  }
  if (!['input', 'select', 'textarea'].includes(tag)) {
    facts.type = el.getAttribute('role') || tag;
    facts.value = text(el.innerText || el.getAttribute('aria-valuenow') || '', 200);
    facts.checked = el.getAttribute('aria-checked') === 'true';
    facts.required = el.getAttribute('aria-required') === 'true';
    return facts;
  }
  const attr = (n) => el.getAttribute(n);
  Object.assign(facts, {required: !!el.required, pattern: attr('pattern') || '', min: attr('min') || '',
    max: attr('max') || '', step: attr('step') || '', minLength: el.minLength > 0 ? el.minLength : null,
    maxLength: el.maxLength > 0 ? el.maxLength : null, placeholder: text(attr('placeholder'), 120),
    autocomplete: attr('autocomplete') || '', inputMode: attr('inputmode') || '', title: text(attr('title'), 200),
    value: tag === 'select' ? '' : String(el.value || '').slice(0, 500),
    checked: !!el.checked, multiple: !!el.multiple, group: attr('name') || '',
    valid: el.validity ? el.validity.valid : true, validationMessage: text(el.validationMessage, 200)});
  if (tag === 'select') facts.options = Array.from(el.options).slice(0, 100).map(o => ({
    label: text(o.label || o.text, 120), value: o.value, selected: o.selected, disabled: o.disabled}));
  return facts;
}"""

# The page's forms and its own messages about how things went.
PAGE_MESSAGES_JS = """() => {
  const text = (s, n) => (s || '').replace(/\\s+/g, ' ').trim().slice(0, n || 300);
  const shown = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const messages = Array.from(document.querySelectorAll(
      '[role=alert], [role=status], [aria-live]:not([aria-live=off]), output, .error, .errors, .alert, ' +
      '.notice, .success'))
    .filter(shown).map(e => text(e.innerText)).filter(Boolean);
  const headings = Array.from(document.querySelectorAll('h1, h2')).filter(shown).slice(0, 6)
    .map(e => text(e.innerText, 160)).filter(Boolean);
  const forms = Array.from(document.forms).slice(0, 20).map((f, index) => ({index,
    action: f.getAttribute('action') || '', method: (f.getAttribute('method') || 'get').toLowerCase(),
    noValidate: !!f.noValidate,
    hasSubmit: !!f.querySelector('button:not([type]), button[type=submit], input[type=submit], input[type=image]')}));
  return {messages: Array.from(new Set(messages)).slice(0, 10), headings, forms};
}"""

# Would this action send a form? The index of that form, or -1. `how`: click | enter.
SUBMITS_FORM_JS = """(el, how) => {
  const form = el.form || el.closest('form');
  if (!form) return -1;
  const tag = el.tagName.toLowerCase(), type = (el.getAttribute('type') || '').toLowerCase();
  if (how === 'click') {
    const submits = (tag === 'button' && (!type || type === 'submit'))
      || (tag === 'input' && ['submit', 'image'].includes(type));
    return submits ? Array.from(document.forms).indexOf(form) : -1;
  }
  const typing = tag === 'input'
    && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image'].includes(type || 'text');
  return typing ? Array.from(document.forms).indexOf(form) : -1;
}"""

# The fields of form `index` that the browser finds invalid, with what it tells the visitor.
INVALID_FIELDS_JS = """(index) => {
  const form = document.forms[index];
  if (!form || form.noValidate) return [];
  const text = (s) => (s || '').replace(/\\s+/g, ' ').trim().slice(0, 200);
  const seen = new Set(), out = [];
  for (const e of Array.from(form.elements)) {
    if (!e.willValidate || !e.validity || e.validity.valid) continue;
    const group = e.type === 'radio' ? 'radio:' + e.name : null;  // a radio group is one question
    if (group && seen.has(group)) continue;
    if (group) seen.add(group);
    const legend = group && e.closest('fieldset') && e.closest('fieldset').querySelector('legend');
    out.push({label: text((legend && legend.innerText) || (e.labels && e.labels[0] && e.labels[0].innerText)
      || e.getAttribute('aria-label') || e.getAttribute('placeholder') || e.getAttribute('name')
      || e.tagName.toLowerCase()), message: text(e.validationMessage)});
  }
  return out.slice(0, 10);
}"""


def snapshot_refs(snapshot: str) -> list[tuple[str, str]]:
    """(ref, role) of the elements of a snapshot whose facts are worth reading, in page order."""
    found = [(m.group("ref"), m.group("role")) for m in _SNAPSHOT_REF.finditer(snapshot)]
    return [(ref, role) for ref, role in found if role in FIELD_ROLES][:FACTS_PER_PAGE]


def invalid_summary(invalid: list[dict[str, str]]) -> str:
    """'“Email”: Please include an '@' in the email address.; “Age”: ...'"""
    return "; ".join(f"“{i.get('label') or 'a field'}”: {i.get('message') or 'invalid'}" for i in invalid)


def checkbox_state(value: str) -> bool:
    """fill_form's value for a checkbox or radio: anything but an explicit no ticks it."""
    return value.strip().lower() not in ("false", "no", "off", "0", "unchecked", "uncheck")


_REASONS = (
    (re.compile(r"element is not visible|element is not attached|not visible"), "the element is not visible"),
    (re.compile(r"element is not enabled|element is disabled"), "the element is disabled"),
    (re.compile(r"intercepts pointer events"), "another element covers it"),
    (re.compile(r"element is not editable|not an <input>|is not an <input>"), "the element cannot be typed into"),
    (re.compile(r"did not change its state"), "clicking it did not change its state"),
    (re.compile(r"outside of the viewport"), "the element is outside the page"),
    (re.compile(r"did not find some options|not a <select>"), "no such option"),
)


def explain_action_error(message: str, first_line: str) -> str:
    """Playwright's call log says why an action timed out; a person wants that reason."""
    log = (message or "").split("\nCall log:", 1)[-1]
    for pattern, reason in _REASONS:
        if pattern.search(log) or pattern.search(first_line):
            return f"{reason} ({first_line})" if reason not in first_line else first_line
    return first_line


def page_facts(observed: dict[str, Any]) -> dict[str, Any]:
    """The parts of PAGE_MESSAGES_JS's answer that are kept (bounded)."""
    return {
        "messages": [str(m)[:300] for m in observed.get("messages") or []][:10],
        "headings": [str(h)[:160] for h in observed.get("headings") or []][:6],
        "forms": list(observed.get("forms") or [])[:20],
    }


__all__ = [
    "FIELD_FACTS_JS",
    "FIELD_ROLES",
    "INVALID_FIELDS_JS",
    "PAGE_MESSAGES_JS",
    "SUBMITS_FORM_JS",
    "checkbox_state",
    "explain_action_error",
    "invalid_summary",
    "page_facts",
    "snapshot_refs",
]
