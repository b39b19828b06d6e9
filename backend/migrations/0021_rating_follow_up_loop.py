"""Issue 20, the 好差评 closed loop (docs/adr/0019-rating-follow-up-loop.md): a rating's channel
(online, or the window's rating pad with the clerk who recorded it); rated_matter, the matters
a rating speaks for with the score the public figures count, filled in for the ratings given
so far; and a follow-up's callback, rectification, 追评 and how it closed (the ones closed so
far were closed by the single answer)."""

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

# The matters of the ratings given so far: a matter application's own, a life event's members.
FILL = (
    'INSERT INTO "rated_matter" ("rating_id", "matter_id", "department_code", "region_code", "score")'
    ' SELECT "r"."id", "m"."id", "m"."department_code",'
    ' COALESCE("c"."region_code", "a"."region_code", "m"."region_code"), "r"."score"'
    ' FROM "rating" "r" JOIN "application" "a" ON "a"."id" = "r"."application_id"'
    ' JOIN "application" "c" ON "c"."{column}" = "a"."id" AND "c"."matter_code" IS NOT NULL'
    ' JOIN "matter" "m" ON "m"."code" = "c"."matter_code"'
)


class Migration(migrations.Migration):
    dependencies = [("models", "0020_supervision_by_month_quarter_and_year")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Rating",
            name="channel",
            field=fields.CharField(max_length=8, default="online", db_default="online"),
        ),
        ops.AddField(
            model_name="Rating",
            name="recorded_by",
            field=fields.CharField(max_length=64, null=True),
        ),
        ops.CreateModel(
            name="RatedMatter",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("rating_id", fields.IntField()),
                ("matter_id", fields.IntField()),
                ("department_code", fields.CharField(max_length=32)),
                ("region_code", fields.CharField(max_length=6)),
                ("score", fields.SmallIntField()),
            ],
            options={
                "table": "rated_matter",
                "app": "models",
                "indexes": [
                    Index(
                        fields=["region_code", "department_code", "matter_id", "rating_id", "score"]
                    ),
                    Index(fields=["rating_id"]),
                ],
                "pk_attr": "id",
                "table_description": "One matter a rating speaks for, with the score that counts in the public figures",
            },
            bases=["Model"],
        ),
        ops.RunSQL(FILL.format(column="id"), reverse_sql="SELECT 1"),
        ops.RunSQL(FILL.format(column="parent_id"), reverse_sql="SELECT 1"),
        *(
            ops.AddField(model_name="FollowUp", name=name, field=field)
            for name, field in (
                ("callback_due_on", fields.DateField(null=True)),
                ("callback_at", fields.DatetimeField(null=True)),
                ("callback_by", fields.CharField(max_length=64, null=True)),
                ("callback_method", fields.CharField(max_length=8, null=True)),
                ("callback_note", fields.TextField(null=True)),
                ("callback_late_at", fields.DatetimeField(null=True)),
                ("rectified_at", fields.DatetimeField(null=True)),
                ("rectified_by", fields.CharField(max_length=64, null=True)),
                ("rectification", fields.TextField(null=True)),
                ("rectification_late_at", fields.DatetimeField(null=True)),
                ("re_rating_due_on", fields.DateField(null=True)),
                ("re_score", fields.SmallIntField(null=True)),
                ("re_comment", fields.TextField(null=True)),
                ("re_rated_at", fields.DatetimeField(null=True)),
                ("closed_as", fields.CharField(max_length=12, null=True)),
            )
        ),
        ops.RunSQL(
            'UPDATE "follow_up" SET "closed_as" = \'answered\' WHERE "closed_at" IS NOT NULL',
            reverse_sql="SELECT 1",
        ),
    ]
