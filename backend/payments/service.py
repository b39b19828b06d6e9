"""Payments (网上支付): what an application owes, its order at the payment platform, the
platform's notices, payment at the window, refunds and the day's reconciliation. What other
domains, the API and the CLI use of this domain (its public surface)."""

from backend.payments.cashier import pay_at_stand_in as pay_at_stand_in
from backend.payments.models import Payment as Payment
from backend.payments.orders import MAX_ORDER_FEN as MAX_ORDER_FEN
from backend.payments.orders import Bill as Bill
from backend.payments.orders import Order as Order
from backend.payments.orders import PaymentProblem as PaymentProblem
from backend.payments.orders import Payments as Payments
from backend.payments.orders import bill_of as bill_of
from backend.payments.orders import handle_notice as handle_notice
from backend.payments.orders import open_order as open_order
from backend.payments.orders import pay_at_window as pay_at_window
from backend.payments.orders import payment_of as payment_of
from backend.payments.orders import recover as recover
from backend.payments.orders import settled as settled
from backend.payments.platform import MAX_NOTICE_BYTES as MAX_NOTICE_BYTES
from backend.payments.platform import BadNotice as BadNotice
from backend.payments.platform import PaymentPlatform as PaymentPlatform
from backend.payments.platform import PlatformUnavailable as PlatformUnavailable
from backend.payments.reconcile import Line as Line
from backend.payments.reconcile import Report as Report
from backend.payments.reconcile import reconcile as reconcile
from backend.payments.refunds import owe_refund as owe_refund
from backend.payments.refunds import send_refunds as send_refunds
