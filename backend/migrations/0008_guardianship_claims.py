from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """Guardianship shown by a material (issue 16): a guardian's claim over a minor the household
    register does not show, pending until a window clerk of their county reviews it."""

    dependencies = [("models", "0007_households")]

    initial = False

    operations = [
        ops.CreateModel(
            name="GuardianshipClaim",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "guardian",
                    fields.ForeignKeyField(
                        "models.Citizen",
                        source_field="guardian_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="guardianship_claims",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("child_id_number", fields.CharField(max_length=18)),
                ("child_name", fields.CharField(max_length=64)),
                ("region_code", fields.CharField(db_index=True, max_length=6)),
                ("file_key", fields.CharField(max_length=128)),
                ("filename", fields.CharField(max_length=255)),
                ("content_type", fields.CharField(max_length=64)),
                ("status", fields.CharField(default="pending", max_length=8)),
                ("reason", fields.CharField(null=True, max_length=300)),
                ("decided_by", fields.CharField(null=True, max_length=64)),
                ("decided_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "representation",
                    fields.ForeignKeyField(
                        "models.Representation",
                        source_field="representation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="claims",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "guardianship_claim",
                "app": "models",
                "pk_attr": "id",
                "table_description": "A guardian's claim over a minor the household register does not show them with, on a",
            },
            bases=["Model"],
        ),
    ]
