from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.models import Model
from tortoise.transactions import in_transaction

from backend.backoffice import chain
from backend.infra.logs import current_request_id


class ReviewTask(Model):
    """One department's part of an accepted application, reviewed in parallel with the others."""

    id = fields.IntField(primary_key=True)
    application_id = fields.UUIDField(
        db_index=True
    )  # the matter application (a life event's child)
    root_id = fields.UUIDField(
        db_index=True
    )  # what the citizen submitted: the application or its parent
    matter_code = fields.CharField(max_length=32)
    department_code = fields.CharField(max_length=32, db_index=True)
    department_name = fields.CharField(max_length=100)
    region_code = fields.CharField(max_length=6, db_index=True)
    status = fields.CharField(max_length=12, default="pending")  # pending | approved | denied
    due_on = fields.DateField(null=True)
    due_provisional = fields.BooleanField(default=False)  # as Application.due_provisional
    opinion = fields.TextField(null=True)
    result_document = fields.CharField(max_length=200, null=True)
    decided_by = fields.CharField(max_length=64, null=True)
    decided_at = fields.DatetimeField(null=True)
    overdue_flagged_at = fields.DatetimeField(null=True)
    # While its clock is paused for a special procedure (a Suspension open since then)
    suspended_at = fields.DatetimeField(null=True)
    # Handed to the department's own system (数据交换): it decides through /exchange/decisions,
    # never a reviewer in the workbench; its delivery is the exchange domain's.
    with_system = fields.BooleanField(default=False, db_default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "review_task"
        indexes = (("status", "region_code"),)  # the dashboard's overdue work of a region


class DeferredMaterial(Model):
    """A material the window accepted an application without (容缺受理): due by a date, the
    result withheld until it arrives."""

    id = fields.IntField(primary_key=True)
    application_id = fields.UUIDField(db_index=True)  # what the citizen submitted (the root)
    material_id = fields.CharField(max_length=100)  # as the application's checklist names it
    due_on = fields.DateField()
    accepted_by = fields.CharField(max_length=64)
    received_at = fields.DatetimeField(null=True)
    received_by = fields.CharField(max_length=80, null=True)  # staff:<username> | citizen:<id>
    file_key = fields.CharField(max_length=64, null=True)
    reminded_at = fields.DatetimeField(null=True)
    overdue_flagged_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "deferred_material"
        unique_together = (("application_id", "material_id"),)


class AutomaticCheck(Model):
    """A sampled automatic decision (秒批抽查): a reviewer of the deciding department checks
    afterwards that the rules decided rightly, and records the outcome once."""

    id = fields.IntField(primary_key=True)
    task_id = fields.IntField(unique=True)  # the department's part the rules approved
    application_id = fields.UUIDField()  # what the citizen submitted (the root)
    region_code = fields.CharField(max_length=6)
    department_code = fields.CharField(max_length=32)  # each department checks its own
    decided_by = fields.CharField(max_length=80)  # the rules: "rules:<matter>@v<version>"
    outcome = fields.CharField(max_length=12, null=True)  # None | confirmed | wrong
    note = fields.TextField(null=True)
    checked_by = fields.CharField(max_length=64, null=True)
    checked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "automatic_check"
        indexes = (("region_code", "department_code", "outcome"),)  # a department's queue


class Suspension(Model):
    """A review task's clock paused for a special procedure the law does not count (行政许可法
    art. 45: expert review, public notice, hearing…), with its reason; its working days shift
    the task's and the application's deadlines once it resumes."""

    id = fields.IntField(primary_key=True)
    task_id = fields.IntField(db_index=True)
    application_id = fields.UUIDField(db_index=True)  # the task's root
    kind = fields.CharField(max_length=16)  # expert_review | public_notice | hearing | inspection
    reason = fields.TextField()
    started_by = fields.CharField(max_length=64)
    started_at = fields.DatetimeField()
    ended_by = fields.CharField(max_length=64, null=True)
    ended_at = fields.DatetimeField(null=True)
    paused_days = fields.IntField(null=True)  # working days, counted on resumption

    class Meta:
        table = "suspension"


class AuditEntry(Model):
    """Append-only: who did what to which application, staff account or citizen's data, when,
    with the state before and after. The database refuses to change or delete an entry
    (triggers, migration 0021), and each entry is chained to the one before it by its hash
    (backend/backoffice/chain.py), so that an entry changed behind the triggers' back shows."""

    id = fields.IntField(primary_key=True)
    actor = fields.CharField(max_length=80)  # "staff:<username>" | "citizen:<id>" | "system"
    action = fields.CharField(max_length=40)
    subject_id = fields.UUIDField(db_index=True, null=True)  # the application, when it is one
    # else "staff:<username>", or "citizen:<id>" for a read of a citizen's data
    subject = fields.CharField(max_length=80, null=True, db_index=True)
    before: Any = fields.JSONField(null=True)
    after: Any = fields.JSONField(null=True)
    at = fields.DatetimeField(auto_now_add=True)
    request_id = fields.CharField(max_length=64, null=True)  # the request that wrote it
    prev_hash = fields.CharField(max_length=64, null=True)  # the entry before it's hash
    hash = fields.CharField(max_length=64, null=True)  # chain.digest(prev_hash, this entry)

    class Meta:
        table = "audit_entry"

    async def save(
        self, using_db: BaseDBAsyncClient | None = None, *args: Any, **kwargs: Any
    ) -> None:
        """Inserts the entry linked to the chain's head, which stays locked until the writer's
        transaction ends (one is begun when the writer has none)."""
        if self._saved_in_db:
            raise PermissionError("audit entries are append-only")
        db = using_db or self._choose_db(True)
        if isinstance(db, TransactionalDBClient):
            await self._link(db, *args, **kwargs)
            return
        async with in_transaction(db.connection_name) as transaction:
            await self._link(transaction, *args, **kwargs)

    async def _link(self, db: BaseDBAsyncClient, *args: Any, **kwargs: Any) -> None:
        _, rows = await db.execute_query(chain.HEAD[db.capabilities.dialect])
        self.prev_hash = rows[0]["hash"] if rows else chain.GENESIS
        self.at = dt.datetime.now(dt.UTC)
        if self.request_id is None:
            self.request_id = current_request_id()
        self.hash = chain.digest(self.prev_hash, {f: getattr(self, f) for f in chain.FIELDS})
        await super().save(db, *args, **kwargs)

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        raise PermissionError("audit entries are append-only")


class AuditChain(Model):
    """The audit log chain's head: one row (id 1), the newest entry's hash, moved by a trigger
    as each entry is inserted. A writer reads it locked, so that no two entries link to the
    same one; a head changed by hand makes the next entry's link fail verification."""

    id = fields.IntField(primary_key=True)
    hash = fields.CharField(max_length=64)
    entry_id = fields.IntField(null=True)

    class Meta:
        table = "audit_chain"


class SupervisionDay(Model):
    """The supervisor's dashboard's figures of one settled day, county and matter (督察汇总), or
    of a matter's whole month, quarter or year.

    As the sweep last summarised them: the applications received that day and how they stand,
    and those completed and the ratings given that day. Written only by supervision_summary."""

    id = fields.IntField(primary_key=True)
    # d: the day; m, q, y: a matter's whole month, quarter or year (supervision_periods),
    # starting on `day`
    grain = fields.CharField(max_length=1, default="d", db_default="d")
    day = fields.DateField()  # China time
    region_code = fields.CharField(max_length=6)
    # the matter's id (matter.id: a number groups faster than a code), 0 on the day's
    # completions and ratings row; its code, names and department are joined when shown
    matter_id = fields.IntField()
    received = fields.IntField()
    completed = fields.IntField()
    zero_run = fields.IntField()
    one_run = fields.IntField()
    on_time = fields.IntField()
    timed = fields.IntField()
    unsettled = fields.IntField()  # of those received, the ones whose figures may still change
    done = fields.IntField()
    rated = fields.IntField()  # ratings given that day (on its completions row), their scores'
    score_sum = fields.IntField()  # sum and the bad ones (2 or less)
    bad = fields.IntField()

    class Meta:
        table = "supervision_day"
        # a county's days (or months…); the province's days (the rows of matter 0)
        indexes = (("grain", "day", "region_code"), ("matter_id", "day"))


class SupervisionWatermark(Model):
    """How far the summary reaches (one row): every day up to settled_through (None: none)."""

    id = fields.IntField(primary_key=True)
    settled_through = fields.DateField(null=True)
    summarised_at = fields.DatetimeField()

    class Meta:
        table = "supervision_watermark"
