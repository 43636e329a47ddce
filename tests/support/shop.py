"""A small shop website for browser sessions, served for real on 127.0.0.1, with planted
defects on some pages and none on others:

- /news: a console error and an uncaught exception
- /gallery: an image that answers 404, an image without alt text, a broken link
- /deals: a slow page (the server waits `slow_s` before answering)
- /contact: a form whose message field empties itself when the visitor moves on
- /about: clean (the clean page); /, /products, /cart, /checkout, /complete: clean too
- /live (not linked): opens a WebSocket to the tracker's origin

The purchase path: /products -> /products/trail-jacket -> "Add to cart" -> /cart ->
"Checkout" -> /checkout (a form) -> "Place order" -> /complete ("Purchase complete").
`tracker_url`, when given, is another origin whose pixel the home page loads: a request
the browser must block.
"""

from __future__ import annotations

import asyncio
import html

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

NAV = [("Home", "/"), ("Products", "/products"), ("Deals", "/deals"), ("Gallery", "/gallery"), ("News", "/news"),
       ("Contact", "/contact"), ("About", "/about"), ("Cart", "/cart")]  # fmt: skip
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#2a6"/></svg>'
)


def _page(title: str, body: str, head: str = "") -> HTMLResponse:
    nav = " ".join(f'<a href="{href}">{name}</a>' for name, href in NAV)
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} · Trail Shop</title>{head}'
        f'</head><body><header><nav aria-label="Main">{nav}</nav></header><main><h1>{title}</h1>{body}</main>'
        "<footer><p>Trail Shop, outdoor gear since 1998.</p></footer></body></html>"
    )


def shop_site(state: dict | None = None, *, tracker_url: str | None = None, slow_s: float = 1.2) -> FastAPI:
    """`state` (shared with the test) records "cart", "orders" and "messages"."""
    state = state if state is not None else {}
    state.setdefault("cart", [])
    state.setdefault("orders", [])
    state.setdefault("messages", [])
    app = FastAPI()

    @app.get("/")
    async def home():
        pixel = f'<img src="{tracker_url}/pixel.gif" alt="" width="1" height="1">' if tracker_url else ""
        return _page(
            "Welcome to Trail Shop",
            "<p>Jackets, tents and boots for every trail. Browse our products to buy a jacket.</p>"
            f'<p><a href="/products">Shop all products</a></p>{pixel}',
        )

    @app.get("/about")
    async def about():
        return _page(
            "About us",
            "<p>We are a small family shop in Galway. We answer every email within a day.</p>"
            '<img src="/img/store.svg" alt="Our shop front" width="120" height="80">',
        )

    @app.get("/img/store.svg")
    async def store_image():
        return Response(SVG, media_type="image/svg+xml")

    @app.get("/img/tent.svg")
    async def tent_image():
        return Response(SVG, media_type="image/svg+xml")

    @app.get("/news")
    async def news():
        return _page(
            "News",
            "<p>Autumn collection is in store now.</p>"
            "<script>console.error('Newsletter widget failed to initialise: missing API key');</script>"
            "<script>window.addEventListener('load', () => { undefinedTracker.track('news'); });</script>",
        )

    @app.get("/gallery")
    async def gallery():
        return _page(
            "Gallery",
            "<p>Photos from our customers.</p>"
            '<img src="/img/summit.jpg" alt="A summit at dawn" width="120" height="80">'
            '<img src="/img/tent.svg" width="120" height="80">'
            '<p><a href="/catalogue-2019.pdf">Download the 2019 catalogue</a></p>',
        )

    @app.get("/live")
    async def live():
        socket = tracker_url.replace("http", "ws", 1) + "/socket" if tracker_url else ""
        script = f"<script>const chat = new WebSocket('{socket}');</script>" if socket else ""
        return _page("Live chat", "<p>Chat with us.</p>" + script)

    @app.get("/deals")
    async def deals():
        await asyncio.sleep(slow_s)
        return _page("Deals", "<p>20% off all tents this week.</p>")

    @app.get("/contact")
    async def contact():
        return _page(
            "Contact us",
            '<form method="post" action="/contact"><p><label for="email">Your email</label> '
            '<input id="email" name="email" type="email"></p><p><label for="message">Message</label> '
            '<textarea id="message" name="message"></textarea></p><button type="submit">Send message</button></form>'
            # The planted defect: the message empties itself when the visitor moves on.
            "<script>document.getElementById('message').addEventListener('blur', e => { e.target.value = ''; });"
            "</script>",
        )

    @app.post("/contact")
    async def send_contact(email: str = Form(""), message: str = Form("")):
        state["messages"].append({"email": email, "message": message})
        return _page("Message sent", f"<p>Thanks {html.escape(email)}, we got your message: {html.escape(message)}</p>")

    @app.get("/products")
    async def products():
        return _page(
            "Products",
            '<ul><li><a href="/products/trail-jacket">Trail Jacket, waterproof, 99 EUR</a></li>'
            '<li><a href="/products/dome-tent">Dome Tent, two-person, 149 EUR</a></li></ul>',
        )

    @app.get("/products/{slug}")
    async def product(slug: str):
        name = {"trail-jacket": "Trail Jacket", "dome-tent": "Dome Tent"}.get(slug)
        if name is None:
            return Response("Not found", status_code=404)
        return _page(
            name,
            f'<p>{name}: waterproof and light.</p><form method="post" action="/cart/add">'
            f'<input type="hidden" name="item" value="{slug}"><p><label for="size">Size</label> '
            '<select id="size" name="size"><option value="">Choose a size</option><option>S</option>'
            "<option>M</option><option>L</option></select></p>"
            '<button type="submit">Add to cart</button></form>',
        )

    @app.post("/cart/add")
    async def add_to_cart(item: str = Form(...), size: str = Form("")):
        state["cart"].append({"item": item, "size": size})
        return RedirectResponse("/cart", status_code=303)

    @app.get("/cart")
    async def cart():
        if not state["cart"]:
            return _page("Your cart", "<p>Your cart is empty.</p>")
        items = "".join(
            f"<li>{html.escape(c['item'])} (size {html.escape(c['size'] or '-')})</li>" for c in state["cart"]
        )
        return _page("Your cart", f'<ul>{items}</ul><p><a href="/checkout">Checkout</a></p>')

    @app.get("/checkout")
    async def checkout():
        return _page(
            "Checkout",
            '<form method="post" action="/order">'
            '<p><label for="name">Full name</label> <input id="name" name="name" autocomplete="name"></p>'
            '<p><label for="co-email">Email</label> <input id="co-email" name="email" type="email"></p>'
            '<p><label for="address">Delivery address</label> <input id="address" name="address"></p>'
            '<p><label for="card">Card number</label> <input id="card" name="card" inputmode="numeric"></p>'
            '<button type="submit">Place order</button></form>',
        )

    @app.post("/order")
    async def order(request: Request):
        form = await request.form()
        state["orders"].append(dict(form))
        return RedirectResponse("/complete", status_code=303)

    @app.get("/complete")
    async def complete():
        return _page("Purchase complete", "<p>Thank you for your order! Your purchase is complete.</p>")

    return app


def tracker_site(state: dict | None = None) -> FastAPI:
    """Another origin, which the browser must never reach: it counts every request."""
    state = state if state is not None else {}
    state.setdefault("hits", [])
    app = FastAPI()

    @app.get("/{path:path}")
    async def anything(path: str):
        state["hits"].append(path)
        return Response(b"GIF89a", media_type="image/gif")

    return app
