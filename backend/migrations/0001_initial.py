from uuid import uuid4

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="Citizen",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("provider", fields.CharField(max_length=32)),
                ("subject", fields.CharField(max_length=64)),
                ("name", fields.CharField(max_length=64)),
                ("profile", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "citizen",
                "app": "models",
                "unique_together": (("provider", "subject"),),
                "pk_attr": "id",
                "table_description": "A citizen known through an identity provider, with the profile the provider verified.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LifeEvent",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=32)),
                ("region_code", fields.CharField(db_index=True, max_length=6)),
                ("name_zh", fields.CharField(max_length=200)),
                ("name_en", fields.CharField(max_length=300)),
                ("definition", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("content_hash", fields.CharField(max_length=64)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "life_event",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A life event (一件事): several matters applied for as one.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LifeEventMember",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "life_event",
                    fields.ForeignKeyField(
                        "models.LifeEvent",
                        source_field="life_event_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="members",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("matter_code", fields.CharField(db_index=True, max_length=32)),
                ("position", fields.IntField()),
            ],
            options={
                "table": "life_event_member",
                "app": "models",
                "unique_together": (("life_event", "position"),),
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Matter",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=32)),
                ("region_code", fields.CharField(db_index=True, max_length=6)),
                ("department_code", fields.CharField(db_index=True, max_length=32)),
                ("department_name", fields.CharField(max_length=100)),
                ("kind", fields.CharField(db_index=True, max_length=40)),
                ("audience", fields.CharField(max_length=16)),
                ("name_zh", fields.CharField(max_length=200)),
                ("name_en", fields.CharField(max_length=300)),
                ("extends_code", fields.CharField(null=True, db_index=True, max_length=32)),
                ("status", fields.CharField(default="published", max_length=12)),
                ("published_version_id", fields.IntField(null=True)),
                ("search_text", fields.TextField(unique=False)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "matter",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A matter (事项), identified by its code, its content in immutable versions.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="MatterGram",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("gram", fields.CharField(max_length=2)),
                (
                    "matter",
                    fields.ForeignKeyField(
                        "models.Matter",
                        source_field="matter_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="grams",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
            ],
            options={
                "table": "matter_gram",
                "app": "models",
                "unique_together": (("gram", "matter"),),
                "pk_attr": "id",
                "table_description": "Search index: every one- and two-character gram of a matter's searchable text.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="MatterVersion",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "matter",
                    fields.ForeignKeyField(
                        "models.Matter",
                        source_field="matter_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="versions",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("number", fields.IntField()),
                ("source", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("definition", fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ("content_hash", fields.CharField(max_length=64)),
                ("note", fields.CharField(default="", max_length=200)),
                ("published_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "matter_version",
                "app": "models",
                "unique_together": (("matter", "number"),),
                "pk_attr": "id",
                "table_description": "One published version of a matter, never changed once written.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Application",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "citizen",
                    fields.ForeignKeyField(
                        "models.Citizen",
                        source_field="citizen_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="applications",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "matter_version",
                    fields.ForeignKeyField(
                        "models.MatterVersion",
                        source_field="matter_version_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="applications",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("matter_code", fields.CharField(max_length=32)),
                ("status", fields.CharField(default="draft", max_length=16)),
                ("answers", fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ("situation", fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ("idempotency_key", fields.CharField(null=True, max_length=64)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "submitted_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "application",
                "app": "models",
                "unique_together": (("citizen", "idempotency_key"),),
                "indexes": [Index(fields=["citizen_id", "created_at"])],
                "pk_attr": "id",
                "table_description": "One citizen's case (办件), pinned forever to the matter version it was started on.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ApplicationEvent",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "application",
                    fields.ForeignKeyField(
                        "models.Application",
                        source_field="application_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="events",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("kind", fields.CharField(max_length=32)),
                ("message_zh", fields.CharField(max_length=300)),
                ("message_en", fields.CharField(max_length=300)),
                ("at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "application_event",
                "app": "models",
                "pk_attr": "id",
                "table_description": "One step of an application's timeline, in plain language for the citizen.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Region",
            fields=[
                (
                    "code",
                    fields.CharField(primary_key=True, unique=True, db_index=True, max_length=6),
                ),
                ("name", fields.CharField(max_length=64)),
                ("parent_code", fields.CharField(null=True, db_index=True, max_length=6)),
                ("level", fields.CharField(max_length=10)),
            ],
            options={
                "table": "region",
                "app": "models",
                "pk_attr": "code",
                "table_description": "A GB/T 2260 administrative region: province, city or county.",
            },
            bases=["Model"],
        ),
    ]
