"""The supervisor's summary keeps, besides days, each matter's whole months, quarters and years
(`grain`), so that a long period reads a few rows per matter instead of one per day
(supervision_periods); its index leads with the grain. The summary is derived data: it is
emptied, with its watermark, and the next `zerorun sweep` writes it again with every grain
(meanwhile the dashboard reads every day live, as it did before the first sweep)."""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0019_department_hand_off")]

    initial = False

    operations = [
        ops.RunSQL('DELETE FROM "supervision_day"', reverse_sql="SELECT 1"),
        ops.RunSQL('DELETE FROM "supervision_watermark"', reverse_sql="SELECT 1"),
        ops.RemoveIndex(model_name="SupervisionDay", name=None, fields=["day", "region_code"]),
        ops.AddField(
            model_name="SupervisionDay",
            name="grain",
            field=fields.CharField(default="d", db_default="d", max_length=1),
        ),
        ops.AddIndex(
            model_name="SupervisionDay", index=Index(fields=["grain", "day", "region_code"])
        ),
    ]
