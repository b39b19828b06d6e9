"""A stand-in of the payment platform (WeChat Pay API v3 shaped, see backend/payments/platform.py):
orders, queries, refunds and the day's bill for any merchant id, held in memory, and a cashier
`POST /_pay/{out_trade_no}` that plays the citizen paying: the order is paid and the platform's
notice delivered to the order's notify_url, signed with the stand-in's Ed25519 key.

The cashier's body says how the notice goes: `{"notify": "once"}` (the default), `"twice"` (the
same notice delivered again, as a platform does when it missed the answer), `"none"` (lost: the
reconciliation finds it), or `"forged"` (signed with another key). The switches of source
`payments` (`POST /_control`) make the API slow or failing like a registry source. The key is
derived from a fixed phrase: its public key is settings.DEV_PAY_PUBLIC_KEY, trusted in
development only.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import time
from typing import Any

import httpx
import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

SOURCE = "payments"  # the name its switches go by
DEV_KEY_PHRASE = b"zerorun dev-registry payment platform"
CHINA = dt.timezone(dt.timedelta(hours=8))
NOTIFY_MODES = ("once", "twice", "none", "forged")


def dev_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(DEV_KEY_PHRASE).digest())


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status)


def _trade(order: dict[str, Any]) -> dict[str, Any]:
    keys = ("mchid", "out_trade_no", "transaction_id", "trade_state", "success_time", "amount")
    return {k: order[k] for k in keys if order.get(k) is not None}


class PaymentPlatform:
    def __init__(self, key: Ed25519PrivateKey | None = None) -> None:
        self.key = key or dev_key()
        self.orders: dict[tuple[str, str], dict[str, Any]] = {}
        self.refunds: dict[tuple[str, str], dict[str, Any]] = {}

    async def create_order(self, request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
            mchid, number = str(body["mchid"]), str(body["out_trade_no"])
            total, notify_url = body["amount"]["total"], str(body["notify_url"])
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return _error(400, "PARAM_ERROR", "mchid, out_trade_no, amount.total, notify_url")
        if isinstance(total, bool) or not isinstance(total, int) or total <= 0:
            return _error(400, "PARAM_ERROR", "amount.total must be a positive integer (fen)")
        order = self.orders.setdefault(
            (mchid, number),
            {
                "mchid": mchid,
                "out_trade_no": number,
                "amount": {"total": total, "currency": "CNY"},
                "trade_state": "NOTPAY",
                "notify_url": notify_url,
                "prepay_id": "wx" + secrets.token_hex(14),
            },
        )
        if order["amount"]["total"] != total:
            return _error(400, "INVALID_REQUEST", "out_trade_no used with another amount")
        return JSONResponse({"prepay_id": order["prepay_id"]})

    async def query(self, request: Request) -> Response:
        key = (request.query_params.get("mchid", ""), request.path_params["number"])
        order = self.orders.get(key)
        if order is None:
            return _error(404, "ORDER_NOT_EXIST", "no such order")
        return JSONResponse(_trade(order))

    async def refund(self, request: Request) -> Response:
        try:
            body = orjson.loads(await request.body())
            key = (str(body["mchid"]), str(body["out_trade_no"]))
            refund_no, amount = str(body["out_refund_no"]), body["amount"]["refund"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            return _error(400, "PARAM_ERROR", "mchid, out_trade_no, out_refund_no, amount.refund")
        order = self.orders.get(key)
        if order is None:
            return _error(404, "RESOURCE_NOT_EXISTS", "no such order")
        done = self.refunds.get((key[0], refund_no))
        if done is not None:  # the same refund asked again: answered, not repeated
            return JSONResponse(done)
        if order["trade_state"] != "SUCCESS" or amount != order["amount"]["total"]:
            return _error(400, "INVALID_REQUEST", "only a paid order, refunded whole")
        order["trade_state"] = "REFUND"
        order["amount"]["refund"] = amount
        order["refund_count"] = order.get("refund_count", 0) + 1
        done = {"refund_id": "50" + secrets.token_hex(10), "out_refund_no": refund_no}
        done |= {"out_trade_no": key[1], "status": "SUCCESS"}
        self.refunds[(key[0], refund_no)] = done
        return JSONResponse(done)

    async def bill(self, request: Request) -> Response:
        mchid, day = request.query_params.get("mchid", ""), request.query_params.get("bill_date")
        trades = [
            _trade(o)
            for (m, _), o in self.orders.items()
            if m == mchid and o.get("success_time", "").startswith(day or "-")
        ]
        return JSONResponse({"bill_date": day, "trades": trades})

    async def cashier(self, request: Request) -> Response:
        """The citizen pays: the order paid, its notice delivered as the body asks."""
        number = request.path_params["number"]
        found = [o for (_, n), o in self.orders.items() if n == number]
        raw = await request.body()
        mode = (orjson.loads(raw) if raw else {}).get("notify", "once")
        if not found or mode not in NOTIFY_MODES:
            return _error(400, "PARAM_ERROR", f"an open order and notify in {NOTIFY_MODES}")
        order = found[0]
        if order["trade_state"] == "NOTPAY":
            order["trade_state"] = "SUCCESS"
            order["transaction_id"] = "42" + secrets.token_hex(13)
            order["success_time"] = dt.datetime.now(CHINA).isoformat(timespec="seconds")
        times = {"once": 1, "twice": 2, "none": 0, "forged": 1}[mode]
        key = Ed25519PrivateKey.generate() if mode == "forged" else self.key
        delivered = [await self._deliver(order, key) for _ in range(times)]
        return JSONResponse({"deliveries": delivered, "trade": _trade(order)})

    async def show(self, request: Request) -> Response:
        """An order as the platform holds it, with how often it was refunded (for tests)."""
        found = [o for (_, n), o in self.orders.items() if n == request.path_params["number"]]
        if not found:
            return _error(404, "ORDER_NOT_EXIST", "no such order")
        return JSONResponse({**_trade(found[0]), "refund_count": found[0].get("refund_count", 0)})

    async def _deliver(self, order: dict[str, Any], key: Ed25519PrivateKey) -> int:
        """POST the signed notice to the order's notify_url; its answer's status (0: none)."""
        body = orjson.dumps(
            {
                "id": secrets.token_hex(16),
                "create_time": dt.datetime.now(CHINA).isoformat(timespec="seconds"),
                "event_type": "TRANSACTION.SUCCESS",
                "resource_type": "plain",  # WeChat Pay encrypts it (AES-256-GCM); see the ADR
                "resource": _trade(order),
            }
        )
        stamp, nonce = str(int(time.time())), secrets.token_hex(16)
        signature = key.sign(b"%s\n%s\n%s\n" % (stamp.encode(), nonce.encode(), body))
        headers = {
            "Content-Type": "application/json",
            "Wechatpay-Timestamp": stamp,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Signature": base64.b64encode(signature).decode(),
            "Wechatpay-Serial": "stand-in",
        }
        try:
            async with httpx.AsyncClient(timeout=10) as http:
                response = await http.post(order["notify_url"], content=body, headers=headers)
        except httpx.HTTPError:
            return 0
        return response.status_code
