"""The supervisor's dashboard at province scale: each application keeps the run count its
submission evaluated (null for those submitted before, which the dashboard estimates from the
channel and the delivery mode) and is found by submission time (the dashboard's days after the
summary's, read live), and the sweep's summary of settled days (supervision_day) with
how far it reaches (supervision_watermark)."""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0010_hall_hours_and_closures")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Application",
            name="run_count",
            field=fields.SmallIntField(null=True),
        ),
        ops.AddIndex(
            model_name="Application",
            index=Index(fields=["submitted_at"]),
        ),
        ops.CreateModel(
            name="SupervisionDay",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("day", fields.DateField()),
                ("region_code", fields.CharField(max_length=6)),
                ("matter_code", fields.CharField(max_length=32)),
                ("department_code", fields.CharField(null=True, max_length=32)),
                ("department_name", fields.CharField(null=True, max_length=100)),
                ("received", fields.IntField()),
                ("completed", fields.IntField()),
                ("zero_run", fields.IntField()),
                ("one_run", fields.IntField()),
                ("on_time", fields.IntField()),
                ("timed", fields.IntField()),
                ("unsettled", fields.IntField()),
                ("done", fields.IntField()),
                ("rated", fields.IntField()),
                ("score_sum", fields.IntField()),
                ("bad", fields.IntField()),
            ],
            options={
                "table": "supervision_day",
                "app": "models",
                "indexes": [Index(fields=["day", "region_code"])],
                "pk_attr": "id",
                "table_description": "The supervisor's dashboard's figures of one settled day, county and matter (督察汇总).",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="SupervisionWatermark",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("settled_through", fields.DateField(null=True)),
                ("summarised_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "supervision_watermark",
                "app": "models",
                "pk_attr": "id",
                "table_description": "How far the summary reaches (one row): every day up to settled_through (None: none).",
            },
            bases=["Model"],
        ),
    ]
