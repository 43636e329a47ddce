"""The dashboard (Reflex). Pages are thin: their State calls app/services."""
