"""The payments ledger (payment): one row a submitted application that owes fees, its order at
the payment platform, how it was paid and its refund (issue 19, docs/adr/0015-payment-adapter.md)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0017_auto_decisions_and_clocks')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Payment',
            fields=[
                ('id', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=32)),
                ('application_id', fields.UUIDField(unique=True)),
                ('citizen_id', fields.IntField()),
                ('amount_fen', fields.BigIntField()),
                ('items', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('status', fields.CharField(default='created', max_length=12)),
                ('channel', fields.CharField(default='online', max_length=8)),
                ('platform_trade_no', fields.CharField(null=True, max_length=64)),
                ('paid_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('paid_day', fields.DateField(null=True, db_index=True)),
                ('received_by', fields.CharField(null=True, max_length=64)),
                ('refund_status', fields.CharField(null=True, db_index=True, max_length=8)),
                ('refund_lease_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('refund_attempts', fields.IntField(default=0)),
                ('refunded_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_error', fields.CharField(null=True, max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'payment', 'app': 'models', 'pk_attr': 'id', 'table_description': 'What one application owes and how it was paid (网上支付 or at the window), and its'},
            bases=['Model'],
        ),
    ]
