"""Where each department's own system is: declared by an operator (`zerorun exchange endpoint
set`), one per department and county; the secret of its key id comes from the settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from backend.exchange import signing
from backend.exchange.models import Endpoint

MAX_ENDPOINTS = 500  # listed at once: the province has 43 systems of 24 departments


class BadEndpoint(ValueError):
    """A declaration that cannot be used, with the reason in plain words."""


async def declare(
    department_code: str, region_code: str, url: str, key_id: str, active: bool = True
) -> Endpoint:
    """Declare (or change) the department's system in the county; raises BadEndpoint."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadEndpoint(f"the URL must be http(s)://host/path, not {url!r}")
    if not region_code.isdigit() or len(region_code) != 6:
        raise BadEndpoint(f"the region must be a 6-digit code, not {region_code!r}")
    if not department_code or len(department_code) > 32:
        raise BadEndpoint("the department code must be 1 to 32 characters")
    if not key_id or len(key_id) > 64:
        raise BadEndpoint("the key id must be 1 to 64 characters")
    found = await Endpoint.get_or_none(department_code=department_code, region_code=region_code)
    if found is None:
        return await Endpoint.create(
            department_code=department_code,
            region_code=region_code,
            url=url,
            key_id=key_id,
            active=active,
        )
    found.url, found.key_id, found.active = url, key_id, active
    await found.save()
    return found


async def listed() -> list[Endpoint]:
    return await Endpoint.all().order_by("region_code", "department_code").limit(MAX_ENDPOINTS)


async def endpoint_for(department_code: str, region_code: str) -> Endpoint | None:
    """The active endpoint of the department in the county, None when none is declared."""
    return await Endpoint.get_or_none(
        department_code=department_code, region_code=region_code, active=True
    )


async def signed_by_declared(
    headers: Mapping[str, str], message: bytes, secret_of: Callable[[str], str | None]
) -> str:
    """The key id that signed `message` (headers keyed in lower case), when an active endpoint
    signs with it: only those keys sign a report or a file's fetch, in development too;
    signing.BadSignature otherwise."""
    key_id = headers.get(signing.KEY_ID.lower(), "")
    declared = await Endpoint.exists(key_id=key_id[:64], active=True)
    return signing.verify(headers, message, secret_of if declared else lambda _: None)


DEMO = ("330106-GAJ", "330106", "demo-gaj")  # 户口迁入 in 西湖区 is reviewed in its own system


async def seed_demo_endpoint(registry_url: str) -> Endpoint:
    """Development: the Xihu police's system is the stand-in registry's department inbox, with
    a development key (its secret derived by both sides)."""
    department, region, key_id = DEMO
    return await declare(department, region, f"{registry_url.rstrip('/')}/department/inbox", key_id)
