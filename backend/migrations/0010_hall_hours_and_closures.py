from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    """Halls, windows and slots managed by the county administrator (issue 17): a hall's opening
    hours and its closed days (hall_closure), a window's active switch, slot length and capacity."""

    dependencies = [("models", "0009_supervision_indexes")]

    initial = False

    operations = [
        ops.CreateModel(
            name="HallClosure",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "hall",
                    fields.ForeignKeyField(
                        "models.ServiceHall",
                        source_field="hall_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="closures",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("day", fields.DateField()),
                ("reason", fields.CharField(max_length=200)),
            ],
            options={
                "table": "hall_closure",
                "app": "models",
                "unique_together": (("hall", "day"),),
                "pk_attr": "id",
                "table_description": "A day a hall is closed besides the region's holidays (a move, a power cut): no slots.",
            },
            bases=["Model"],
        ),
        ops.AddField(
            model_name="ServiceHall",
            name="opening_hours",
            field=fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name="ServiceWindow",
            name="active",
            field=fields.BooleanField(default=True, db_default=True),
        ),
        ops.AddField(
            model_name="ServiceWindow",
            name="capacity",
            field=fields.IntField(default=1, db_default=1),
        ),
        ops.AddField(
            model_name="ServiceWindow",
            name="slot_minutes",
            field=fields.IntField(default=30, db_default=30),
        ),
    ]
