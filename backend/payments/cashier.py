"""Paying at the stand-in platform's cashier, for the mini-program's browser build in
development: a mini-program hands the order's prepay id to wx.requestPayment (my.tradePay) and
the platform's own cashier takes the money; a browser has no such cashier, so the dev server
plays it, through the same notice a real payment sends."""

from __future__ import annotations

from backend.accounts.service import Citizen
from backend.applications import service as applications
from backend.applications.service import ApplicationProblem
from backend.payments.models import Payment
from backend.payments.orders import PaymentProblem, Payments
from backend.payments.platform import PlatformRefused, PlatformUnavailable


async def pay_at_stand_in(
    payments: Payments, citizen: Citizen, application_id: str
) -> Payment | PaymentProblem:
    """The order payFees opened for my application, paid at the stand-in's cashier; its notice
    has reached /pay/notify (and recorded it paid) when this returns. An expected refusal is
    answered, not raised (an HTTP route, not a resolver, turns it into its status):
    NOT_FOUND (not my application), NOT_PAYABLE (no open order), PLATFORM_UNAVAILABLE."""
    try:
        app = await applications.own(citizen, application_id)
    except ApplicationProblem as e:
        return PaymentProblem("NOT_FOUND", e.message_zh, e.message_en)
    payment = await Payment.get_or_none(application_id=app.parent_id or app.id)
    if payment is None or payment.status != "created":
        return PaymentProblem(
            "NOT_PAYABLE",
            "没有待支付的订单：请先发起缴费。",
            "There is no open order to pay: start paying first.",
        )
    try:
        await payments.platform.stand_in_cashier(payment.id)
    except (PlatformUnavailable, PlatformRefused):
        return PaymentProblem(
            "PLATFORM_UNAVAILABLE",
            "支付平台暂时无法连接，没有扣款，请稍后再试。",
            "The payment platform cannot be reached; nothing was charged. Try again later.",
        )
    return await Payment.get(id=payment.id)
