"""A life event's matter applications carry the county of their life event, as they are made
now: the supervisor's dashboard counts each matter application in its region, and those made
before had none (they were counted in no region)."""

from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0011_supervision_run_counts")]

    initial = False

    operations = [
        ops.RunSQL(
            'UPDATE "application" SET "region_code" = (SELECT "p"."region_code"'
            ' FROM "application" "p" WHERE "p"."id" = "application"."parent_id")'
            ' WHERE "parent_id" IS NOT NULL AND "region_code" IS NULL',
            reverse_sql="SELECT 1",
        ),
    ]
