"""The dashboard's look: one Radix theme, light and dark."""

import reflex as rx

theme = rx.theme(appearance="inherit", accent_color="violet", gray_color="slate", radius="medium", scaling="100%")

SIDEBAR_WIDTH = "15rem"
