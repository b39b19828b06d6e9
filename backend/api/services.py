"""What every request may use, built once when a worker starts: the domains' services and the
worker's caches. The API layer reads them from the request's context; the app (backend/app.py)
builds them."""

from __future__ import annotations

from dataclasses import dataclass, field

from backend.accounts.service import IdentityProvider, Sessions
from backend.api.catalog_changes import TTL_SECONDS, TTL_WITH_REDIS, announce, channel
from backend.api.fastpath.answers import PublicAnswers
from backend.authoring.service import Dictionary
from backend.calendar.service import WorkingCalendar
from backend.catalog.service import CatalogRows
from backend.datasources.service import Sharing
from backend.files.service import FileStore
from backend.infra import kv
from backend.infra.bus import Bus, LocalBus
from backend.infra.redis_link import RedisLink
from backend.notifications.service import LoggingNotifier, Notifier
from backend.payments.service import Payments
from backend.settings import Settings
from backend.staff.service import StaffSessions


@dataclass
class Services:
    """What every request may use; built once at start-up."""

    settings: Settings
    sessions: Sessions
    providers: dict[str, IdentityProvider]
    sharing: Sharing
    staff_sessions: StaffSessions
    calendar: WorkingCalendar
    files: FileStore
    authoring: Dictionary
    payments: Payments
    kv: kv.KeyValue = field(default_factory=kv.LocalKeyValue)
    bus: Bus = field(default_factory=LocalBus)
    notifier: Notifier = field(default_factory=LoggingNotifier)
    public_answers: PublicAnswers = field(default_factory=PublicAnswers)
    catalog_rows: CatalogRows = field(default_factory=lambda: CatalogRows(TTL_SECONDS))
    redis: RedisLink | None = None  # when configured: whether Redis answers, for /readyz

    async def catalog_changed(self) -> None:
        """After a publish, retirement or life-event change: every worker forgets what it kept."""
        self.forget_catalog()
        await announce(self.bus, self.settings.cache_prefix)

    def forget_catalog(self) -> None:
        self.public_answers.forget()
        self.catalog_rows.forget()

    async def follow_catalog(self) -> None:
        """Forget what this worker keeps whenever the catalog changes anywhere (runs for the
        worker's life). While the other workers' announcements cannot be heard (Redis lost),
        answers are kept as briefly as without Redis; once they can, everything kept is
        forgotten: announcements made meanwhile were missed."""
        async with self.bus.subscribe(
            channel(self.settings.cache_prefix),
            lost=lambda: self.keep_catalog_for(TTL_SECONDS),
            resumed=lambda: self.keep_catalog_for(TTL_WITH_REDIS),
        ) as changes:
            async for _ in changes:
                self.forget_catalog()

    def keep_catalog_for(self, seconds: float) -> None:
        self.public_answers.ttl = self.catalog_rows.ttl = seconds
        self.forget_catalog()
