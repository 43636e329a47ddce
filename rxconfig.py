import reflex as rx

from app.settings import settings

config = rx.Config(
    app_name="app",
    db_url=settings.database_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin()],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
