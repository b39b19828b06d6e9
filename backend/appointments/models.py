"""Appointments (网上预约): the halls, their windows, time slots and the citizens' bookings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model
from tortoise.validators import MinValueValidator

if TYPE_CHECKING:
    from backend.accounts.service import Citizen


class ServiceHall(Model):
    """A government service hall (政务服务中心) where the one trip happens."""

    id = fields.IntField(primary_key=True)
    # A county's code for its own centre, a township's nine digits for a 便民服务中心
    region_code = fields.CharField(max_length=12, db_index=True)
    name: Any = fields.JSONField()  # {"zh": ..., "en": ...}
    address: Any = fields.JSONField()  # {"zh": ..., "en": ...}
    # Opening hours by ISO weekday ("1" Monday … "7" Sunday), each a list of ["09:00", "12:00"]
    # intervals in China Standard Time; a weekday not named is closed, and so is every weekday
    # while none are set (null: adding a column with a JSON default is beyond SQLite's ALTER).
    opening_hours: Any = fields.JSONField(null=True)

    class Meta:
        table = "service_hall"


class HallClosure(Model):
    """A day a hall is closed besides the region's holidays (a move, a power cut): no slots."""

    id = fields.IntField(primary_key=True)
    hall: fields.ForeignKeyRelation[ServiceHall] = fields.ForeignKeyField(
        "models.ServiceHall", related_name="closures", on_delete=fields.RESTRICT
    )
    hall_id: int
    day = fields.DateField()
    reason = fields.CharField(max_length=200)

    class Meta:
        table = "hall_closure"
        unique_together = (("hall", "day"),)


class ServiceWindow(Model):
    """One window (窗口) of a hall, with time slots of its own."""

    id = fields.IntField(primary_key=True)
    hall: fields.ForeignKeyRelation[ServiceHall] = fields.ForeignKeyField(
        "models.ServiceHall", related_name="windows", on_delete=fields.RESTRICT
    )
    hall_id: int
    name: Any = fields.JSONField()  # {"zh": ..., "en": ...}
    active = fields.BooleanField(
        default=True, db_default=True
    )  # an inactive window gets no new slots
    slot_minutes = fields.IntField(default=30, db_default=30)
    capacity = fields.IntField(default=1, db_default=1)  # each new slot's places

    class Meta:
        table = "service_window"


class TimeSlot(Model):
    """A window's time slot for `capacity` visitors. `booked` counts its active
    bookings and only ever changes through the conditional UPDATEs in the service, so it never
    passes the capacity. (CHECK constraints would say the same in the database, but Tortoise
    1.1 leaves Meta.constraints out of CREATE TABLE: tortoise/tortoise-orm#2272.)"""

    id = fields.IntField(primary_key=True)
    window: fields.ForeignKeyRelation[ServiceWindow] = fields.ForeignKeyField(
        "models.ServiceWindow", related_name="slots", on_delete=fields.RESTRICT
    )
    window_id: int
    starts_at = fields.DatetimeField(db_index=True)
    ends_at = fields.DatetimeField()
    # 0 once withdrawn: its day closed after it was booked (it keeps the cancelled bookings)
    capacity = fields.IntField(validators=[MinValueValidator(0)])
    booked = fields.IntField(default=0)

    class Meta:
        table = "time_slot"
        unique_together = (("window", "starts_at"),)


class Booking(Model):
    """A citizen's booking of one slot, optionally for one of their applications.

    `hold` is set while the booking is active and cleared when it is cancelled; it is unique
    per citizen, so a citizen holds at most one active booking per application (the key is
    the application id) and, without an application, at most one per slot ("slot:<id>").
    A unique constraint on a nullable column is what both SQLite and PostgreSQL enforce
    alike (Tortoise builds partial unique indexes on PostgreSQL only)."""

    id = fields.UUIDField(primary_key=True)
    slot: fields.ForeignKeyRelation[TimeSlot] = fields.ForeignKeyField(
        "models.TimeSlot", related_name="bookings", on_delete=fields.RESTRICT
    )
    slot_id: int
    citizen: fields.ForeignKeyRelation[Citizen] = fields.ForeignKeyField(
        "models.Citizen", related_name="bookings", on_delete=fields.RESTRICT
    )
    citizen_id: int
    application_id = fields.UUIDField(null=True)
    status = fields.CharField(max_length=10, default="booked")  # booked | cancelled
    hold = fields.CharField(max_length=48, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    cancelled_at = fields.DatetimeField(null=True)
    reminded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "booking"
        unique_together = (("citizen", "hold"),)
        indexes = (("citizen_id", "created_at"),)
