"""`zerorun payments reconcile --day` (the finance office's daily report), `payments recover
ORDER` (record a payment whose notice never came) and `payments refunds` (send the refunds owed
now, as the sweep does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import httpx
import typer

from backend.cli.common import app, err, load_settings, run
from backend.settings import Settings

if TYPE_CHECKING:
    from backend.payments.service import PaymentPlatform

payments_app = typer.Typer(
    help="Fees paid online: reconciliation and refunds.", no_args_is_help=True
)
app.add_typer(payments_app, name="payments")
T = TypeVar("T")


def _with_platform(settings: Settings, use: Callable[[PaymentPlatform], Awaitable[T]]) -> T:
    from backend import db
    from backend.payments.service import PaymentPlatform

    async def go() -> T:
        await db.init(settings)
        try:
            async with httpx.AsyncClient() as http:
                return await use(PaymentPlatform(settings, http))
        finally:
            await db.close()

    return run(go())


@payments_app.command()
def reconcile(
    day: Annotated[
        str | None, typer.Option(help="The China day, YYYY-MM-DD; default: yesterday.")
    ] = None,
) -> None:
    """Compare the day's payments in our ledger with the platform's bill, trade by trade; exit
    1 when any disagrees (NOT_RECORDED, NOT_AT_PLATFORM, AMOUNT, REFUND), 3 when the platform's
    bill cannot be fetched."""
    from backend.payments import service as payments
    from backend.rules.domain import CHINA_TIME

    settings = load_settings()
    try:
        yesterday = dt.datetime.now(CHINA_TIME).date() - dt.timedelta(days=1)
        when = dt.date.fromisoformat(day) if day else yesterday
    except ValueError:
        err.print(f"[red]--day[/] must be YYYY-MM-DD, not {day!r}")
        raise typer.Exit(2) from None
    if not settings.pay_url:
        err.print(
            "[red]ZERORUN_PAY_URL[/] is not set: online payment is off, nothing to reconcile."
        )
        raise typer.Exit(2)
    try:
        report = _with_platform(settings, lambda p: payments.reconcile(p, when))
    except payments.PlatformUnavailable as e:
        err.print(f"[red]The payment platform's bill cannot be fetched:[/] {e}")
        raise typer.Exit(3) from None
    typer.echo("out_trade_no\tchannel\tledger\tplatform\tledger_state\tplatform_state\tproblem")
    for line in report.lines:
        cells = (line.out_trade_no, line.channel, _yuan(line.ledger_fen), _yuan(line.platform_fen))
        states = (line.ledger_state or "-", line.platform_state or "-", line.problem or "")
        typer.echo("\t".join((*cells, *states)))
    err.print(
        f"{when}: online {_yuan(report.total('online'))} yuan, window "
        f"{_yuan(report.total('window'))} yuan, platform {_yuan(report.platform_total)} yuan; "
        f"{len(report.mismatches)} disagreement(s)."
    )
    if report.mismatches:
        raise typer.Exit(1)


@payments_app.command()
def recover(order: str) -> None:
    """Ask the platform about ORDER (a reconciliation's NOT_RECORDED: its notice never came) and
    record it paid when the platform says it is; exit 1 when it is not."""
    from backend.payments import service as payments

    settings = load_settings()
    try:
        recorded = _with_platform(settings, lambda p: payments.recover(p, order))
    except payments.PlatformUnavailable as e:
        err.print(f"[red]The payment platform cannot be asked:[/] {e}")
        raise typer.Exit(3) from None
    err.print(f"{order}: recorded paid." if recorded else f"{order}: nothing to record.")
    if not recorded:
        raise typer.Exit(1)


@payments_app.command()
def refunds() -> None:
    """Send the refunds owed (rejected or denied applications paid online) that nobody holds."""
    from backend.payments import service as payments

    settings = load_settings()
    sent = _with_platform(settings, payments.send_refunds)
    err.print(f"Sent {sent} refund(s).")


def _yuan(fen: int | None) -> str:
    return "-" if fen is None else f"{fen / 100:.2f}"
