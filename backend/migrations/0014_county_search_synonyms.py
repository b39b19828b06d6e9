"""A county's own search synonyms (search_synonym): its citizens' words for the catalog's, added
in the workbench beside the province's dictionary (form_schemas/synonyms.json)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0013_supervision_by_matter_id_and_lost_indexes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SearchSynonym',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('region_code', fields.CharField(max_length=6)),
                ('said', fields.CharField(max_length=30)),
                ('meant', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('updated_by', fields.CharField(max_length=64)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'search_synonym', 'app': 'models', 'unique_together': (('region_code', 'said'),), 'pk_attr': 'id', 'table_description': "A county's own word for its citizens' searches (docs/search.md): a search in the county,"},
            bases=['Model'],
        ),
    ]
