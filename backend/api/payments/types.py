"""Paying fees online: the order a citizen pays (its prepay id for the platform's cashier) and
why paying did not start."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, ClassVar

import strawberry

from backend.api.errors import Problems
from backend.api.types import LocalizedText
from backend.applications.service import Application, ApplicationProblem
from backend.payments import service


@strawberry.enum(description="Where a payment stands.")
class PaymentStatus(Enum):
    CREATED = strawberry.enum_value("created", description="Ordered at the platform, not paid.")
    PAID = "paid"
    REFUNDED = "refunded"


@strawberry.type(description="A fee in the order, as owed when the order was opened.")
class PaidFee:
    id: str = strawberry.field(description="`<matter code>:<fee id>` in a life event.")
    name: LocalizedText
    amount_cny: float


@strawberry.type(description="What an application owes and its order at the payment platform.")
class PaymentOrder:
    id: strawberry.ID = strawberry.field(description="The order number (out_trade_no).")
    amount_cny: float
    status: PaymentStatus
    channel: str = strawberry.field(description="online | window")
    fees: list[PaidFee]
    prepay_id: str | None = strawberry.field(
        description="Hand it to the platform's cashier (wx.requestPayment); null once paid."
    )
    refunded: bool

    @classmethod
    def of(cls, order: service.Order) -> PaymentOrder:
        p = order.payment
        return cls(
            id=strawberry.ID(p.id),
            amount_cny=p.amount_fen / 100,
            status=PaymentStatus(p.status),
            channel=p.channel,
            fees=[
                PaidFee(
                    id=i["id"], name=LocalizedText.of(i["name"]), amount_cny=i["amount_fen"] / 100
                )
                for i in p.items
            ],
            prepay_id=order.prepay_id,
            refunded=p.refund_status == "done",
        )


async def payment_order_of(app: Application) -> PaymentOrder | None:
    """The application's order as it stands, without asking the platform (no prepay id)."""
    payment = await service.payment_of(app)
    return PaymentOrder.of(service.Order(payment, None)) if payment else None


@strawberry.enum(description="Why paying did not start.")
class PaymentErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value("NOT_FOUND", description="No such application of mine.")
    NOT_PAYABLE = strawberry.enum_value(
        "NOT_PAYABLE", description="Not submitted yet, or already decided."
    )
    NOTHING_TO_PAY = "NOTHING_TO_PAY"
    AMOUNT_UNKNOWN = strawberry.enum_value(
        "AMOUNT_UNKNOWN",
        description="A value a computed fee needs (the price, the area) is missing.",
    )
    AMOUNT_OUT_OF_BOUNDS = strawberry.enum_value(
        "AMOUNT_OUT_OF_BOUNDS", description="More than can be paid online: pay at the window."
    )
    PLATFORM_UNAVAILABLE = strawberry.enum_value(
        "PLATFORM_UNAVAILABLE",
        description="The payment platform did not answer (or online payment is off); nothing was charged.",
    )


@strawberry.type(description="Why paying did not start; nothing was charged.")
class PaymentError:
    problem: ClassVar[Problems] = (service.PaymentProblem, ApplicationProblem)
    code: PaymentErrorCode
    message: LocalizedText

    @classmethod
    def of(cls, p: service.PaymentProblem | ApplicationProblem) -> PaymentError:
        return cls(
            code=PaymentErrorCode(p.code),
            message=LocalizedText(zh=p.message_zh, en=p.message_en),
        )


PayFeesResult = Annotated[PaymentOrder | PaymentError, strawberry.union("PayFeesResult")]
