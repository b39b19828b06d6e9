from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MatterDraft',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('region_code', fields.CharField(db_index=True, max_length=6)),
                ('document', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('author', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'matter_draft', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The unpublished changes of one matter, as authored in the configurator (one per matter).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MatterTestCase',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(db_index=True, max_length=32)),
                ('name', fields.CharField(max_length=100)),
                ('profile', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('e_licenses', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('shared_sources', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('situation', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('answers', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('expected', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'matter_test_case', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An example applicant and what the matter should make of them, run on every save.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Matter',
            name='template_version',
            field=fields.IntField(null=True),
        ),
        ops.AddField(
            model_name='MatterVersion',
            name='author',
            field=fields.CharField(default='', max_length=64),
        ),
    ]
