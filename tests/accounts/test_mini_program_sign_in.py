"""Sign-in from a mini-program: the login code is exchanged on the platform's server (the
stand-in, over real HTTP) and the openid for the identity verified by the province."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest
from support import REGISTRY_TOKEN, Registry, app_client, gql

from backend.settings import Settings

SIGN_IN = """mutation($p: String!, $c: String!) { signIn(provider: $p, credential: $c) {
  __typename ... on Session { token citizen { name } } ... on SignInError { code message { zh } } } }"""
ME = "{ me { name } }"


@pytest.fixture
def platforms(settings: Settings, registry: Registry) -> Settings:
    return replace(
        settings,
        env="production",
        wechat_appid="wx-demo-app",
        wechat_secret="wx-demo-secret",
        wechat_url=registry.url,
        alipay_appid="2021000000000000",
        alipay_url=registry.url,
        identity_url=registry.url,
        identity_token=REGISTRY_TOKEN,
    )


async def sign_in(client: httpx.AsyncClient, provider: str, code: str) -> dict[str, object]:
    return (await gql(client, SIGN_IN, {"p": provider, "c": code}))["data"]["signIn"]  # type: ignore[no-any-return]


async def test_a_wechat_and_an_alipay_login_code_sign_in_the_verified_resident(
    platforms: Settings,
) -> None:
    async with app_client(platforms) as client:
        wechat = await sign_in(client, "wechat", "wx-demo-4")
        alipay = await sign_in(client, "alipay", "ali-demo-4")
        me = await gql(client, ME, token=str(wechat["token"]))
        demo = await sign_in(client, "development", "demo-4")

    assert wechat["citizen"] == alipay["citizen"] == {"name": "张秀英"}
    assert me["data"]["me"] == {"name": "张秀英"}
    assert demo["code"] == "PROVIDER_DISABLED"  # production: only the platforms


async def test_a_bad_code_an_unverified_account_and_a_platform_down_are_told_apart(
    platforms: Settings, registry: Registry
) -> None:
    async with app_client(platforms) as client:
        bad = await sign_in(client, "wechat", "stolen-code")
        unverified = await sign_in(client, "alipay", "ali-unverified")
    async with app_client(replace(platforms, identity_url="http://127.0.0.1:9")) as client:
        down = await sign_in(client, "wechat", "wx-demo-1")
    async with app_client(replace(platforms, wechat_appid="")) as client:
        off = await sign_in(client, "wechat", "wx-demo-1")

    assert bad["code"] == "INVALID_CREDENTIAL"
    assert unverified["code"] == "NOT_VERIFIED"
    assert down["code"] == "PROVIDER_UNAVAILABLE"
    assert off["code"] == "UNKNOWN_PROVIDER"
