"""The stand-in plays a department's own system (数据交换): it receives ZeroRun's deliveries
at `POST /department/inbox`, checks their HMAC signature with the development secret of the
key id they name, keeps them (one per Idempotency-Key: a delivery sent again is acknowledged
the same), and answers `{"ack_id": ...}` — unless the switches of source `department` make it
slow, failing (500) or wrong (a 200 that is not an acknowledgement). `POST /department/report`
(with the registry's token) makes it report a decision back to ZeroRun, signed the same way,
as tests and the demo do. The signature is computed here on its own, not with ZeroRun's code,
so that a mistake on one side shows."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import time
from typing import Any

import httpx
import orjson
from reportlab.pdfgen import canvas
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from backend.settings import dev_exchange_secret

SOURCE = "department"
INBOX = "/department/inbox"
MAX_BODY = 4 * 1024 * 1024
MAX_KEPT = 1000  # deliveries kept in memory; the oldest are forgotten first
SKEW = 300


def _signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def result_pdf(text: str) -> bytes:
    """A one-page PDF, as a department's system issues its decision document."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, f"Stand-in department decision: {text[:60]}")
    page.save()
    return out.getvalue()


class DepartmentSystem:
    def __init__(self) -> None:
        # By key id and Idempotency-Key; `posts` counts every signed POST of it, repeats too.
        self.received: dict[str, dict[str, Any]] = {}

    async def inbox(self, request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return JSONResponse({"error": "too large"}, status_code=413)
        key_id = request.headers.get("x-zerorun-key-id", "")
        timestamp = request.headers.get("x-zerorun-timestamp", "")
        given = request.headers.get("x-zerorun-signature", "")
        expected = _signature(dev_exchange_secret(key_id), timestamp, body)
        fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= SKEW
        if not key_id or not fresh or not hmac.compare_digest(expected, given):
            return JSONResponse({"error": "bad signature"}, status_code=401)
        idempotency = request.headers.get("idempotency-key", "")
        key = f"{key_id}:{idempotency}"
        if key not in self.received:
            if len(self.received) >= MAX_KEPT:
                self.received.pop(next(iter(self.received)))
            doc = orjson.loads(body)
            ack = f"DEPT-{idempotency}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"
            self.received[key] = {
                "ack_id": ack,
                "key_id": key_id,
                "idempotency_key": idempotency,
                "posts": 0,
                "body": doc,
            }
        self.received[key]["posts"] += 1
        return JSONResponse({"ack_id": self.received[key]["ack_id"]})

    async def listing(self, request: Request) -> Response:
        key_id = request.query_params.get("key_id")
        kept = [v for v in self.received.values() if key_id in (None, v["key_id"])]
        return JSONResponse({"deliveries": kept})

    async def report(self, request: Request) -> Response:
        """Body: {zerorun_url, key_id, report: {...}, document_pdf?: true}; ZeroRun's answer
        is passed back as {status, body}."""
        order = orjson.loads(await request.body())
        report = dict(order["report"])
        if order.get("document_pdf"):
            pdf = result_pdf(str(report.get("opinion", "")))
            report["result_document"] = {
                "filename": "result.pdf",
                "content_base64": base64.b64encode(pdf).decode(),
            }
        body = orjson.dumps(report)
        timestamp = str(int(time.time()))
        key_id = str(order["key_id"])
        headers = {
            "Content-Type": "application/json",
            "X-ZeroRun-Key-Id": key_id,
            "X-ZeroRun-Timestamp": timestamp,
            "X-ZeroRun-Signature": _signature(dev_exchange_secret(key_id), timestamp, body),
        }
        url = str(order["zerorun_url"]).rstrip("/") + "/exchange/decisions"
        async with httpx.AsyncClient(timeout=10) as http:
            answer = await http.post(url, content=body, headers=headers)
        return JSONResponse({"status": answer.status_code, "body": answer.json()})
