"""Issue 19, automatic decisions and clocks: sampled automatic decisions a reviewer checks
afterwards (automatic_check), a review task's paused clock (suspension, review_task.suspended_at),
and on an application whether it qualified for an automatic decision when submitted
(application.automatic) and when the sweep found it deemed accepted, unanswered 5 working days
(application.deemed_accepted_at)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0016_seals_and_signatures')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AutomaticCheck',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('task_id', fields.IntField(unique=True)),
                ('application_id', fields.UUIDField()),
                ('region_code', fields.CharField(max_length=6)),
                ('department_code', fields.CharField(max_length=32)),
                ('decided_by', fields.CharField(max_length=80)),
                ('outcome', fields.CharField(null=True, max_length=12)),
                ('note', fields.TextField(null=True, unique=False)),
                ('checked_by', fields.CharField(null=True, max_length=64)),
                ('checked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'automatic_check', 'app': 'models', 'indexes': [Index(fields=['region_code', 'department_code', 'outcome'])], 'pk_attr': 'id', 'table_description': 'A sampled automatic decision (秒批抽查): a reviewer of the deciding department checks'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Suspension',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('task_id', fields.IntField(db_index=True)),
                ('application_id', fields.UUIDField(db_index=True)),
                ('kind', fields.CharField(max_length=16)),
                ('reason', fields.TextField(unique=False)),
                ('started_by', fields.CharField(max_length=64)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ended_by', fields.CharField(null=True, max_length=64)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('paused_days', fields.IntField(null=True)),
            ],
            options={'table': 'suspension', 'app': 'models', 'pk_attr': 'id', 'table_description': "A review task's clock paused for a special procedure the law does not count (行政许可法"},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Application',
            name='automatic',
            field=fields.BooleanField(default=False),
        ),
        ops.AddField(
            model_name='Application',
            name='deemed_accepted_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='ReviewTask',
            name='suspended_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
