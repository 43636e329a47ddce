"""The model picker: a text input that suggests the workspace's models as you type
(provider, cost per million tokens, vision), and still takes any litellm model id."""

from __future__ import annotations

import reflex as rx

from app.ui.state.auth import AuthState

DATALIST_ID = "mimic-model-options"


def model_datalist() -> rx.Component:
    """Rendered once per page (by the layout); model inputs point at it with list=…"""
    return rx.el.datalist(
        rx.foreach(AuthState.model_options, lambda m: rx.el.option(m["label"], value=m["id"])),
        id=DATALIST_ID,
    )


def picker_props() -> dict[str, str]:
    """Props that make an input a model picker."""
    return {"list": DATALIST_ID, "auto_complete": "off"}
