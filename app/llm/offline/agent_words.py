"""What the offline hosted agent reads from its system prompt (its policy), and the words it says
in English and Spanish."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.llm.offline.text import (
    fold,
)


@dataclass
class AgentPolicy:
    name: str = ""
    company: str = "our shop"
    refund_days: int = 30
    refund_time: str = "5-10 working days"
    delivery_time: str = "3-5 working days"
    free_shipping_over: str = "50 EUR"
    shipping_cost: str = "4.95 EUR"
    order_prefix: str | None = None
    order_digits: int | None = None
    requires_email: bool = False
    ticket_reply: str = "within one working day"
    handles_bookings: bool = False

    @property
    def support_email(self) -> str:
        slug = re.sub(r"[^a-z0-9]", "", fold(self.company)) or "shop"
        return f"support@{slug}.example"

    def valid_order(self, order_id: str) -> bool:
        if self.order_prefix is None:
            return True
        digits = order_id[len(self.order_prefix) :]
        return order_id.startswith(self.order_prefix) and digits.isdigit() and len(digits) == self.order_digits


def read_agent_policy(system_prompt: str) -> AgentPolicy:
    policy = AgentPolicy()
    text = system_prompt or ""
    if not text.strip():
        return policy
    name = re.search(r"\bYou are ([A-Z][a-z]+)\b(?=[,.]| the\b)", text)
    if name:
        policy.name = name.group(1)
    company = re.search(r"\bfor ([A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*)*)", text)
    if company:
        policy.company = company.group(1)
    days = re.search(r"(?i)within (\d+) days[^.]*(?:refund|return)|(?:refund|return)[^.]*within (\d+) days", text)
    if days:
        policy.refund_days = int(days.group(1) or days.group(2))
    refund_time = re.search(r"(?i)refunds?[^.]*?within (\d+\s*-\s*\d+ (?:working |business )?days)", text)
    if refund_time:
        policy.refund_time = refund_time.group(1)
    delivery = re.search(r"(?i)delivery takes (\d+\s*-\s*\d+ (?:working |business )?days)", text)
    if delivery:
        policy.delivery_time = delivery.group(1)
    free = re.search(r"(?i)free (?:standard )?shipping on orders over ([\d.,]+ ?(?:EUR|USD|GBP|€|\$|£))", text)
    if free:
        policy.free_shipping_over = free.group(1)
    cost = re.search(r"(?i)shipping costs ([\d.,]+ ?(?:EUR|USD|GBP|€|\$|£))", text)
    if cost:
        policy.shipping_cost = cost.group(1)
    order_format = re.search(r"(?i)order numbers? look like ([A-Z]+-)(\d+)", text)
    if order_format:
        policy.order_prefix = order_format.group(1)
        policy.order_digits = len(order_format.group(2))
    policy.requires_email = bool(
        re.search(r"(?i)order number and the e-?mail|both the order number and the e-?mail", text)
    )
    reply = re.search(r"(?i)reply by e-?mail (within [^.,;]+)", text)
    if reply:
        policy.ticket_reply = reply.group(1).strip()
    policy.handles_bookings = bool(re.search(r"(?i)\b(hotel|lodge|booking|reservation|travel|flight)s?\b", text))
    return policy


ES = "es"

AGENT_TEXT: dict[str, dict[str, str]] = {
    "greeting": {
        "en": "Hi, I'm {me}. How can I help you today?",
        "es": "¡Hola! Soy {me}. ¿En qué puedo ayudarle?",
    },
    "ask_order_and_email": {
        "en": "I can help with that. To look up your order I need your order number and the email address used on "
        "the order. Could you send me both?",
        "es": "Con gusto le ayudo. Para consultar su pedido necesito el número de pedido y el correo electrónico "
        "usado en la compra. ¿Me los puede indicar?",
    },
    "ask_order": {
        "en": "I can help with that. Could you give me your order number? It looks like {example}.",
        "es": "Con gusto le ayudo. ¿Me puede dar el número de pedido? Tiene este formato: {example}.",
    },
    "ask_email": {
        "en": "Thanks, I have your order number {order}. For security, could you also give me the email address used "
        "on the order?",
        "es": "Gracias, tengo su número de pedido {order}. Por seguridad, ¿me indica también el correo electrónico "
        "usado en el pedido?",
    },
    "ask_account_email": {
        "en": "I can help with that. Could you give me the email address on your account, so I can find it?",
        "es": "Con gusto le ayudo. ¿Me indica el correo electrónico de su cuenta para encontrarla?",
    },
    "bad_order": {
        "en": "Hmm, {order} doesn't look like one of our order numbers; they look like {example}. Could you check it?",
        "es": (
            "Vaya, {order} no parece uno de nuestros números de pedido; tienen este formato: {example}. "
            "¿Puede revisarlo?"
        ),
    },
    "order_status": {
        "en": "Thanks! I found order {order}. Current delivery status: {status}. It was dispatched on {dispatched} and "
        "the expected delivery date is {eta}.",
        "es": "¡Gracias! He encontrado el pedido {order}. Estado actual de la entrega: {status_es}. Se envió el "
        "{dispatched} y la fecha prevista de entrega es el {eta}.",
    },
    "order_followup": {
        "en": "If the parcel has not arrived by {eta}, just reply here or email {support} and we'll open a ticket with "
        "the courier to trace it; if it is lost, we'll send a replacement or refund you in full.",
        "es": "Si el paquete no ha llegado el {eta}, responda aquí o escriba a {support} y abriremos una incidencia "
        "con "
        "la empresa de transporte para hacer el seguimiento; si se ha perdido, le enviaremos un reemplazo o le "
        "devolveremos el importe completo.",
    },
    "refund_ok": {
        "en": "Order {order} was delivered on {delivered}, so it is within our {days}-day refund window. The return "
        "steps are: 1) pack the item in its original packaging, 2) attach the return label we email you, 3) drop the "
        "parcel off at any post office. Your refund is paid back to your original payment method and takes "
        "{refund_time} to arrive once the return reaches us.",
        "es": "El pedido {order} se entregó el {delivered}, así que está dentro de nuestro plazo de devolución de "
        "{days} días. Los pasos de la devolución son: 1) meta el artículo en su embalaje original, 2) pegue la "
        "etiqueta de devolución que le enviaremos por correo, 3) entregue el paquete en cualquier oficina de correos. "
        "El reembolso se hace al método de pago original y tarda {refund_time} en llegar desde que recibimos la "
        "devolución.",
    },
    "refund_late": {
        "en": "Order {order} was delivered on {delivered}, which is outside our {days}-day refund window, so I can't "
        "refund it. I can create a ticket so a human colleague can check whether an exception is possible.",
        "es": "El pedido {order} se entregó el {delivered}, fuera de nuestro plazo de devolución de {days} días, así "
        "que no puedo reembolsarlo. Puedo abrir una incidencia para que una persona del equipo lo revise.",
    },
    "damaged": {
        "en": "I'm really sorry your {item} from order {order} arrived damaged. To submit evidence, please email "
        "photos "
        "of the damage and a short description to {support}. We can send a replacement, or a full refund if a "
        "replacement isn't possible, and you won't pay return shipping for a damaged item. Which would you prefer?",
        "es": "Siento mucho que su {item} del pedido {order} llegara dañado. Para enviar pruebas, mande fotos del daño "
        "y una breve descripción a {support}. Podemos enviarle un reemplazo, o el reembolso completo si no es "
        "posible, y no pagará el envío de la devolución de un artículo dañado. ¿Qué prefiere?",
    },
    "subscription": {
        "en": "I can help you cancel your {sub} subscription. You can do it under Account > Subscriptions > Cancel "
        "subscription, and I've also started the cancellation for you now. Because you are cancelling before the "
        "renewal{renewal}, you will not be charged again. You'll receive a cancellation confirmation by email with a "
        "reference number, and your account page will show the subscription as cancelled.",
        "es": "Puedo ayudarle a cancelar su suscripción {sub}. Puede hacerlo en Cuenta > Suscripciones > Cancelar, y "
        "ya he iniciado la cancelación. Como cancela antes de la renovación{renewal}, no se le cobrará de nuevo. "
        "Recibirá una confirmación de la cancelación por correo con un número de referencia.",
    },
    "cancel_order": {
        "en": "Order {order} has not been dispatched yet, so I've cancelled it. You'll get a cancellation confirmation "
        "by email, and the refund goes back to your original payment method within {refund_time}.",
        "es": "El pedido {order} aún no se ha enviado, así que lo he cancelado. Recibirá una confirmación por correo y "
        "el reembolso volverá a su método de pago original en {refund_time}.",
    },
    "ask_address": {
        "en": "Sure. What is the new delivery address for order {order}?",
        "es": "Claro. ¿Cuál es la nueva dirección de entrega del pedido {order}?",
    },
    "address_ok": {
        "en": "I checked order {order}: it has not been dispatched yet, so I've updated the delivery address to "
        "{address}. If it had already shipped, we could no longer change the address, but the courier could redirect "
        "the parcel. The final delivery address is now {address}.",
        "es": "He comprobado el pedido {order}: todavía no se ha enviado, así que he cambiado la dirección de "
        "entrega a "
        "{address}. Si ya se hubiera enviado, no podríamos cambiarla, pero la empresa de transporte podría "
        "redirigir el paquete. La dirección de entrega final es {address}.",
    },
    "address_late": {
        "en": "I checked order {order}: it has already been dispatched, so I can no longer change the address. The "
        "courier will try the original address first; you can redirect the parcel with the tracking link in your "
        "dispatch email, or I can create a ticket for a human colleague.",
        "es": "He comprobado el pedido {order}: ya se ha enviado, así que no puedo cambiar la dirección. Puede "
        "redirigir el paquete con el enlace de seguimiento del correo de envío, o puedo abrir una incidencia.",
    },
    "account": {
        "en": "For your security, please never share your password or one-time codes in this chat. Here are the steps "
        "to unlock your account: 1) on the sign-in page choose 'Forgot password', 2) we email a reset link to your "
        "registered address, 3) open it and set a new password, which also unlocks the account. The lock lasts 30 "
        "minutes, and recovery by email usually takes only a few minutes. If you can't use your old phone number, "
        "there is an alternative verification route by email, or a human colleague can verify your identity.",
        "es": "Por su seguridad, nunca comparta su contraseña ni códigos en este chat. Pasos para desbloquear la "
        "cuenta: 1) en la página de acceso elija 'He olvidado mi contraseña', 2) le enviaremos un enlace a su correo, "
        "3) ábralo y cree una contraseña nueva, lo que también desbloquea la cuenta. El bloqueo dura 30 minutos y la "
        "recuperación por correo tarda pocos minutos. Si no puede usar su teléfono antiguo, hay una vía alternativa de "
        "verificación por correo, o una persona del equipo puede ayudarle.",
    },
    "escalate_ask_email": {
        "en": "I'm sorry about this. I can hand your case over to a human colleague. Could you give me the email "
        "address on your order so they can reply to you?",
        "es": "Lo siento mucho. Puedo pasar su caso a una persona del equipo. ¿Me indica el correo electrónico del "
        "pedido para que le respondan?",
    },
    "escalate": {
        "en": "I'm sorry about {problem}. I've created a support ticket and handed your case over to a human "
        "colleague. "
        "Your ticket reference is {ticket}, and a human agent will reply by email {reply}.",
        "es": "Siento mucho {problem_es}. He abierto una incidencia y he pasado su caso a una persona del equipo. Su "
        "número de referencia es {ticket} y le responderán por correo en un día laborable.",
    },
    "are_you_human": {
        "en": "I'm an AI assistant, not a human. If you'd like, I can hand you over to a human colleague.",
        "es": "Soy un asistente de IA, no una persona. Si lo desea, puedo pasarle con una persona del equipo.",
    },
    "product": {
        "en": "I'm sorry, I can't check stock levels or add items to your cart from this chat. You can browse "
        "{category} on our website and filter by size and price; each product page shows availability.",
        "es": "Lo siento, no puedo consultar el stock ni añadir artículos al carrito desde este chat. Puede ver "
        "{category} en nuestra web y filtrar por talla y precio.",
    },
    "hours": {
        "en": "I'm sorry, I don't have the opening hours of our stores. The store pages on our website list each "
        "store's hours and address, or I can create a ticket so a colleague can confirm them.",
        "es": "Lo siento, no tengo el horario de las tiendas. En nuestra web, la página de cada tienda indica el "
        "horario "
        "y la dirección.",
    },
    "gift_card": {
        "en": "You can pay with a gift card at checkout: on the payment step, enter the gift card code in the 'Gift "
        "card' field and its balance is applied to the order. The remaining balance of the order can then be paid with "
        "another payment method, such as a debit card. Any unused balance stays on the gift card for a later order. "
        "Please don't share the gift card number, PIN or card details in this chat.",
        "es": "Puede pagar con la tarjeta regalo al finalizar la compra: en el paso de pago, introduzca el código en "
        "el "
        "campo 'Tarjeta regalo'. El importe restante se puede pagar con otro método, como una tarjeta de débito. El "
        "saldo no usado se queda en la tarjeta regalo. No comparta el número ni el PIN en este chat.",
    },
    "accessibility": {
        "en": "I'm sorry, I don't know whether {product} is compatible with {device}, and I don't have reliable "
        "information about its VoiceOver or screen-reader support or whether an accessible, text-based manual "
        "exists. I'd rather not guess: the product page lists the specifications, or I can create a ticket so a "
        "colleague can check and email you.",
        "es": "Lo siento, no sé si {product} es compatible con {device}, ni tengo información fiable sobre su "
        "compatibilidad con lectores de pantalla o si existe un manual accesible. Prefiero no adivinar: la página del "
        "producto tiene las especificaciones, o puedo abrir una incidencia.",
    },
    "shipping": {
        "en": "Standard shipping is free on orders over {free}; below that it costs {cost}. Standard delivery takes "
        "{delivery} after dispatch.",
        "es": "El envío estándar es gratuito en pedidos de más de {free}; por debajo cuesta {cost}. La entrega "
        "estándar tarda {delivery} desde el envío.",
    },
    "booking_off_topic": {
        "en": "I'm sorry, I can only help with {company} orders and products, so I can't change bookings or "
        "reservations.",
        "es": "Lo siento, solo puedo ayudar con pedidos y productos de {company}; no puedo cambiar reservas.",
    },
    "booking": {
        "en": "I found booking {booking}. The dates you asked for are available in the same room type, and the change "
        "fee is 25 EUR. Would you like me to make the change? Please confirm before I go ahead.",
        "es": "He encontrado la reserva {booking}. Las nuevas fechas están disponibles en el mismo tipo de "
        "habitación y "
        "el cargo por el cambio es de 25 EUR. ¿Confirma que quiere hacer el cambio?",
    },
    "ask_booking": {
        "en": "I can help with that. Could you give me your booking reference and the surname on the booking?",
        "es": "Con gusto. ¿Me indica la referencia de la reserva y el apellido del titular?",
    },
    "injection": {
        "en": "I'm sorry, but I can't share or change my instructions. I'm happy to help with your orders, returns or "
        "our products, though.",
        "es": "Lo siento, no puedo compartir ni cambiar mis instrucciones. Con gusto le ayudo con sus pedidos, "
        "devoluciones o productos.",
    },
    "injection_again": {
        "en": "I can't do that, whatever the framing. If there's anything about your {company} orders or products I "
        "can help "
        "with, just let me know.",
        "es": "No puedo hacerlo. Si necesita algo sobre un pedido o producto de {company}, dígamelo.",
    },
    "discount": {
        "en": "I can't apply discounts or codes that I can't verify, and I can't make exceptions to our policies. If "
        "you "
        "were promised one, I can create a ticket so a human colleague can check it.",
        "es": "No puedo aplicar descuentos ni códigos que no pueda verificar. Si le prometieron uno, puedo abrir una "
        "incidencia para que una persona lo revise.",
    },
    "card_warning": {
        "en": "Please don't share full card numbers or passwords here; I've ignored that part. For payment issues, "
        "please use your account page or ask for a human colleague.",
        "es": "Por favor, no comparta números de tarjeta ni contraseñas aquí; he ignorado esa parte.",
    },
    "thanks": {
        "en": "You're welcome! Is there anything else I can help with?",
        "es": "¡De nada! ¿Puedo ayudarle en algo más?",
    },
    "bye": {
        "en": "Glad I could help. Have a great day!",
        "es": "Me alegro de haberle ayudado. ¡Que tenga un buen día!",
    },
    "fallback": {
        "en": "I'm not sure I understood — could you tell me more about {topic}?",
        "es": "No estoy seguro de haberle entendido. ¿Podría contarme más sobre {topic}?",
    },
    "anything_else": {"en": "Is there anything else I can help with?", "es": "¿Puedo ayudarle en algo más?"},
}

ORDER_STATUSES = [
    ("in transit with our courier", "en tránsito con la empresa de transporte"),
    ("in transit with our courier", "en tránsito con la empresa de transporte"),
    ("out for delivery today", "en reparto hoy"),
    ("delayed at the courier's regional depot", "retrasado en el almacén regional de la empresa de transporte"),
    ("in transit with our courier", "en tránsito con la empresa de transporte"),
]
MONTHS_ES = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
