"""Helpers shared by tests: settings, the app as a client, GraphQL calls, sign-in."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from typing import Any

import httpx

from backend.app import create_app
from backend.settings import Settings

REDIS_URL = os.environ.get("REDIS_URL") or None
RUN = uuid.uuid4().hex[:8]


def make_settings(database_url: str, **changes: Any) -> Settings:
    base = Settings(
        database_url=database_url,
        redis_url=REDIS_URL,
        env="development",
        secret_key="test-secret-key-of-at-least-32-chars-" + RUN,
        rate_limit_per_minute=1_000_000,
    )
    return replace(base, **changes)


class app_client:
    def __init__(self, settings: Settings, client_addr: str = "127.0.0.1") -> None:
        self.app = create_app(settings)
        self.client_addr = client_addr

    async def __aenter__(self) -> httpx.AsyncClient:
        self._lifespan = self.app.router.lifespan_context(self.app)
        await self._lifespan.__aenter__()
        transport = httpx.ASGITransport(app=self.app, client=(self.client_addr, 50000))
        self._client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        return self._client

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()
        await self._lifespan.__aexit__(*exc)


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


SIGN_IN = """
mutation SignIn($credential: String!) {
  signIn(provider: "development", credential: $credential) {
    __typename
    ... on Session { token citizen { name } }
    ... on SignInError { code }
  }
}
"""


async def sign_in(client: httpx.AsyncClient, resident: str) -> str:
    body = await gql(client, SIGN_IN, {"credential": resident})
    token: str = body["data"]["signIn"]["token"]
    return token
