"""Notifications: the outbox every timeline step is written to, the dispatcher that publishes
each step for live updates and hands it to the notifier, and the notifiers. What other domains
and the API use of this domain's own modules (its public surface)."""

from backend.notifications.dispatcher import Dispatcher as Dispatcher
from backend.notifications.dispatcher import worker_name as worker_name
from backend.notifications.notifiers import Gateway as Gateway
from backend.notifications.notifiers import LoggingNotifier as LoggingNotifier
from backend.notifications.notifiers import MiniProgramNotifier as MiniProgramNotifier
from backend.notifications.notifiers import Notifier as Notifier
from backend.notifications.notifiers import SmsNotifier as SmsNotifier
from backend.notifications.notifiers import notifier_for as notifier_for
from backend.notifications.outbox import backlog as backlog
from backend.notifications.outbox import channel as channel
from backend.notifications.outbox import last_step as last_step
from backend.notifications.outbox import now as now
from backend.notifications.outbox import queue_channels as queue_channels
from backend.notifications.outbox import record as record
from backend.notifications.outbox import steps_after as steps_after
