"""The outbound policy itself: which addresses and host names Mimic may connect to
(MIMIC_OUTBOUND_ALLOW), the errors a refusal raises, the address classes. It reads no setting:
the settings validate their value with it, and app/outbound.py applies it."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass, field
from functools import lru_cache

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

SETTING = "MIMIC_OUTBOUND_ALLOW"
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
KEYWORDS: dict[str, tuple[str, ...]] = {
    "loopback": ("127.0.0.0/8", "::1/128"),
    "private": ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"),
}
# Instance metadata services answer credentials to whoever asks from inside the machine.
METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16")
)
_CLASSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("loopback", ("127.0.0.0/8", "::1/128")),
    ("unspecified", ("0.0.0.0/8", "::/128")),
    ("link-local", ("169.254.0.0/16", "fe80::/10")),
    ("private", ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")),
    ("unique-local", ("fc00::/7",)),
    ("shared (CGNAT)", ("100.64.0.0/10",)),
    ("multicast", ("224.0.0.0/4", "ff00::/8")),
    ("site-local", ("fec0::/10",)),
    ("reserved", ("192.0.0.0/24", "240.0.0.0/4")),
)
_CLASS_NETWORKS = [(label, [ipaddress.ip_network(n) for n in nets]) for label, nets in _CLASSES]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HOSTNAME = re.compile(r"^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$")


class OutboundError(Exception):
    """An outbound request that must not be (or cannot be) made."""

    kind = "connection"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OutboundRefused(OutboundError):
    """The destination is not allowed by the outbound policy."""

    kind = "refused"


class UnresolvedHost(OutboundError):
    """The host name does not resolve, so it cannot be checked (nor reached)."""

    kind = "connection"


class ReplyTooLarge(OutboundError):
    """The answer is larger than MIMIC_MAX_REPLY_BYTES: reading stopped at the cap."""

    kind = "too_large"


class UnreadableReply(OutboundError):
    """The answer is compressed in a way that cannot be read within the cap."""

    kind = "bad_response"


def _embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped ::ffff:a.b.c.d, NAT64, 6to4)."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def address_class(address: Address) -> str | None:
    """Why `address` is not a public one ("loopback", "link-local", ...), or None if it is."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:  # mapped, NAT64 and 6to4 addresses reach the IPv4 address inside
        return address_class(embedded)
    if address in METADATA:
        return "cloud metadata"
    for label, networks in _CLASS_NETWORKS:
        if any(address in n for n in networks):
            return label
    if address.is_multicast:
        return "multicast"
    if address.is_unspecified:
        return "unspecified"
    if not address.is_global or address.is_reserved:
        return "reserved"
    return None


def _address(text: str) -> Address:
    return ipaddress.ip_address(text.split("%", 1)[0])  # without an IPv6 zone ("fe80::1%eth0")


def normal_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


@dataclass(frozen=True)
class OutboundPolicy:
    """What may be reached besides public addresses (empty: public addresses only). A cloud
    metadata address is reached only when an IP or CIDR entry names it, never by a keyword."""

    networks: tuple[Network, ...] = ()  # from IP and CIDR entries
    keyword_networks: tuple[Network, ...] = ()  # from `loopback` and `private`
    hosts: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()  # "*.example.com" permits the subdomains of example.com
    source: str = field(default="", compare=False)

    @classmethod
    def parse(cls, text: str) -> OutboundPolicy:
        """From the setting's text; a ValueError names each entry that is none of the forms."""
        networks: list[Network] = []
        keyword_networks: list[Network] = []
        hosts: set[str] = set()
        domains: list[str] = []
        bad: list[str] = []
        for raw in (text or "").split(","):
            entry = raw.strip().lower()
            if not entry:
                continue
            if entry in KEYWORDS:
                keyword_networks += [ipaddress.ip_network(n) for n in KEYWORDS[entry]]
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
                continue
            except ValueError:
                pass
            host = entry.rstrip(".")
            if not _HOSTNAME.match(host) or "/" in host:
                bad.append(raw.strip())
            elif host.startswith("*."):
                domains.append(host[2:])
            else:
                hosts.add(host)
        if bad:
            raise ValueError(
                f"{SETTING}: not a CIDR, an IP, a host name, *.domain, 'loopback' or 'private': {', '.join(bad)}"
            )
        return cls(tuple(networks), tuple(keyword_networks), frozenset(hosts), tuple(domains), source=text or "")

    def allows_host(self, host: str) -> bool:
        """The host name itself is on the allow-list (then any address it resolves to is)."""
        name = normal_host(host)
        return name in self.hosts or any(name.endswith("." + d) for d in self.domains)

    def refusal(self, address: Address) -> str | None:
        """The class of a refused address, or None when it may be reached."""
        forms = [address] if address.version == 4 or address.ipv4_mapped is None else [address, address.ipv4_mapped]
        if any(a in n for a in forms for n in self.networks):
            return None
        label = address_class(address)
        if label is None or label == "cloud metadata":
            return label
        return None if any(a in n for a in forms for n in self.keyword_networks) else label

    async def allowed_addresses(self, host: str, port: int | None = None) -> list[str]:
        """Resolves `host` (with the event loop's getaddrinfo) and returns its addresses, each
        checked; raises OutboundRefused if any is refused, UnresolvedHost if there is none."""
        name, literal = self._literal(host)
        if literal is not None:
            return self._checked(name, [str(literal)], literal=True)
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise UnresolvedHost(f"cannot resolve host {name!r}: {getattr(exc, 'strerror', None) or exc}") from exc
        return self._checked(name, _addresses(name, infos), literal=False)

    def allowed_addresses_blocking(self, host: str, port: int | None = None) -> list[str]:
        """allowed_addresses for synchronous clients (resolves with a blocking getaddrinfo)."""
        name, literal = self._literal(host)
        if literal is not None:
            return self._checked(name, [str(literal)], literal=True)
        try:
            infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise UnresolvedHost(f"cannot resolve host {name!r}: {getattr(exc, 'strerror', None) or exc}") from exc
        return self._checked(name, _addresses(name, infos), literal=False)

    @staticmethod
    def _literal(host: str) -> tuple[str, Address | None]:
        name = normal_host(host)
        if not name:
            raise OutboundRefused("the URL has no host")
        try:
            return name, _address(name)
        except ValueError:
            return name, None

    def _checked(self, name: str, addresses: list[str], *, literal: bool) -> list[str]:
        if self.allows_host(name):
            return addresses
        for text in addresses:
            label = self.refusal(_address(text))
            if label is not None:
                where = text if literal else f"{name} ({text})"
                raise OutboundRefused(
                    f"{where} is a {label} address: outbound requests go to public addresses only, "
                    f"unless {SETTING} permits it"
                )
        return addresses


def _addresses(name: str, infos: list) -> list[str]:
    addresses = list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))
    if not addresses:
        raise UnresolvedHost(f"cannot resolve host {name!r}: no address")
    return addresses


@lru_cache(maxsize=8)
def parsed_policy(text: str) -> OutboundPolicy:
    return OutboundPolicy.parse(text)
