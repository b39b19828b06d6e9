"""The supervisor's summary keeps each matter's department again, beside its id, and an index
that holds what the dashboard reads of a matter's row in the order it groups them: department,
matter, day. A province's year (440,000 rows into 86,000 matters) is then one ordered pass of
the index, the departments summed from the matters with no join, where it was a hash of every
row and a join of every matter to the catalog. The rows already written get their matter's
department here, so the summary stays in use across the upgrade."""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

# As SupervisionDay's Meta declared it here.
COVERING = [
    "department_code",
    "matter_id",
    "day",
    "region_code",
    "received",
    "completed",
    "zero_run",
    "one_run",
    "on_time",
    "timed",
]


class Migration(migrations.Migration):
    dependencies = [("models", "0018_payments")]

    initial = False

    operations = [
        ops.AddField(
            model_name="SupervisionDay",
            name="department_code",
            field=fields.CharField(default="", db_default="", max_length=32),
        ),
        ops.RunSQL(
            'UPDATE "supervision_day" SET "department_code" = (SELECT "m"."department_code"'
            ' FROM "matter" "m" WHERE "m"."id" = "supervision_day"."matter_id")'
            ' WHERE "matter_id" <> 0',
            reverse_sql="SELECT 1",
        ),
        ops.AddIndex(model_name="SupervisionDay", index=Index(fields=COVERING)),
    ]
