"""The payment platform's adapter: orders, queries, refunds and the day's bill over HTTP, and
the verification of the platform's signed notices. Shaped like WeChat Pay API v3 (paths,
`out_trade_no`, amounts in fen, `Wechatpay-*` headers on a notice; docs/adr/0017-payment-
adapter.md says where it differs and how Alipay maps onto it).

Every call has a timeout; a platform that does not answer, answers 5xx or answers something
that is not the JSON expected is `PlatformUnavailable` (the caller tells the citizen to try
again, and nothing is recorded as paid); a 4xx is `PlatformRefused` with the platform's code.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from backend.settings import Settings

NOTICE_MAX_AGE_SECONDS = 300  # a notice signed longer ago (or ahead) is a replay: refused
MAX_NOTICE_BYTES = 16_384  # a real notice is about 1 KB; the route refuses more unread


class PlatformUnavailable(Exception):
    """The platform did not answer usefully in time: try again later."""


class PlatformRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


class BadNotice(Exception):
    """A notice whose signature, age or body does not hold: refused, and logged."""


@dataclass(frozen=True)
class Trade:
    out_trade_no: str
    state: str  # SUCCESS | NOTPAY | REFUND | CLOSED
    amount_fen: int
    transaction_id: str | None = None
    refunded_fen: int = 0
    success_time: str | None = None

    @classmethod
    def of(cls, doc: Any) -> Trade:
        try:
            return cls(
                out_trade_no=str(doc["out_trade_no"]),
                state=str(doc["trade_state"]),
                amount_fen=int(doc["amount"]["total"]),
                transaction_id=doc.get("transaction_id"),
                refunded_fen=int(doc["amount"].get("refund", 0)),
                success_time=doc.get("success_time"),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise PlatformUnavailable(f"unexpected trade: {e!r}") from None


class PaymentPlatform:
    """One merchant account at the platform, for the app's workers and the CLI."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self.url = settings.pay_url.rstrip("/")
        self.mchid, self.notify_url = settings.pay_mchid, settings.pay_notify_url
        self.timeout = settings.pay_timeout_seconds
        self.http = http
        self.headers = {"Authorization": f"Bearer {settings.pay_token}"}
        key = base64.b64decode(settings.pay_public_key or "", validate=False)
        self.public_key = Ed25519PublicKey.from_public_bytes(key) if len(key) == 32 else None

    @property
    def configured(self) -> bool:
        return bool(self.url)

    async def create_order(self, out_trade_no: str, amount_fen: int, description: str) -> str:
        """Open the order (JSAPI 下单); the prepay id the mini-program hands `requestPayment`.
        Opening it again with the same number answers the same order."""
        body = {
            "mchid": self.mchid,
            "out_trade_no": out_trade_no,
            "description": description[:127],
            "notify_url": self.notify_url,
            "amount": {"total": amount_fen, "currency": "CNY"},
        }
        doc = await self._call("POST", "/v3/pay/transactions/jsapi", body)
        prepay = doc.get("prepay_id") if isinstance(doc, dict) else None
        if not isinstance(prepay, str):
            raise PlatformUnavailable("no prepay_id in the answer")
        return prepay

    async def query(self, out_trade_no: str) -> Trade:
        doc = await self._call(
            "GET", f"/v3/pay/transactions/out-trade-no/{out_trade_no}?mchid={self.mchid}"
        )
        return Trade.of(doc)

    async def refund(self, out_trade_no: str, out_refund_no: str, amount_fen: int) -> str:
        """Refund the whole order; the same `out_refund_no` again refunds nothing more."""
        body = {
            "mchid": self.mchid,
            "out_trade_no": out_trade_no,
            "out_refund_no": out_refund_no,
            "amount": {"refund": amount_fen, "total": amount_fen, "currency": "CNY"},
        }
        doc = await self._call("POST", "/v3/refund/domestic/refunds", body)
        status = doc.get("status") if isinstance(doc, dict) else None
        if status not in ("SUCCESS", "PROCESSING"):
            raise PlatformUnavailable(f"unexpected refund status {status!r}")
        return str(status)

    async def bill(self, day: dt.date) -> list[Trade]:
        """The platform's trades of a China day (交易账单), for the reconciliation."""
        doc = await self._call(
            "GET", f"/v3/bill/tradebill?mchid={self.mchid}&bill_date={day.isoformat()}"
        )
        if not isinstance(doc, dict) or not isinstance(doc.get("trades"), list):
            raise PlatformUnavailable("no trades in the bill")
        return [Trade.of(t) for t in doc["trades"]]

    async def stand_in_cashier(self, out_trade_no: str) -> None:
        """The stand-in platform's cashier (`zerorun dev-registry`, `POST /_pay/{order}`) pays
        the order and delivers its notice before answering: what wx.requestPayment does for a
        citizen in WeChat, for the browser build in development only."""
        await self._call("POST", f"/_pay/{out_trade_no}", {"notify": "once"})

    def verify(self, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        """The notice's resource once its Ed25519 signature over `timestamp\\nnonce\\nbody\\n`
        (as WeChat Pay signs its notices, there with RSA) and its age hold."""
        if self.public_key is None:
            raise BadNotice("no platform public key configured (ZERORUN_PAY_PUBLIC_KEY)")
        stamp, nonce = headers.get("wechatpay-timestamp", ""), headers.get("wechatpay-nonce", "")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > NOTICE_MAX_AGE_SECONDS:
            raise BadNotice("missing or stale Wechatpay-Timestamp")
        try:
            signature = base64.b64decode(headers.get("wechatpay-signature", ""), validate=True)
            self.public_key.verify(
                signature, b"%s\n%s\n%s\n" % (stamp.encode(), nonce.encode(), body)
            )
            doc = orjson.loads(body)
            resource = doc["resource"]
        except (binascii.Error, InvalidSignature):
            raise BadNotice("bad signature") from None
        except (orjson.JSONDecodeError, KeyError, TypeError):
            raise BadNotice("malformed notice") from None
        if not isinstance(resource, dict) or resource.get("mchid") != self.mchid:
            raise BadNotice("notice for another merchant")
        return resource

    async def _call(self, method: str, path: str, body: Any = None) -> Any:
        try:
            response = await self.http.request(
                method,
                self.url + path,
                content=orjson.dumps(body) if body is not None else None,
                headers={**self.headers, "Content-Type": "application/json"},
                timeout=self.timeout,
            )
        except httpx.HTTPError as e:
            raise PlatformUnavailable(f"{type(e).__name__}") from None
        if response.status_code >= 500:
            raise PlatformUnavailable(f"HTTP {response.status_code}")
        try:
            doc = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise PlatformUnavailable("an answer that is not JSON") from None
        if response.status_code >= 400:
            error = doc if isinstance(doc, dict) else {}
            raise PlatformRefused(str(error.get("code", response.status_code)), str(error))
        return doc
