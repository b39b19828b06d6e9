from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """Households (issue 16): the parties of a multi-party application, people acting for
    others and the sessions that act under them, the channel and receiving hall of an
    application, materials accepted as deferred, outputs held for another party or cancelled,
    staff at a hall, and regions and halls down to townships (nine-digit codes)."""

    dependencies = [("models", "0006_sessions_and_staff")]

    initial = False

    operations = [
        ops.CreateModel(
            name="ApplicationParty",
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
                        related_name="parties",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("party", fields.CharField(max_length=64)),
                (
                    "citizen",
                    fields.ForeignKeyField(
                        "models.Citizen",
                        source_field="citizen_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="parties",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("invited_id_number", fields.CharField(null=True, max_length=18)),
                ("invited_mobile", fields.CharField(null=True, max_length=11)),
                ("code_hash", fields.CharField(null=True, unique=True, max_length=64)),
                ("status", fields.CharField(default="invited", max_length=10)),
                ("decline_reason", fields.CharField(null=True, max_length=300)),
                ("joined_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("decided_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "application_party",
                "app": "models",
                "unique_together": (("application", "party"),),
                "pk_attr": "id",
                "table_description": "One party of a multi-party application (多方申请): the citizen who plays the matter's",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="CancelledLicense",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("type", fields.CharField(max_length=40)),
                ("number", fields.CharField(max_length=64)),
                ("holder_id_number", fields.CharField(db_index=True, max_length=18)),
                ("application_id", fields.UUIDField()),
                ("cancelled_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "cancelled_license",
                "app": "models",
                "unique_together": (("type", "number"),),
                "pk_attr": "id",
                "table_description": "An e-license an application's output superseded (the seller's old real-estate",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="DeferredMaterial",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("application_id", fields.UUIDField(db_index=True)),
                ("material_id", fields.CharField(max_length=100)),
                ("due_on", fields.DateField()),
                ("accepted_by", fields.CharField(max_length=64)),
                (
                    "received_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("received_by", fields.CharField(null=True, max_length=80)),
                ("file_key", fields.CharField(null=True, max_length=64)),
                (
                    "reminded_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                (
                    "overdue_flagged_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "deferred_material",
                "app": "models",
                "unique_together": (("application_id", "material_id"),),
                "pk_attr": "id",
                "table_description": "A material the window accepted an application without (容缺受理): due by a date, the",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="LicenseViewer",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "license",
                    fields.ForeignKeyField(
                        "models.IssuedLicense",
                        source_field="license_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="viewers",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "citizen",
                    fields.ForeignKeyField(
                        "models.Citizen",
                        source_field="citizen_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="viewed_licenses",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("relation", fields.CharField(default="guardian", max_length=16)),
            ],
            options={
                "table": "license_viewer",
                "app": "models",
                "unique_together": (("license", "citizen"),),
                "pk_attr": "id",
                "table_description": "Another citizen who sees an issued license in their wallet: a guardian of its holder.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Representation",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "principal",
                    fields.ForeignKeyField(
                        "models.Citizen",
                        source_field="principal_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="represented_by",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "agent_citizen",
                    fields.ForeignKeyField(
                        "models.Citizen",
                        source_field="agent_citizen_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="represents",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("agent_staff", fields.CharField(null=True, db_index=True, max_length=64)),
                ("basis", fields.CharField(max_length=16)),
                ("matters", fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ("evidence", fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                (
                    "valid_until",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
                ("revoked_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "representation",
                "app": "models",
                "pk_attr": "id",
                "table_description": "Someone acting for a citizen (代办 / 帮办), and on what basis: an authorisation the citizen",
            },
            bases=["Model"],
        ),
        ops.AddField(
            model_name="Application",
            name="channel",
            field=fields.CharField(default="online", max_length=8),
        ),
        ops.AddField(
            model_name="Application",
            name="pickup_hall_id",
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name="Application",
            name="received_hall_id",
            field=fields.IntField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name="ApplicationEvent",
            name="actor",
            field=fields.CharField(null=True, max_length=80),
        ),
        ops.AddField(
            model_name="Citizen",
            name="id_number",
            field=fields.CharField(null=True, db_index=True, max_length=18),
        ),
        ops.AddField(
            model_name="CitizenSession",
            name="representation",
            field=fields.ForeignKeyField(
                "models.Representation",
                source_field="representation_id",
                null=True,
                db_constraint=True,
                to_field="id",
                related_name="sessions",
                on_delete=OnDelete.CASCADE,
            ),
        ),
        ops.AlterModelOptions(
            name="IssuedLicense",
            options={
                "table": "issued_license",
                "app": "models",
                "pk_attr": "id",
                "table_description": "An e-license ZeroRun issued as the output of a completed application, to the party the",
            },
        ),
        ops.AddField(
            model_name="IssuedLicense",
            name="holder_id_number",
            field=fields.CharField(null=True, max_length=18),
        ),
        ops.AlterModelOptions(
            name="Outbox",
            options={
                "table": "outbox",
                "app": "models",
                "pk_attr": "id",
                "table_description": "Every timeline step, written in the same transaction: the dispatchers publish each one",
            },
        ),
        ops.AlterModelOptions(
            name="Region",
            options={
                "table": "region",
                "app": "models",
                "pk_attr": "code",
                "table_description": "A GB/T 2260 administrative region (province, city, county) or a township below a county",
            },
        ),
        ops.AlterField(
            model_name="Region",
            name="code",
            field=fields.CharField(primary_key=True, unique=True, db_index=True, max_length=12),
        ),
        ops.AlterField(
            model_name="Region",
            name="parent_code",
            field=fields.CharField(null=True, db_index=True, max_length=12),
        ),
        ops.AlterField(
            model_name="ServiceHall",
            name="region_code",
            field=fields.CharField(db_index=True, max_length=12),
        ),
        ops.AddField(
            model_name="StaffMember",
            name="hall_id",
            field=fields.IntField(null=True),
        ),
        # helper h4: when the result was handed over at the pickup hall (one clerk's handover wins)
        ops.AddField(
            model_name="Application",
            name="handed_over_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
