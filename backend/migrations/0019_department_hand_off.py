"""The hand-off to departments' own systems (issue 19 §4, docs/adr/0018-department-hand-off.md):
exchange_endpoint, where each department's system is, exchange_delivery, one row a review
task handed to it, and review_task.with_system."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0018_payments')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Delivery',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('application_id', fields.UUIDField(db_index=True)),
                ('task_id', fields.IntField(unique=True)),
                ('department_code', fields.CharField(max_length=32)),
                ('region_code', fields.CharField(max_length=6)),
                ('status', fields.CharField(default='pending', max_length=10)),
                ('body', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('payload_sha256', fields.CharField(null=True, max_length=64)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('claim', fields.CharField(null=True, max_length=32)),
                ('lease_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_error', fields.CharField(null=True, max_length=200)),
                ('delivered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('acknowledged_id', fields.CharField(null=True, max_length=64)),
                ('reported_sha256', fields.CharField(null=True, max_length=64)),
                ('reported_answer', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'exchange_delivery', 'app': 'models', 'indexes': [Index(fields=['status', 'next_attempt_at'])], 'pk_attr': 'id', 'table_description': "One review task handed to its department's system: written in the transaction that opens"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Endpoint',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('department_code', fields.CharField(max_length=32)),
                ('region_code', fields.CharField(max_length=6)),
                ('url', fields.CharField(max_length=300)),
                ('key_id', fields.CharField(max_length=64)),
                ('active', fields.BooleanField(default=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'exchange_endpoint', 'app': 'models', 'unique_together': (('department_code', 'region_code'),), 'pk_attr': 'id', 'table_description': "A department's own system in one county, as an operator declared it (`zerorun exchange"},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='ReviewTask',
            name='with_system',
            field=fields.BooleanField(default=False, db_default=False),
        ),
    ]
