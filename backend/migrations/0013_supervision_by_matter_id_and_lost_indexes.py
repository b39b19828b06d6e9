"""The supervisor's summary keeps each matter by its id instead of its code and department (a
province's year groups three times faster by a number; the names and the department are joined
to the groups). The summary is derived data: it is emptied, with its watermark, and the next
`zerorun sweep` writes it again (meanwhile the dashboard reads every day live); the province's
days are read through a new index on (matter_id, day). A follow-up keeps when it was opened
(its rating's time, filled in for the older ones), so that a period's follow-ups are read
without their ratings.

And the indexes the models declare that earlier migrations did not make: Tortoise's AddField
leaves a new column's index out (0006, 0007: a resident ID, an audit subject, a received hall),
and on SQLite removing or altering a column copies the table without its indexes (0006, 0007,
this one). Named as Tortoise names them, so that PostgreSQL's existing ones are kept."""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0012_life_event_matters_in_their_region")]

    initial = False

    operations = [
        ops.RunSQL('DELETE FROM "supervision_day"', reverse_sql="SELECT 1"),
        ops.RunSQL('DELETE FROM "supervision_watermark"', reverse_sql="SELECT 1"),
        ops.AddField(
            model_name="SupervisionDay",
            name="matter_id",
            field=fields.IntField(),
        ),
        ops.RemoveField(model_name="SupervisionDay", name="department_code"),
        ops.RemoveField(model_name="SupervisionDay", name="department_name"),
        ops.RemoveField(model_name="SupervisionDay", name="matter_code"),
        ops.AddIndex(model_name="SupervisionDay", index=Index(fields=["matter_id", "day"])),
        ops.AddField(
            model_name="FollowUp",
            name="opened_at",
            field=fields.DatetimeField(null=True),
        ),
        ops.RunSQL(
            'UPDATE "follow_up" SET "opened_at" = (SELECT "r"."created_at" FROM "rating" "r"'
            ' WHERE "r"."id" = "follow_up"."rating_id")',
            reverse_sql="SELECT 1",
        ),
        ops.AddIndex(model_name="FollowUp", index=Index(fields=["region_code", "opened_at"])),
        *(
            ops.RunSQL(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})',
                reverse_sql="SELECT 1",
            )
            for name, table, columns in (
                ("idx_supervision_day_14e212", "supervision_day", '"day", "region_code"'),
                ("idx_region_parent__786403", "region", '"parent_code"'),
                ("idx_service_hal_region__cd1642", "service_hall", '"region_code"'),
                ("idx_audit_entry_subject_595d7e", "audit_entry", '"subject_id"'),
                ("idx_audit_entry_subject_a57072", "audit_entry", '"subject"'),
                ("idx_staff_membe_region__5fc850", "staff_member", '"region_code"'),
                ("idx_citizen_id_numb_4a635f", "citizen", '"id_number"'),
                ("idx_application_receive_452224", "application", '"received_hall_id"'),
            )
        ),
    ]
