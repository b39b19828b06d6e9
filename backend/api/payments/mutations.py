"""The citizen's payment: open (or reopen) the order for every fee an application owes."""

from __future__ import annotations

import strawberry

from backend.api.context import Info
from backend.api.errors import problems_as
from backend.api.payments.types import PayFeesResult, PaymentError, PaymentOrder
from backend.api.permissions import IsSignedIn
from backend.payments import service


@strawberry.type
class PaymentMutations:
    @strawberry.mutation(
        permission_classes=[IsSignedIn],
        description="Pay the fees of my submitted application online: the order for every fee it owes (counted by the server, the deed tax from the price and area), opened at the payment platform; asked again before paying, the same order. Paid when the platform's notice arrives; the application is decided only then. Requires sign-in.",
    )
    @problems_as(PaymentError)
    async def pay_fees(self, info: Info, application_id: strawberry.ID) -> PayFeesResult:
        assert info.context.citizen is not None
        payments = info.context.services.payments
        order = await service.open_order(payments, info.context.citizen, str(application_id))
        return PaymentOrder.of(order)
