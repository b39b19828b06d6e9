"""A stand-in of the province's identity verification (身份核验): asked whether a resident ID and
a name belong together, it answers `{"match": true}` or `{"match": false}`, as the public
security's citizen-identity service does for a window that holds the person's ID card. It knows
the demo residents and the population registry's records; the switches of source `identity`
make it slow or failing like any other source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

SOURCE = "identity"  # the name its switches go by


def known_people(residents_file: Path, sources: dict[str, Any]) -> dict[str, str]:
    """Resident ID -> name: the demo residents and the population registry's records."""
    people: dict[str, str] = {}
    if residents_file.exists():
        for r in orjson.loads(residents_file.read_bytes())["residents"]:
            people[r["id_number"]] = r["name"]
    for record in sources.get("population", {}).values():
        people.setdefault(record["id_number"], record["name"])
    return people


async def verify(people: dict[str, str], request: Request) -> Response:
    """`POST /identity/verify` with `{"id_number": …, "name": …}`."""
    try:
        body = orjson.loads(await request.body())
        id_number, name = str(body["id_number"]), str(body["name"])
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return JSONResponse({"error": 'expected {"id_number": str, "name": str}'}, status_code=400)
    return JSONResponse({"match": people.get(id_number) == name})
