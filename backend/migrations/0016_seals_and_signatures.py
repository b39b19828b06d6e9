"""Sealed documents and signatures (issue 19): each department's signing keys (seal_key), the PDFs
sealed with them (sealed_document), citizens' signatures given in the app (signature) and the
later checks of their commitments (commitment_check)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0015_search_grams_by_region_and_tier')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SealKey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key_id', fields.CharField(unique=True, max_length=40)),
                ('department_code', fields.CharField(db_index=True, max_length=32)),
                ('department_name', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('algorithm', fields.CharField(default='Ed25519', max_length=16)),
                ('public_key', fields.CharField(max_length=64)),
                ('private_key', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('retired_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'seal_key', 'app': 'models', 'pk_attr': 'id', 'table_description': "A department's Ed25519 key. The private half is kept encrypted with a key derived from"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SealedDocument',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('number', fields.CharField(unique=True, max_length=32)),
                ('kind', fields.CharField(max_length=24)),
                ('application_id', fields.UUIDField(db_index=True)),
                ('citizen_id', fields.IntField(db_index=True)),
                ('region_code', fields.CharField(null=True, max_length=6)),
                ('license_type', fields.CharField(null=True, max_length=40)),
                ('license_number', fields.CharField(null=True, db_index=True, max_length=64)),
                ('sha256', fields.CharField(db_index=True, max_length=64)),
                ('statement', fields.TextField(unique=False)),
                ('signature', fields.CharField(max_length=128)),
                ('key', fields.ForeignKeyField('models.SealKey', source_field='key_id', db_constraint=True, to_field='id', related_name='documents', on_delete=OnDelete.RESTRICT)),
                ('pdf', fields.BinaryField()),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_reason', fields.CharField(null=True, max_length=200)),
                ('revoked_by', fields.CharField(null=True, max_length=80)),
            ],
            options={'table': 'sealed_document', 'app': 'models', 'pk_attr': 'id', 'table_description': "A PDF ZeroRun issued and sealed: a notice of the window's decision or an e-license's"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Signature',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=16)),
                ('application_id', fields.UUIDField(db_index=True)),
                ('region_code', fields.CharField(null=True, max_length=6)),
                ('citizen_id', fields.IntField()),
                ('session_id', fields.UUIDField(null=True)),
                ('subject', fields.CharField(max_length=64)),
                ('text_sha256', fields.CharField(max_length=64)),
                ('signed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('statement', fields.TextField(unique=False)),
                ('seal', fields.CharField(max_length=128)),
                ('key', fields.ForeignKeyField('models.SealKey', source_field='key_id', db_constraint=True, to_field='id', related_name='signatures', on_delete=OnDelete.RESTRICT)),
            ],
            options={'table': 'signature', 'app': 'models', 'pk_attr': 'id', 'table_description': "A citizen's signature given in the app: what they signed (the text's SHA-256), in which"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CommitmentCheck',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('signature', fields.OneToOneField('models.Signature', source_field='signature_id', db_constraint=True, to_field='id', related_name='commitment_check', on_delete=OnDelete.CASCADE)),
                ('application_id', fields.UUIDField(db_index=True)),
                ('region_code', fields.CharField(null=True, db_index=True, max_length=6)),
                ('material_id', fields.CharField(max_length=64)),
                ('due_on', fields.DateField()),
                ('status', fields.CharField(default='scheduled', max_length=12)),
                ('note', fields.CharField(null=True, max_length=500)),
                ('checked_by', fields.CharField(null=True, max_length=80)),
                ('checked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('scheduled_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'commitment_check', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The later check (核查) of a signed commitment: scheduled by the sweep once the'},
            bases=['Model'],
        ),
    ]
